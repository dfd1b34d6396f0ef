/**
 * Training and held-out evaluation of the incident report filter (`src/incidents/report-model.ts`):
 * k folds by article (no article on both sides), a logistic model per fold fitted on the reports of
 * the other folds and scored on its own, the threshold chosen on those held-out scores, then one model
 * on all. Pure: reading the labels and running the extractor are the caller's
 * (`src/eval/report-training-data.ts`), and so is scoring a threshold (`chooseReportThreshold` takes it).
 */
import { probability, trainLogistic, type LogisticModel } from './logistic.js';
import { foldOf } from './train.js';

/** One report the rules read in a labelled part of an article. */
export interface ReportExample {
  /** The labels file it comes from (its base name) and the article's id: the unit of a fold. */
  set: string;
  article: string;
  sentence: number;
  row: number[];
  /** 1 when a labelled report is in the same sentence. */
  label: number;
}

export const REPORT_FOLDS = 5;
/** L2 penalties tried, chosen by held-out log loss. */
export const REPORT_L2 = [1e-4, 1e-3, 1e-2, 3e-2, 1e-1];

function fit(examples: readonly ReportExample[], l2: number): LogisticModel {
  // Each class weighs as much in all as the other (positives are the larger share on these sets, negatives on the whole folder).
  const pos = examples.filter((e) => e.label === 1).length || 1;
  const neg = examples.length - pos || 1;
  const rowWeights = examples.map((e) => (e.label === 1 ? examples.length / (2 * pos) : examples.length / (2 * neg)));
  return trainLogistic(examples.map((e) => e.row), examples.map((e) => e.label), { epochs: 200, l2, learningRate: 0.02, batch: 64, rowWeights });
}

export interface FoldResult {
  folds: LogisticModel[];
  /** Held-out probability of each example (same order), from the fold model that never saw its article. */
  heldOut: number[];
  logLoss: number;
  auc: number | null;
}

/** Rank AUC of held-out probabilities against labels. */
export function reportAuc(examples: readonly ReportExample[], p: readonly number[]): number | null {
  const idx = examples.map((_, i) => i).sort((a, b) => p[a]! - p[b]!);
  let rankSum = 0;
  let pos = 0;
  idx.forEach((i, r) => {
    if (examples[i]!.label === 1) {
      rankSum += r + 1;
      pos++;
    }
  });
  const neg = examples.length - pos;
  return pos && neg ? (rankSum - (pos * (pos + 1)) / 2) / (pos * neg) : null;
}

export function crossValidate(examples: readonly ReportExample[], l2: number, folds = REPORT_FOLDS): FoldResult {
  const models: LogisticModel[] = [];
  const heldOut = new Array<number>(examples.length).fill(0);
  for (let k = 0; k < folds; k++) {
    const model = fit(examples.filter((e) => foldOf(e.article, folds) !== k), l2);
    models.push(model);
    examples.forEach((e, i) => {
      if (foldOf(e.article, folds) === k) heldOut[i] = probability(model, e.row);
    });
  }
  const eps = 1e-6;
  const logLoss = -examples.reduce((s, e, i) => s + (e.label === 1 ? Math.log(Math.max(eps, heldOut[i]!)) : Math.log(Math.max(eps, 1 - heldOut[i]!))), 0) / (examples.length || 1);
  return { folds: models, heldOut, logLoss, auc: reportAuc(examples, heldOut) };
}

/** Folds and held-out scores at the L2 penalty of least held-out log loss, and the model fitted on all at it. */
export function trainReportFilter(examples: readonly ReportExample[], folds = REPORT_FOLDS, penalties: readonly number[] = REPORT_L2): { l2: number; tried: { l2: number; logLoss: number; auc: number | null }[]; cv: FoldResult; model: LogisticModel } {
  const tried = penalties.map((l2) => ({ l2, cv: crossValidate(examples, l2, folds) }));
  const best = tried.reduce((a, b) => (b.cv.logLoss < a.cv.logLoss ? b : a));
  return { l2: best.l2, tried: tried.map((t) => ({ l2: t.l2, logLoss: t.cv.logLoss, auc: t.cv.auc })), cv: best.cv, model: fit(examples, best.l2) };
}

export interface ThresholdFigures {
  threshold: number;
  precision: number;
  recall: number;
  f1: number;
}

/**
 * The threshold of best held-out incident F1 among those that keep incident recall within
 * `recallSlack` of the rules' own (threshold 0 keeps every report): the filter is to take out false
 * reports, not found incidents. `score(t)` scores the held-out predictions filtered at `t`.
 */
export function chooseReportThreshold(score: (t: number) => Omit<ThresholdFigures, 'threshold'>, recallSlack = 0.01): { chosen: ThresholdFigures; rules: ThresholdFigures; curve: ThresholdFigures[] } {
  const curve: ThresholdFigures[] = [];
  for (let k = 0; k <= 95; k += 5) curve.push({ threshold: k / 100, ...score(k / 100) });
  const rules = curve[0]!;
  const kept = curve.filter((c) => c.recall >= rules.recall - recallSlack - 1e-9);
  const chosen = kept.reduce((a, b) => (b.f1 > a.f1 + 1e-9 ? b : a));
  return { chosen, rules, curve };
}
