/**
 * The learned report filter: after the rules have read an article's reports, a logistic model over
 * general features of each report's sentence (what the rules found in it, a few cues of tense,
 * negation and quotation, and where it stands in its article) gives the probability that the
 * sentence reports an incident, and reports below the model's threshold are dropped. The model file
 * (`models/incident-reports.json`, `npm run train -- --incident-reports`) names the features it reads,
 * the data it was trained on and the command that rebuilds it; a file of another version or reading
 * other features is refused. Pure apart from reading that file.
 */
import fs from 'node:fs';
import { z } from 'zod';
import { logisticSchema, readModelFile } from '../learn/model.js';
import { probability, type LogisticModel } from '../learn/logistic.js';
import { parseIsoDay } from '../time/days.js';
import { DENIED, DONE, EVENT } from './event-words.js';
import { INCIDENT_KINDS, type IncidentReport } from './types.js';

export const REPORT_MODEL_FORMAT = 'sitrep-incident-reports';
export const REPORT_MODEL_VERSION = 1;
export const REPORT_REBUILD_COMMAND = 'npm run train -- --incident-reports';
/** Where the trained filter is kept (INCIDENT_REPORT_MODEL's default). */
export const DEFAULT_REPORT_MODEL = 'models/incident-reports.json';

/** The features, in the order the model reads them. */
export const REPORT_FEATURES = [
  ...INCIDENT_KINDS.map((k) => `kind_${k}`),
  'trigger_toll_word',
  'has_event_word',
  'has_done_verb',
  'killed',
  'injured',
  'log_casualties',
  'day_written',
  'day_relative',
  'day_published',
  'day_none',
  'log_days_before',
  'place_site',
  'place_town',
  'place_region',
  'place_country',
  'place_none',
  'place_gazetteer',
  'other_places',
  'actor',
  'target',
  'second_event',
  'negation',
  'future_modal',
  'past_verb',
  'perfect',
  'progressive',
  'plural_attacks',
  'since',
  'causal',
  'quoted',
  'says',
  'question',
  'log_words',
  'position',
  'first_sentences',
  'log_article_sentences',
  'log_article_reports',
  'report_share',
  'near_report',
] as const;

export type ReportFeature = (typeof REPORT_FEATURES)[number];

/** What a report's features need of its article beyond the report and its sentence. */
export interface ReportContext {
  /** Sentences in the article, and the sentence indices the rules made reports of (in order). */
  sentenceCount: number;
  reportSentences: readonly number[];
  published?: string;
}

