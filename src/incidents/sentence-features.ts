/**
 * The features of the learned sentence model (`sentence-model.ts`): for each sentence the trigger
 * filter passes, what the rules' gates said of it (`ReportGates`), the fields read from it whether or
 * not the gates pass, a few cues of tense, quotation and recollection from small word lists, and the
 * shape of its article (its length, how much of it triggers, list bullets, where the rules found
 * reports). General by design: nothing names a place, an actor or an article. Pure.
 */
import type { Article } from '../corpus/types.js';
import { DONE, EVENT } from './event-words.js';
import { FIELD_CUES, setFieldCues, setWordCues, TOLL_WORD, WORD_CUES } from './report-cues.js';
import { IS_REPORT_REFUSALS, MAY_BE_REFUSALS } from './report-filter.js';
import { mayReportIncident } from './trigger.js';
import { INCIDENT_KINDS, type ReportCandidate } from './types.js';

/** The features read from a candidate, before those of the rules' decision (`SENTENCE_FEATURES`). */
const BASE_FEATURES = [
  'rules_pass',
  'may_be_report',
  'toll_only',
  'after_report',
  'day_plausible',
  'is_report',
  'evidence',
  'evidence_ok',
  'two_events',
  'bullet',
  ...INCIDENT_KINDS.map((k) => `kind_${k}`),
  'trigger_toll_word',
  'trigger_weapon_word',
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
  ...WORD_CUES,
  'recalled',
  'running_total',
  'log_words',
  'position',
  'first_sentences',
  'log_article_sentences',
  'candidate_share',
  'bullet_share',
  'log_rule_reports',
  'rule_share',
  'near_rule_report',
  'previous_candidate',
  'title_triggers',
  'place_of_rule_report',
  'day_of_rule_report',
  ...MAY_BE_REFUSALS.map((k) => `refused_${k}` as const),
  ...IS_REPORT_REFUSALS.map((k) => `refused_${k}` as const),
] as const;

type BaseFeature = (typeof BASE_FEATURES)[number];
/**
 * The base features and each again where the rules made a report (`pass_…`: the feature times
 * `rules_pass`): a sentence the rules keep and one they turn away are weighed by two sets of weights,
 * as the cues that tell a false report from a true one need not be those that tell a miss.
 */
const PASSED = BASE_FEATURES.filter((k) => k !== 'rules_pass' && !k.startsWith('refused_'));
export const SENTENCE_FEATURES = [...BASE_FEATURES, ...PASSED.map((k) => `pass_${k}` as const)] as const;

export type SentenceFeature = (typeof SENTENCE_FEATURES)[number];

/** What a candidate's features need of its article beyond the candidate and its sentence. */
export interface SentenceContext {
  sentenceCount: number;
  /** Sentence indices of the article's candidates, and of those the rules made reports of: sets, as every candidate asks of them. */
  candidateSentences: ReadonlySet<number>;
  ruleSentences: ReadonlySet<number>;
  /** Share of the candidates that are list items: day-sections of events are lists. */
  bulletShare: number;
  published?: string;
  /** The title passes the trigger filter: a story of an attack rather than one that mentions one. */
  titleTriggers: boolean;
  /** The sentences of the rules' reports by place key and by day: a sentence on the place or day of another tells an incident already found, not a new one. */
  rulePlaces: ReadonlyMap<string, number[]>;
  ruleDays: ReadonlyMap<string, number[]>;
}

/** The evidence score is clipped to this range: beyond it a sentence is plainly in or out. */
const EVIDENCE_RANGE = [-4, 8] as const;
const WEAPON_WORD = /^(?:missiles?|rockets?|drones?|bombs?|projectiles?|shell(?:s|ed|ing)|explosions?|blasts?|gunfire|gunmen|suicide bombers?)$/i;
/** History recalled rather than news: "recalled", "anniversary", "years ago", "in 1967". */
const RECALLED = /\b(?:recall\w*|remember\w*|anniversary|commemorat\w*|memorial|years? ago|decades?|history|historic|legacy|(?:in|of|since) (?:19|20)\d\d)\b/i;
/** A count over time rather than one event: "so far", "in total", "since the start of the war". */
const RUNNING_TOTAL = /\b(?:so far|in total|a total of|overall|to date|since the (?:start|beginning|outbreak)|throughout|over the (?:past|last)|each day|every day|daily|per day)\b/i;

const flag = (b: boolean): number => (b ? 1 : 0);
const wordCount = (s: string): number => s.split(/\s+/).filter(Boolean).length;

