/**
 * Answer evaluation: ask every question of a system, judge each answer against the gold answers
 * and the expected source, and sum up accuracy, citations, abstention and latency.
 */
import type { EvalQuestion } from './datasets.js';
import { abstentionScores, latencySummary, rate, type LatencySummary } from './metrics.js';
import { containsAnyAnswer, exactMatch, tokenF1 } from './normalise.js';
import type { AnswerSystem, SystemAnswer } from './systems.js';

export interface Outcome {
  id: string;
  question: string;
  answerable: boolean;
  answer: SystemAnswer;
  /** The quoted sentence contains a gold answer. */
  correct: boolean;
  /** The marked span contains a gold answer. */
  spanCorrect: boolean;
  /** The marked span is a gold answer (SQuAD exact match), and its token F1 against the best one (0 without a span). */
  spanExact: boolean;
  spanF1: number;
  /** Words in the marked span (null without one). */
  spanWords: number | null;
  /** The question names the source that should be cited. */
  hasSource: boolean;
  /** The cited file is the expected one. */
  cited: boolean;
  /** The answer cites an article published after the question's as-of day. */
  afterAsOf: boolean;
  kind?: string;
}

export function judge(q: EvalQuestion, answer: SystemAnswer): Outcome {
  const answered = !answer.abstained && answer.text !== null;
  return {
    id: q.id,
    question: q.question,
    answerable: q.answerable,
    answer,
    correct: answered && q.answerable && containsAnyAnswer(answer.text!, q.answers),
    spanCorrect: answered && q.answerable && answer.span !== null && containsAnyAnswer(answer.span, q.answers),
    spanExact: answered && q.answerable && answer.span !== null && exactMatch(answer.span, q.answers),
    spanF1: answered && q.answerable && answer.span !== null ? tokenF1(answer.span, q.answers) : 0,
    spanWords: answered && answer.span !== null ? answer.span.split(/\s+/).filter(Boolean).length : null,
    hasSource: q.source !== null,
    cited: answered && q.source !== null && answer.file === q.source,
    afterAsOf: q.asOf !== undefined && answer.citedDates.some((d) => d !== null && d > q.asOf!),
    kind: q.kind,
  };
}

/** Asks every question in order (one at a time, as a user would), reporting progress. */
export async function runQuestions(
  questions: readonly EvalQuestion[],
  system: AnswerSystem,
  onProgress?: (done: number, total: number) => void,
): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  for (const q of questions) {
    outcomes.push(judge(q, await system(q.question, q.asOf, q.id)));
    if (onProgress && (outcomes.length % 50 === 0 || outcomes.length === questions.length)) onProgress(outcomes.length, questions.length);
  }
  return outcomes;
}

export interface AnswerSummary {
  questions: number;
  answerable: number;
  unanswerable: number;
  /** Of the answerable questions: answered with a sentence holding a gold answer. */
  answerAccuracy: number;
  /** Of the answerable questions: the marked span holds a gold answer. */
  spanAccuracy: number;
  /** Of the answerable questions: the span is a gold answer (exact match), and its mean token F1 (0 for no span). */
  spanExactMatch: number;
  spanF1: number;
  /** Mean length of the marked spans, in words (null when none was marked). */
  spanMeanWords: number | null;
  /** Of the answerable questions with an expected source: the cited file is that source. */
  citationAccuracy: number;
  /** Of the answers given to answerable questions, the share holding a gold answer. */
  precisionWhenAnswering: number;
  abstentionPrecision: number | null;
  abstentionRecall: number | null;
  /** Of the answerable questions: abstained. */
  falseAbstentionRate: number;
  /** SQuAD 2.0-style: correct answers plus abstentions on unanswerable questions, over all questions. */
  overall: number;
  /** Answers citing an article published after their question's as-of day (must be 0). */
  afterAsOf: number;
  /** Per question kind (when the set names kinds): questions, and the overall score of that kind. */
  byKind: Record<string, { questions: number; overall: number }>;
  latencyMs: LatencySummary;
}

export function summarise(outcomes: readonly Outcome[]): AnswerSummary {
  const answerable = outcomes.filter((o) => o.answerable);
  const unanswerable = outcomes.filter((o) => !o.answerable);
  const withSource = answerable.filter((o) => o.hasSource);
  const answeredAnswerable = answerable.filter((o) => !o.answer.abstained);
  const rightAbstentions = unanswerable.filter((o) => o.answer.abstained).length;
  const wrongAbstentions = answerable.length - answeredAnswerable.length;
  const abstention = abstentionScores({ rightAbstentions, wrongAbstentions, unanswerable: unanswerable.length });
  const correct = answerable.filter((o) => o.correct).length;
  return {
    questions: outcomes.length,
    answerable: answerable.length,
    unanswerable: unanswerable.length,
    answerAccuracy: rate(correct, answerable.length),
    spanAccuracy: rate(answerable.filter((o) => o.spanCorrect).length, answerable.length),
    spanExactMatch: rate(answerable.filter((o) => o.spanExact).length, answerable.length),
    spanF1: answerable.length ? answerable.reduce((n, o) => n + o.spanF1, 0) / answerable.length : 0,
    spanMeanWords: meanOf(outcomes.map((o) => o.spanWords).filter((w): w is number => w !== null)),
    citationAccuracy: rate(withSource.filter((o) => o.cited).length, withSource.length),
    precisionWhenAnswering: rate(correct, answeredAnswerable.length),
    abstentionPrecision: abstention.precision,
    abstentionRecall: abstention.recall,
    falseAbstentionRate: rate(wrongAbstentions, answerable.length),
    overall: rate(correct + rightAbstentions, outcomes.length),
    afterAsOf: outcomes.filter((o) => o.afterAsOf).length,
    byKind: byKind(outcomes),
    latencyMs: latencySummary(outcomes.map((o) => o.answer.ms)),
  };
}

