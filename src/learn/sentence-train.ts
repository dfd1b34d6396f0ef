/**
 * Training of the incident sentence model (`src/incidents/sentence-model.ts`): the same folds by
 * article, class weights and L2 choice by held-out log loss as the report filter
 * (`report-train.ts`), over every trigger-passing sentence instead of the rules' reports; the
 * threshold is the one of best pooled held-out incident F1. Pure: reading the labels, reading the
 * candidates and scoring a threshold are the caller's (`src/eval/sentence-training-data.ts`).
 */
import { probability, type LogisticModel } from './logistic.js';
import { trainReportFilter, type ReportExample, type ThresholdFigures } from './report-train.js';
import { foldOf } from './train.js';

export const SENTENCE_FOLDS = 5;
/** L2 penalties tried, chosen by held-out log loss (wider than the report filter's: the model reads about twice the features). */
export const SENTENCE_L2 = [1e-3, 1e-2, 3e-2, 1e-1, 3e-1, 1];
/** Thresholds tried: 0.05 … 0.95 (0 would keep every trigger-passing sentence). */
export const SENTENCE_THRESHOLDS = Array.from({ length: 19 }, (_, k) => (k + 1) / 20);

/** Folds, held-out scores and the model on all (`trainReportFilter`, which is general over examples). */
export function trainSentenceModel(examples: readonly ReportExample[], folds = SENTENCE_FOLDS): ReturnType<typeof trainReportFilter> {
  return trainReportFilter(examples, folds, SENTENCE_L2);
}

/** The held-out probability of each row of an article: the fold model that never saw the article reads it. */
export function heldOutProbabilities(folds: readonly LogisticModel[], article: string, rows: readonly number[][]): number[] {
  const model = folds[foldOf(article, folds.length)]!;
  return rows.map((r) => probability(model, r));
}

/** The threshold of best held-out incident F1 (`score(t)` scores the held-out predictions at `t`), with the curve. */
export function chooseSentenceThreshold(score: (t: number) => Omit<ThresholdFigures, 'threshold'>, thresholds: readonly number[] = SENTENCE_THRESHOLDS): { chosen: ThresholdFigures; curve: ThresholdFigures[] } {
  const curve = thresholds.map((threshold) => ({ threshold, ...score(threshold) }));
  // Ties go to the higher threshold: fewer reports for the same F1.
  const chosen = curve.reduce((a, b) => (b.f1 >= a.f1 - 1e-9 ? b : a));
  return { chosen, curve };
}
