/**
 * Training and held-out evaluation of the span model: k folds by article (`foldOf`, as for the
 * sentence model, so no article is on both sides), a logistic model per fold fitted on a sample of
 * each question's candidates with its token F1 against the gold answer as a soft label, scored on
 * every candidate of the fold it did not see; then one model on all. Pure functions.
 */
import { probability, trainLogistic, type LogisticModel } from './logistic.js';
import { seededRandom } from './random.js';
import { foldOf } from './train.js';

/** One question's candidate spans in its gold-holding sentence. */
export interface SpanQuestion {
  /** The unit of a fold: SQuAD's article title. */
  article: string;
  /** Features, one row of `width` after another. */
  rows: Float32Array;
  width: number;
  /** Per candidate: token F1 against the best gold answer, and exact match. */
  f1: Float32Array;
  exact: Uint8Array;
  /** The hand rules' first choice, scored the same way (0 when they mark none). */
  handF1: number;
  handExact: boolean;
  /** True when the answer path keeps the hand rules' span for this question (its type is one they decide). */
  handKept: boolean;
}

export interface SpanHeldOut {
  folds: number;
  questions: number;
  /** Of the held-out questions: the chosen span's exact match and mean token F1; the hand rules' the same. */
  exactMatch: number;
  f1: number;
  handExactMatch: number;
  handF1: number;
  /** As the answer path marks spans: the hand rules' where they are kept, the model's elsewhere. */
  markedExactMatch: number;
  markedF1: number;
  /** The best any candidate reaches (the ceiling of choosing among them). */
  ceilingExactMatch: number;
  ceilingF1: number;
  /** Mean candidates per question. */
  candidates: number;
}

export interface SpanTrainOptions {
  folds?: number;
  /** Candidates with no overlap kept per question for fitting (all overlapping ones are kept). */
  negatives?: number;
  epochs?: number;
  seed?: number;
}

const rowsOf = (q: SpanQuestion): number => q.f1.length;

/**
 * The soft label a candidate is fitted to: half its exact match, half its token F1 squared. F1 alone
 * rewards spans that hold the answer and more (measured held out: exact match 19%, F1 0.43); exact
 * match alone throws away the near misses (31%, 0.43); this mix kept both (29%, 0.45).
 */
export const spanTarget = (f1: number, exact: number): number => 0.5 * exact + 0.5 * f1 * f1;

function fit(questions: readonly SpanQuestion[], options: Required<SpanTrainOptions>): LogisticModel {
  const rand = seededRandom(options.seed);
  const rows: Float32Array[] = [];
  const labels: number[] = [];
  const weights: number[] = [];
  for (const q of questions) {
    const n = rowsOf(q);
    const zeros: number[] = [];
    const kept: number[] = [];
    for (let i = 0; i < n; i++) (q.f1[i]! > 0 ? kept : zeros).push(i);
    // A random sample of the spans that miss, each weighing for the ones left out.
    for (let i = zeros.length - 1; i > 0; i--) {
      const k = Math.floor(rand() * (i + 1));
      [zeros[i], zeros[k]] = [zeros[k]!, zeros[i]!];
    }
    const sampled = zeros.slice(0, options.negatives);
    const zeroWeight = sampled.length ? zeros.length / sampled.length : 0;
    for (const i of [...kept, ...sampled]) {
      rows.push(q.rows.subarray(i * q.width, (i + 1) * q.width));
      labels.push(spanTarget(q.f1[i]!, q.exact[i]!));
      // Each question weighs the same, whatever its number of candidates.
      weights.push((q.f1[i]! > 0 ? 1 : zeroWeight) / n);
    }
  }
  const mean = weights.reduce((a, b) => a + b, 0) / (weights.length || 1);
  return trainLogistic(rows, labels, { rowWeights: weights.map((w) => w / mean), epochs: options.epochs, seed: options.seed });
}

/** The candidate a model picks: the highest probability, the first on ties. */
export function pickSpan(model: LogisticModel, q: SpanQuestion): number {
  let best = -1;
  let at = -1;
  for (let i = 0; i < rowsOf(q); i++) {
    const p = probability(model, q.rows.subarray(i * q.width, (i + 1) * q.width));
    if (p > best) [best, at] = [p, i];
  }
  return at;
}

/** Held-out figures over k folds by article, the fold models, and the model trained on every question. */
export function trainSpanModel(
  questions: readonly SpanQuestion[],
  options: SpanTrainOptions = {},
): { model: LogisticModel; folds: LogisticModel[]; heldOut: SpanHeldOut } {
  const o: Required<SpanTrainOptions> = { folds: 5, negatives: 24, epochs: 4, seed: 7, ...options };
  const usable = questions.filter((q) => rowsOf(q) > 0);
  const folds: LogisticModel[] = [];
  let exact = 0;
  let f1 = 0;
  let markedExact = 0;
  let markedF1 = 0;
  for (let k = 0; k < o.folds; k++) {
    const model = fit(usable.filter((q) => foldOf(q.article, o.folds) !== k), o);
    folds.push(model);
    for (const q of usable) {
      if (foldOf(q.article, o.folds) !== k) continue;
      const at = pickSpan(model, q);
      exact += q.exact[at]!;
      f1 += q.f1[at]!;
      markedExact += q.handKept ? Number(q.handExact) : q.exact[at]!;
      markedF1 += q.handKept ? q.handF1 : q.f1[at]!;
    }
  }
  const n = questions.length || 1;
  const max = (q: SpanQuestion, values: ArrayLike<number>) => {
    let m = 0;
    for (let i = 0; i < values.length; i++) m = Math.max(m, values[i]!);
    return rowsOf(q) ? m : 0;
  };
  return {
    model: fit(usable, o),
    folds,
    heldOut: {
      folds: o.folds,
      questions: questions.length,
      exactMatch: exact / n,
      f1: f1 / n,
      handExactMatch: questions.filter((q) => q.handExact).length / n,
      handF1: questions.reduce((s, q) => s + q.handF1, 0) / n,
      markedExactMatch: markedExact / n,
      markedF1: markedF1 / n,
      ceilingExactMatch: questions.reduce((s, q) => s + max(q, q.exact), 0) / n,
      ceilingF1: questions.reduce((s, q) => s + max(q, q.f1), 0) / n,
      candidates: questions.reduce((s, q) => s + rowsOf(q), 0) / n,
    },
  };
}
