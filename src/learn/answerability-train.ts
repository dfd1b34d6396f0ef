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
): { model: LogisticModel; folds: LogisticModel[]; heldOut: AnswerabilityFigures; heldOutOn: Record<string, AnswerabilityFigures> } {
  const sets = [set, ...alsoOn];
  const learned = new Map<string, Scored[]>(sets.map((s) => [s, []]));
  const hand = new Map<string, Scored[]>(sets.map((s) => [s, []]));
  const foldModels: LogisticModel[] = [];
  for (let k = 0; k < folds; k++) {
    const model = fit(examples.filter((e) => foldOf(e.article, folds) !== k && (trainOn?.(e) ?? true)), target);
    foldModels.push(model);
    for (const e of examples) {
      if (foldOf(e.article, folds) !== k || !learned.has(e.set)) continue;
      learned.get(e.set)!.push(scoredOf(e, probability(model, e.row)));
      hand.get(e.set)!.push(scoredOf(e, e.handConfidence));
    }
  }
  const figuresOn = (s: string): AnswerabilityFigures => ({ folds, set: s, questions: learned.get(s)!.length, learned: figures(learned.get(s)!), handSet: figures(hand.get(s)!) });
  return {
    model: fit(examples.filter((e) => trainOn?.(e) ?? true), target),
    folds: foldModels,
    heldOut: figuresOn(set),
    heldOutOn: Object.fromEntries(alsoOn.map((s) => [s, figuresOn(s)])),
  };
}

/** The held-out overall score of `scores` at a fixed threshold (answer at or above it). */
export function overallAt(examples: readonly AnswerabilityExample[], scores: readonly number[], threshold: number): number {
  const good = examples.filter((e, i) => (scores[i]! >= threshold ? e.answerable && e.label === 1 : !e.answerable)).length;
  return good / (examples.length || 1);
}
