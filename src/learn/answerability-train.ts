/**
 * Held-out evaluation of the answer/abstain model: k folds by article (`foldOf`, as for the other
 * models), a logistic model per fold fitted on the questions of the other folds and scored on its
 * own, figures over the held-out scores of one set (SQuAD v2.0, the one with unanswerable
 * questions) beside the hand-set confidence on the same questions; then one model on all.
 */
import { probability, trainLogistic, type LogisticModel } from './logistic.js';
import { auc, bestThreshold, foldOf, type Scored } from './train.js';

export interface AnswerabilityExample {
  /** The SQuAD file it comes from (its base name). */
  set: string;
  /** Article title: the unit of a fold. */
  article: string;
  answerable: boolean;
  row: number[];
  /** 1 when the quoted sentence holds a gold answer (so answering is right). */
  label: number;
  /** The hand-set confidence, for comparison. */
  handConfidence: number;
  /** How much the row weighs in fitting (default 1): the few news rows weigh more than SQuAD's many. */
  weight?: number;
}

export interface AnswerabilityFigures {
  folds: number;
  /** The set the figures are over, and its questions. */
  set: string;
  questions: number;
  learned: { auc: number | null; threshold: number; overall: number };
  handSet: { auc: number | null; threshold: number; overall: number };
}

/**
 * What the model is fitted to: `answerable` (the question has an answer in the corpus) or `correct`
 * (and the quoted sentence holds it). The figures always count an answer right only when it is correct.
 */
export type AnswerabilityTarget = 'answerable' | 'correct';

function fit(examples: readonly AnswerabilityExample[], target: AnswerabilityTarget): LogisticModel {
  const labels = examples.map((e) => (target === 'answerable' ? (e.answerable ? 1 : 0) : e.label));
  const rowWeights = examples.some((e) => e.weight !== undefined) ? examples.map((e) => e.weight ?? 1) : undefined;
  return trainLogistic(examples.map((e) => e.row), labels, { epochs: 20, rowWeights });
}

const scoredOf = (e: AnswerabilityExample, confidence: number): Scored => ({
  answerable: e.answerable,
  confidence,
  correct: e.label === 1,
  hand: false,
  any: false,
});

function figures(scored: Scored[]): { auc: number | null; threshold: number; overall: number } {
  return { auc: auc(scored), ...bestThreshold(scored) };
}

export interface TrainAnswerabilityOptions {
  folds?: number;
  target?: AnswerabilityTarget;
  /** Which examples are fitted (default: all); the figures cover every example of their set either way. */
  trainOn?: (e: AnswerabilityExample) => boolean;
  /** Further sets to report held-out figures on, beside `set` (e.g. the news questions). */
  alsoOn?: readonly string[];
}

/** Held-out figures on `set` (and on each of `alsoOn`) and the model fitted on every example. */
export function trainAnswerability(
  examples: readonly AnswerabilityExample[],
  set: string,
  { folds = 5, target = 'answerable', trainOn, alsoOn = [] }: TrainAnswerabilityOptions = {},
): {
  model: LogisticModel;
  folds: LogisticModel[];
  heldOut: AnswerabilityFigures;
  heldOutOn: Record<string, AnswerabilityFigures>;
  /** Each question of the `alsoOn` sets with its held-out probability and its hand-set confidence. */
  heldOutScores: Record<string, HeldOutScore[]>;
} {
  const sets = [set, ...alsoOn];
  const learned = new Map<string, Scored[]>(sets.map((s) => [s, []]));
  const scores = new Map<string, HeldOutScore[]>(alsoOn.map((s) => [s, []]));
  const hand = new Map<string, Scored[]>(sets.map((s) => [s, []]));
  const foldModels: LogisticModel[] = [];
  for (let k = 0; k < folds; k++) {
    const model = fit(examples.filter((e) => foldOf(e.article, folds) !== k && (trainOn?.(e) ?? true)), target);
    foldModels.push(model);
    for (const e of examples) {
      if (foldOf(e.article, folds) !== k || !learned.has(e.set)) continue;
      const p = probability(model, e.row);
      learned.get(e.set)!.push(scoredOf(e, p));
      hand.get(e.set)!.push(scoredOf(e, e.handConfidence));
      scores.get(e.set)?.push({ answerable: e.answerable, correct: e.label === 1, learned: p, hand: e.handConfidence });
    }
  }
  const figuresOn = (s: string): AnswerabilityFigures => ({ folds, set: s, questions: learned.get(s)!.length, learned: figures(learned.get(s)!), handSet: figures(hand.get(s)!) });
  return {
    model: fit(examples.filter((e) => trainOn?.(e) ?? true), target),
    folds: foldModels,
    heldOut: figuresOn(set),
    heldOutOn: Object.fromEntries(alsoOn.map((s) => [s, figuresOn(s)])),
    heldOutScores: Object.fromEntries(scores),
  };
}

export interface HeldOutScore {
  answerable: boolean;
  /** The quoted sentence holds a gold answer. */
  correct: boolean;
  learned: number;
  hand: number;
}

export interface ThresholdChoice {
  threshold: number;
  /** Held out at that threshold: answered right (of the answerable) and overall. */
  answeredRight: number;
  overall: number;
  /** The hand-set confidence at its own threshold, on the same questions. */
  handSet: { threshold: number; answeredRight: number; overall: number };
}

function at(scored: readonly HeldOutScore[], confidence: (s: HeldOutScore) => number, t: number): { answeredRight: number; overall: number } {
  const answerable = scored.filter((s) => s.answerable);
  const right = answerable.filter((s) => s.correct && confidence(s) >= t).length;
  const abstainedRight = scored.filter((s) => !s.answerable && confidence(s) < t).length;
  return { answeredRight: right / (answerable.length || 1), overall: (right + abstainedRight) / (scored.length || 1) };
}

/**
 * The learned threshold, on held-out scores: the best overall among the thresholds that answer right
 * at least as many answerable questions as the hand-set confidence does at `handThreshold`, so that
 * switching to the model never costs a right answer there (the best overall alone is set by the
 * share of unanswerable questions, a third in the news training set).
 */
export function thresholdKeepingAnswers(scored: readonly HeldOutScore[], handThreshold: number): ThresholdChoice {
  const hand = { threshold: handThreshold, ...at(scored, (s) => s.hand, handThreshold) };
  let best: ThresholdChoice = { threshold: 0, ...at(scored, (s) => s.learned, 0), handSet: hand };
  for (let k = 1; k <= 100; k++) {
    const t = k / 100;
    const r = at(scored, (s) => s.learned, t);
    if (r.answeredRight >= hand.answeredRight && r.overall > best.overall) best = { threshold: t, ...r, handSet: hand };
  }
  return best;
}


/**
 * The one-standard-error rule over weights tried: the smallest weight whose held-out overall is
 * within one standard error (the best one's, over its questions) of the best. The best alone is
 * chosen by noise once the scores level off.
 */
export function chooseWeight<T extends { weight: number; overall: number; questions: number }>(tried: readonly T[]): T {
  const best = tried.reduce((a, b) => (b.overall > a.overall ? b : a));
  const se = Math.sqrt((best.overall * (1 - best.overall)) / best.questions);
  return [...tried].sort((a, b) => a.weight - b.weight).find((t) => t.overall >= best.overall - se)!;
}
