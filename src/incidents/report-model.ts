/**
 * The learned report filter: after the rules have read an article's reports, a logistic model over
 * general features of each report's sentence (what the rules found in it, a few cues of tense,
 * negation and quotation, and where it stands in its article) gives the probability that the
 * sentence reports an incident, and reports below the model's threshold are dropped. The model file
 * (`models/incident-reports.json`, `npm run train -- --incident-reports`) names the features it reads,
 * the data it was trained on and the command that rebuilds it; a file of another version or reading
 * other features is refused. Pure apart from reading that file.
 */
import { z } from 'zod';
import { logisticSchema, modelOrFold, readModelFile, writeModelFile } from '../learn/model.js';
import { probability, type LogisticModel } from '../learn/logistic.js';
import { DONE, EVENT } from './event-words.js';
import { FIELD_CUES, setFieldCues, setWordCues, TOLL_WORD, WORD_CUES } from './report-cues.js';
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
  ...FIELD_CUES,
  'second_event',
  ...WORD_CUES,
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
  setFieldCues(f, report, context.published);
  f.second_event = flag(report.event !== undefined);
  setWordCues(f, sentence);
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

/**
 * The file of a learned incident model: its logistic model on every labelled article under `key`,
 * fold k's model trained without the articles of fold k (`foldOf(articleId, folds.length)`), and the
 * threshold chosen on those held-out folds.
 */
export function incidentModelSchema<K extends string>(format: string, key: K) {
  return z
    .object({
      format: z.literal(format),
      version: z.number().int(),
      features: z.array(z.string()),
      folds: z.array(logisticSchema),
      threshold: z.number().min(0).max(1),
      /** The extraction rules it was trained with (`EXTRACTOR_VERSION`). */
      rules: z.string(),
      trainedOn: z.array(z.string()),
      command: z.string(),
      createdAt: z.string(),
      heldOut: z.record(z.string(), z.unknown()),
    })
    .extend({ [key]: logisticSchema } as Record<K, typeof logisticSchema>);
}

/** Reports whose probability falls below the threshold are dropped. */
const schema = incidentModelSchema(REPORT_MODEL_FORMAT, 'reports');

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
  const model = modelOrFold('incident report model', file.reports, file.folds, fold);
  return { model, threshold: file.threshold, id: `reports-v${file.version}-${file.createdAt.slice(0, 10)}${fold === undefined ? '' : `-fold${fold}`}` };
}

/** The reports of one article the filter keeps, in their order. */
export function applyReportFilter(filter: ReportFilter, reports: IncidentReport[], text: string, sentenceCount: number, published?: string): IncidentReport[] {
  if (reports.length === 0) return reports;
  const rows = articleReportFeatures(reports, text, sentenceCount, published);
  return reports.filter((_, i) => probability(filter.model, rows[i]!) >= filter.threshold);
}

export function writeReportModel(file: string, model: ReportModelFile): void {
  writeModelFile(file, model);
}