function meanOf(xs: number[]): number | null {
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null;
}

function byKind(outcomes: readonly Outcome[]): Record<string, { questions: number; overall: number }> {
  const kinds: Record<string, { questions: number; overall: number }> = {};
  for (const kind of new Set(outcomes.map((o) => o.kind).filter((k): k is string => k !== undefined))) {
    const of = outcomes.filter((o) => o.kind === kind);
    const good = of.filter((o) => (o.answerable ? o.correct : o.answer.abstained)).length;
    kinds[kind] = { questions: of.length, overall: rate(good, of.length) };
  }
  return kinds;
}

/**
 * How well a confidence separates answerable from unanswerable questions: the ROC AUC (the chance that
 * a random answerable question scores above a random unanswerable one), and the threshold that would
 * maximise the SQuAD 2.0-style overall score. The threshold search needs every question's would-be
 * answer, so it is meaningful on a run that never abstains (MIN_CONFIDENCE=0).
 */
export interface ConfidenceDiagnostics {
  auc: number | null;
  bestThreshold: number;
  bestOverall: number;
  /** Reliability table: questions whose confidence falls in each tenth, and how often their quote answered. */
  bins: CalibrationBin[];
  /** Expected calibration error: the bins' gaps between mean confidence and accuracy, weighted by size. */
  ece: number | null;
}

export interface CalibrationBin {
  from: number;
  to: number;
  count: number;
  meanConfidence: number;
  /** Share whose top quote holds a gold answer (an unanswerable question's quote never does). */
  accuracy: number;
}

const CALIBRATION_BINS = 10;

/** Confidence against how often the quote answered, in tenths (from a run that never abstains). */
export function calibration(outcomes: readonly Outcome[]): { bins: CalibrationBin[]; ece: number | null } {
  const scored = outcomes.filter((o) => o.answer.confidence !== null);
  const bins: CalibrationBin[] = [];
  let gap = 0;
  for (let b = 0; b < CALIBRATION_BINS; b++) {
    const from = b / CALIBRATION_BINS;
    const to = (b + 1) / CALIBRATION_BINS;
    const inBin = scored.filter((o) => {
      const c = Math.min(1, Math.max(0, o.answer.confidence!));
      return c >= from && (c < to || (b === CALIBRATION_BINS - 1 && c <= to));
    });
    if (inBin.length === 0) continue;
    const meanConfidence = inBin.reduce((sum, o) => sum + o.answer.confidence!, 0) / inBin.length;
    const accuracy = inBin.filter((o) => o.correct).length / inBin.length;
    bins.push({ from, to, count: inBin.length, meanConfidence, accuracy });
    gap += inBin.length * Math.abs(meanConfidence - accuracy);
  }
  return { bins, ece: scored.length > 0 ? gap / scored.length : null };
}

export function confidenceDiagnostics(outcomes: readonly Outcome[]): ConfidenceDiagnostics {
  const scored = outcomes.filter((o) => o.answer.confidence !== null);
  const pos = scored.filter((o) => o.answerable).map((o) => o.answer.confidence!);
  const neg = scored.filter((o) => !o.answerable).map((o) => o.answer.confidence!);
  let auc: number | null = null;
  if (pos.length > 0 && neg.length > 0) {
    // Mann-Whitney U over sorted negatives: count of (pos > neg) pairs, ties half.
    const sortedNeg = [...neg].sort((a, b) => a - b);
    let wins = 0;
    for (const p of pos) {
      const below = bound(sortedNeg, p, false);
      wins += below + (bound(sortedNeg, p, true) - below) / 2;
    }
    auc = wins / (pos.length * neg.length);
  }
  // Abstain iff confidence < t: the answerable ones above t count when correct; the unanswerable ones below t count.
  const thresholds = [0, ...new Set(scored.map((o) => o.answer.confidence!))].sort((a, b) => a - b);
  let best = { t: 0, overall: -1 };
  for (const t of thresholds) {
    let good = 0;
    for (const o of scored) {
      const abstains = o.answer.confidence! < t;
      if (o.answerable ? !abstains && o.correct : abstains) good++;
    }
    const overall = rate(good, scored.length);
    if (overall > best.overall) best = { t, overall };
  }
  return { auc, bestThreshold: best.t, bestOverall: Math.max(0, best.overall), ...calibration(outcomes) };
}

/** Count of values in `sorted` below `x` (or at most `x` when `inclusive`). */
function bound(sorted: number[], x: number, inclusive: boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < x || (inclusive && sorted[mid] === x)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
