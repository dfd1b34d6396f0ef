/**
 * Logistic regression, trained by mini-batch Adam with L2 regularisation on standardised features.
 *
 * Why not a package: ml-logistic-regression 2.0 (the npm list's choice) trains full-batch with a fixed
 * step on the summed gradient, without an intercept or regularisation; measured here it took 47 s for
 * 200 steps on 100,000 rows of 20 features, and a fit needs thousands. This is the textbook method in
 * a few lines over typed arrays: 10 epochs over 500,000 rows take a few seconds.
 */

export interface LogisticModel {
  /** Per feature: mean and scale used to standardise it. */
  mean: number[];
  scale: number[];
  weights: number[];
  bias: number;
}

export interface TrainOptions {
  epochs?: number;
  /** L2 penalty on the weights (not the bias). */
  l2?: number;
  learningRate?: number;
  batch?: number;
  /** Weight of each row (e.g. 1 / rows of its question, so long candidate lists do not dominate). */
  rowWeights?: ArrayLike<number>;
  seed?: number;
}

import { seededRandom } from './random.js';

const sigmoid = (z: number): number => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

export function trainLogistic(rows: readonly ArrayLike<number>[], labels: ArrayLike<number>, options: TrainOptions = {}): LogisticModel {
  const { epochs = 10, l2 = 1e-4, learningRate = 0.01, batch = 256, seed = 7 } = options;
  const n = rows.length;
  const f = n > 0 ? rows[0]!.length : 0;
  const mean = new Array<number>(f).fill(0);
  const scale = new Array<number>(f).fill(0);
  for (const r of rows) for (let j = 0; j < f; j++) mean[j]! += r[j]! / n;
  for (const r of rows) for (let j = 0; j < f; j++) scale[j]! += (r[j]! - mean[j]!) ** 2 / n;
  for (let j = 0; j < f; j++) scale[j] = Math.sqrt(scale[j]!) || 1;

  const w = new Float64Array(f);
  let b = 0;
  // Adam's moment estimates, for the weights and the bias.
  const m = new Float64Array(f + 1);
  const v = new Float64Array(f + 1);
  const [beta1, beta2, eps] = [0.9, 0.999, 1e-8];
  let step = 0;
  const order = Array.from({ length: n }, (_, i) => i);
  const rand = seededRandom(seed);
  const x = new Float64Array(f);
  const grad = new Float64Array(f + 1);
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = n - 1; i > 0; i--) {
      const k = Math.floor(rand() * (i + 1));
      [order[i], order[k]] = [order[k]!, order[i]!];
    }
    for (let start = 0; start < n; start += batch) {
      grad.fill(0);
      let weightSum = 0;
      for (let t = start; t < Math.min(n, start + batch); t++) {
        const i = order[t]!;
        const r = rows[i]!;
        const rw = options.rowWeights ? options.rowWeights[i]! : 1;
        let z = b;
        for (let j = 0; j < f; j++) {
          x[j] = (r[j]! - mean[j]!) / scale[j]!;
          z += w[j]! * x[j]!;
        }
        const err = (sigmoid(z) - labels[i]!) * rw;
        for (let j = 0; j < f; j++) grad[j]! += err * x[j]!;
        grad[f]! += err;
        weightSum += rw;
      }
      step++;
      for (let j = 0; j <= f; j++) {
        const g = grad[j]! / (weightSum || 1) + (j < f ? l2 * w[j]! : 0);
        m[j] = beta1 * m[j]! + (1 - beta1) * g;
        v[j] = beta2 * v[j]! + (1 - beta2) * g * g;
        const delta = (learningRate * (m[j]! / (1 - beta1 ** step))) / (Math.sqrt(v[j]! / (1 - beta2 ** step)) + eps);
        if (j < f) w[j]! -= delta;
        else b -= delta;
      }
    }
  }
  return { mean, scale, weights: Array.from(w), bias: b };
}

/** P(label 1 | features). */
export function probability(model: LogisticModel, features: ArrayLike<number>): number {
  let z = model.bias;
  for (let j = 0; j < model.weights.length; j++) z += (model.weights[j]! * (features[j]! - model.mean[j]!)) / model.scale[j]!;
  return sigmoid(z);
}