/** The features of `candidate`, read from its sentence (`sentence`, the article's words at its span) and its article's shape. */
export function candidateFeatures(candidate: ReportCandidate, sentence: string, context: SentenceContext): number[] {
  const { report, gates } = candidate;
  const f: Record<BaseFeature, number> = Object.create(null) as Record<BaseFeature, number>;
  f.rules_pass = flag(gates.passes);
  f.may_be_report = flag(gates.mayBeReport);
  f.toll_only = flag(gates.tollOnly);
  f.after_report = flag(gates.afterReport);
  f.day_plausible = flag(gates.dayPlausible);
  f.is_report = flag(gates.isReport);
  f.evidence = Math.min(EVIDENCE_RANGE[1], Math.max(EVIDENCE_RANGE[0], gates.evidence));
  f.evidence_ok = flag(gates.evidence >= 2);
  f.two_events = flag(candidate.two !== null);
  f.bullet = flag(gates.bullet);
  for (const k of INCIDENT_KINDS) f[`kind_${k}`] = flag(report.kind.value === k);
  f.trigger_toll_word = flag(TOLL_WORD.test(report.trigger.value));
  f.trigger_weapon_word = flag(WEAPON_WORD.test(report.trigger.value));
  f.has_event_word = flag(EVENT.test(sentence));
  f.has_done_verb = flag(DONE.test(sentence));
  f.killed = flag(report.killed !== null);
  f.injured = flag(report.injured !== null);
  f.log_casualties = Math.log1p((report.killed?.value ?? 0) + (report.injured?.value ?? 0));
  f.day_written = flag(gates.dayBasis === 'written');
  f.day_relative = flag(gates.dayBasis === 'relative');
  f.day_published = flag(gates.dayBasis === 'published');
  f.day_none = flag(gates.dayBasis === 'none');
  setFieldCues(f, report, context.published);
  setWordCues(f, sentence);
  f.recalled = flag(RECALLED.test(sentence));
  f.running_total = flag(RUNNING_TOTAL.test(sentence));
  f.log_words = Math.log1p(wordCount(sentence));
  const n = Math.max(1, context.sentenceCount);
  f.position = report.sentence / n;
  f.first_sentences = flag(report.sentence < 3);
  f.log_article_sentences = Math.log1p(context.sentenceCount);
  f.candidate_share = context.candidateSentences.size / n;
  f.bullet_share = context.bulletShare;
  f.log_rule_reports = Math.log1p(context.ruleSentences.size);
  f.rule_share = context.ruleSentences.size / n;
  const at = report.sentence;
  f.near_rule_report = flag([at - 2, at - 1, at + 1, at + 2].some((s) => context.ruleSentences.has(s)));
  f.previous_candidate = flag(context.candidateSentences.has(at - 1));
  f.title_triggers = flag(context.titleTriggers);
  const another = (by: ReadonlyMap<string, number[]>, key: string | undefined) => key !== undefined && (by.get(key) ?? []).some((s) => s !== at);
  f.place_of_rule_report = flag(another(context.rulePlaces, report.place?.key));
  f.day_of_rule_report = flag(another(context.ruleDays, report.eventDay?.day));
  for (const k of MAY_BE_REFUSALS) f[`refused_${k}`] = flag(gates.mayBeRefusal === k);
  for (const k of IS_REPORT_REFUSALS) f[`refused_${k}`] = flag(gates.isReportRefusal === k);
  const base = BASE_FEATURES.map((k) => f[k]);
  return [...base, ...PASSED.map((k) => f[k] * f.rules_pass)];
}

/** The sentences of `candidates` by a key of each (none: left out). */
function sentencesBy(candidates: readonly ReportCandidate[], key: (c: ReportCandidate) => string | undefined): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const c of candidates) {
    const k = key(c);
    if (k !== undefined) out.set(k, [...(out.get(k) ?? []), c.report.sentence]);
  }
  return out;
}

/** The article context of its candidates. */
export function sentenceContext(candidates: readonly ReportCandidate[], article: Pick<Article, 'title' | 'published'>, sentenceCount: number): SentenceContext {
  const bullets = candidates.filter((c) => c.gates.bullet).length;
  const passed = candidates.filter((c) => c.gates.passes);
  return {
    sentenceCount,
    candidateSentences: new Set(candidates.map((c) => c.report.sentence)),
    ruleSentences: new Set(passed.map((c) => c.report.sentence)),
    bulletShare: candidates.length ? bullets / candidates.length : 0,
    published: article.published,
    titleTriggers: mayReportIncident(article.title ?? ''),
    rulePlaces: sentencesBy(passed, (c) => c.report.place?.key),
    ruleDays: sentencesBy(passed, (c) => c.report.eventDay?.day),
  };
}

/** The features of each of an article's candidates (`text`: the article's text), in their order. */
export function articleCandidateFeatures(candidates: readonly ReportCandidate[], article: Pick<Article, 'title' | 'published' | 'text'>, sentenceCount: number): number[][] {
  const context = sentenceContext(candidates, article, sentenceCount);
  return candidates.map((c) => candidateFeatures(c, article.text.slice(c.report.sentenceSpan.start, c.report.sentenceSpan.end), context));
}