export const TOLL_WORD = /^(?:killed|kills?|killing|wounded|wounding|injured|injuring|injures|dead|died)$/i;
export const FUTURE_MODAL = /\b(?:will|would|could|might|may|can|should|plans?|planned|planning|threat\w*|vow\w*|warn\w*|if|possible|potential|imminent|expected|capable)\b/i;
export const PAST_VERB = /\b(?:\w+ed|struck|hit|shot|fired|killed|wounded|launched|blew|fell|took)\b/i;
export const PERFECT = /\b(?:ha(?:ve|s|d))\s+(?:been\s+|also\s+|already\s+)?\w+(?:ed|en|t)\b/i;
export const PROGRESSIVE = /\b(?:is|are|was|were|being)\s+\w+ing\b/i;
export const PLURAL_ATTACKS = /\b(?:attacks|strikes|airstrikes|bombings|explosions|raids|shellings|clashes)\b/i;
export const SINCE = /\bsince\b/i;
export const CAUSAL = /\b(?:after|following|in response|in retaliation|as a result|due to|because|amid|prompt\w*|led to)\b/i;
export const QUOTE = /["“”]/;
export const SAYS = /\b(?:said|says|say|told|according to|reported|reports|claims?|claimed|announced|confirms?|confirmed|stated)\b/i;

const flag = (b: boolean): number => (b ? 1 : 0);
const words = (s: string): number => s.split(/\s+/).filter(Boolean).length;

/** The features of `report`, read from its sentence (`sentence`, the article's words at its span) and its article's shape. */
export function reportFeatures(report: IncidentReport, sentence: string, context: ReportContext): number[] {
  const f: Record<ReportFeature, number> = Object.create(null) as Record<ReportFeature, number>;
  for (const k of INCIDENT_KINDS) f[`kind_${k}`] = flag(report.kind.value === k);
  f.trigger_toll_word = flag(TOLL_WORD.test(report.trigger.value));
  f.has_event_word = flag(EVENT.test(sentence));
  f.has_done_verb = flag(DONE.test(sentence));
  const killed = report.killed?.value ?? 0;
  const injured = report.injured?.value ?? 0;
  f.killed = flag(report.killed !== null);
  f.injured = flag(report.injured !== null);
  f.log_casualties = Math.log1p(killed + injured);
  const basis = report.eventDay?.basis;
  f.day_written = flag(basis === 'written');
  f.day_relative = flag(basis === 'relative');
  f.day_published = flag(basis === 'published');
  f.day_none = flag(report.eventDay === null);
  const published = context.published ? parseIsoDay(context.published) : null;
  const day = report.eventDay ? parseIsoDay(report.eventDay.day) : null;
  f.log_days_before = published != null && day != null ? Math.log1p(Math.max(0, published - day)) : 0;
  const spec = report.place?.specificity;
  f.place_site = flag(spec === 'site');
  f.place_town = flag(spec === 'town');
  f.place_region = flag(spec === 'region');
  f.place_country = flag(spec === 'country');
  f.place_none = flag(report.place === null);
  f.place_gazetteer = flag(report.place?.gazetteer !== undefined || report.place?.country !== undefined);
  f.other_places = Math.min(3, report.otherPlaces.length);
  f.actor = flag(report.actor !== null);
  f.target = flag(report.target !== null);
  f.second_event = flag(report.event !== undefined);
  DENIED.lastIndex = 0;
  f.negation = flag(DENIED.test(sentence));
  DENIED.lastIndex = 0;
  f.future_modal = flag(FUTURE_MODAL.test(sentence));
  f.past_verb = flag(PAST_VERB.test(sentence));
  f.perfect = flag(PERFECT.test(sentence));
  f.progressive = flag(PROGRESSIVE.test(sentence));
  f.plural_attacks = flag(PLURAL_ATTACKS.test(sentence));
  f.since = flag(SINCE.test(sentence));
  f.causal = flag(CAUSAL.test(sentence));
  f.quoted = flag(QUOTE.test(sentence));
  f.says = flag(SAYS.test(sentence));
  f.question = flag(sentence.trimEnd().endsWith('?'));
  f.log_words = Math.log1p(words(sentence));
  const n = Math.max(1, context.sentenceCount);
  f.position = report.sentence / n;
  f.first_sentences = flag(report.sentence < 3);
  f.log_article_sentences = Math.log1p(context.sentenceCount);
  const distinct = new Set(context.reportSentences);
  f.log_article_reports = Math.log1p(distinct.size);
  f.report_share = distinct.size / n;
  f.near_report = flag(context.reportSentences.some((s) => s !== report.sentence && Math.abs(s - report.sentence) <= 2));
  return REPORT_FEATURES.map((k) => f[k]);
}

/** The features of each of an article's reports (`text`: the article's text). */
export function articleReportFeatures(reports: readonly IncidentReport[], text: string, sentenceCount: number, published?: string): number[][] {
  const context: ReportContext = { sentenceCount, reportSentences: reports.map((r) => r.sentence), published };
  return reports.map((r) => reportFeatures(r, text.slice(r.sentenceSpan.start, r.sentenceSpan.end), context));
}

const schema = z.object({
  format: z.literal(REPORT_MODEL_FORMAT),
  version: z.number().int(),
  features: z.array(z.string()),
  /** Trained on every labelled article. */
  reports: logisticSchema,
  /** Fold k's model was trained without the articles of fold k (`foldOf(articleId, folds.length)`). */
  folds: z.array(logisticSchema),
  /** Reports whose probability falls below it are dropped; chosen on held-out folds. */
  threshold: z.number().min(0).max(1),
  /** The extraction rules whose reports it was trained on (`EXTRACTOR_VERSION`). */
  rules: z.string(),
  trainedOn: z.array(z.string()),
  command: z.string(),
  createdAt: z.string(),
  heldOut: z.record(z.string(), z.unknown()),
});

export type ReportModelFile = z.infer<typeof schema> & { reports: LogisticModel; folds: LogisticModel[] };

/** A filter ready to apply: one logistic model and its threshold, and a name for the reports' version. */
export interface ReportFilter {
  model: LogisticModel;
  threshold: number;
  /** Says which model the reports were filtered by (stored with them as part of the extractor's version). */
  id: string;
}

/** Reads and checks a report model file against the features this Sitrep computes. */
export function readReportModel(file: string): ReportModelFile {
  return readModelFile(file, REPORT_FEATURES, {
    name: 'incident report model',
    format: { value: REPORT_MODEL_FORMAT, notOne: 'one' },
    version: REPORT_MODEL_VERSION,
    schema,
    logistics: (m) => [m.reports, ...m.folds],
    rebuild: `Rebuild it with \`${REPORT_REBUILD_COMMAND}\`, or set INCIDENT_REPORT_MODEL=none for the rules alone.`,
    issuePath: true,
  });
}

/** The filter of a model file: its model on all data, or fold `fold`'s (evaluation only). */
export function reportFilterOf(file: ReportModelFile, fold?: number): ReportFilter {
  if (fold !== undefined && !file.folds[fold]) throw new Error(`incident report model: no fold ${fold} (it has ${file.folds.length})`);
  const model = fold === undefined ? file.reports : file.folds[fold]!;
  return { model, threshold: file.threshold, id: `reports-v${file.version}-${file.createdAt.slice(0, 10)}${fold === undefined ? '' : `-fold${fold}`}` };
}

/** The reports of one article the filter keeps, in their order. */
export function applyReportFilter(filter: ReportFilter, reports: IncidentReport[], text: string, sentenceCount: number, published?: string): IncidentReport[] {
  if (reports.length === 0) return reports;
  const rows = articleReportFeatures(reports, text, sentenceCount, published);
  return reports.filter((_, i) => probability(filter.model, rows[i]!) >= filter.threshold);
}

export function writeReportModel(file: string, model: ReportModelFile): void {
  fs.writeFileSync(file, `${JSON.stringify(model, null, 1)}\n`);
}
