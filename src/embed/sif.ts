/**
 * Smooth inverse frequency (SIF) sentence vectors, after Arora, Liang and Ma (2017), "A Simple but
 * Tough-to-Beat Baseline for Sentence Embeddings": a weighted average of word vectors with weight
 * a / (a + p(w)), then the corpus's first principal component removed. Pure functions.
 */

/** The paper's recommended smoothing; frequent words (p ≫ a) count for little. */
export const SIF_A = 1e-3;

const EULER_GAMMA = 0.5772156649015329;

/**
 * Word probability estimated from its frequency rank (1 = most frequent) by Zipf's law:
 * p(r) = 1 / (r · H_N), with H_N the N-th harmonic number, so probabilities sum to 1 over the vocabulary.
 */
export function zipfProbability(rank: number, vocabularySize: number): number {
  if (!(rank >= 1) || !(vocabularySize >= 1)) return 0;
  const n = vocabularySize;
  const harmonic = Math.log(n) + EULER_GAMMA + 1 / (2 * n);
  return 1 / (rank * harmonic);
}

/** SIF weight a / (a + p). */
export function sifWeight(probability: number, a: number = SIF_A): number {
  return a / (a + probability);
}

/** Scales `v` to unit length in place (a zero vector stays zero) and returns it. */
export function normalizeInPlace(v: Float32Array): Float32Array {
  let sq = 0;
  for (let i = 0; i < v.length; i++) sq += v[i] * v[i];
  if (sq > 0) {
    const inv = 1 / Math.sqrt(sq);
    for (let i = 0; i < v.length; i++) v[i] *= inv;
  }
  return v;
}

/**
 * The SIF average of word vectors given each word's probability, scaled to unit length; a zero
 * vector of `dim` when there are no words.
 */
export function sifAverage(vectors: Float32Array[], probabilities: number[], dim: number, a: number = SIF_A): Float32Array {
  if (vectors.length !== probabilities.length) throw new RangeError('sifAverage: one probability per vector');
  const sum = new Float64Array(dim);
  vectors.forEach((v, k) => {
    const w = sifWeight(probabilities[k], a);
    for (let d = 0; d < dim; d++) sum[d] += w * v[d];
  });
  return normalizeInPlace(Float32Array.from(sum));
}

/**
 * The first principal component of the vectors (uncentred, as in the SIF paper's truncated SVD):
 * the top eigenvector of Σ v vᵀ, found by power iteration from the vectors' sum. Deterministic:
 * the same input gives the same unit vector, signed so its largest coordinate is positive. Returns
 * a zero vector when the vectors span nothing, and an empty one for an empty list.
 */
export function fitCommonComponent(vectors: Float32Array[]): Float32Array {
  if (vectors.length === 0) return new Float32Array(0);
  const dim = vectors[0].length;
  const gram = new Float64Array(dim * dim);
  const start = new Float64Array(dim);
  for (const v of vectors) {
    if (v.length !== dim) throw new RangeError(`fitCommonComponent: vectors of length ${v.length} and ${dim}`);
    for (let i = 0; i < dim; i++) {
      const vi = v[i];
      if (vi === 0) continue;
      start[i] += vi;
      const row = i * dim;
      for (let j = 0; j < dim; j++) gram[row + j] += vi * v[j];
    }
  }

  let x = unit64(start) ?? unit64(Float64Array.from({ length: dim }, (_, i) => 1 + i / dim));
  if (!x) return new Float32Array(dim);
  for (let iter = 0; iter < 1000; iter++) {
    const y = new Float64Array(dim);
    for (let i = 0; i < dim; i++) {
      let s = 0;
      const row = i * dim;
      for (let j = 0; j < dim; j++) s += gram[row + j] * x[j];
      y[i] = s;
    }
    const next = unit64(y);
    if (!next) return new Float32Array(dim); // all vectors are zero
    let delta = 0;
    for (let i = 0; i < dim; i++) delta = Math.max(delta, Math.abs(next[i] - x[i]));
    x = next;
    if (delta < 1e-12) break;
  }

  let largest = 0;
  for (let i = 1; i < dim; i++) if (Math.abs(x[i]) > Math.abs(x[largest])) largest = i;
  const sign = x[largest] < 0 ? -1 : 1;
  return Float32Array.from(x, (value) => sign * value);
}

function unit64(v: Float64Array): Float64Array | null {
  let sq = 0;
  for (let i = 0; i < v.length; i++) sq += v[i] * v[i];
  if (!(sq > 1e-300)) return null;
  const inv = 1 / Math.sqrt(sq);
  return v.map((value) => value * inv);
}

/**
 * v − (v·pc)·pc, scaled to unit length (pc need not be unit). A zero or empty `pc` only normalises;
 * a zero `v` stays zero. Returns a new array.
 */
export function removeComponent(v: Float32Array, pc: Float32Array): Float32Array {
  const out = new Float32Array(v.length);
  removeComponentInto(v, pc, out);
  return out;
}

/**
 * `removeComponent` written into `out` (of v's length, e.g. a slice of a packed array), with no
 * allocation: an index's 100,000 vectors pass through here when exact search first needs them.
 */
export function removeComponentInto(v: Float32Array, pc: Float32Array, out: Float32Array): void {
  if (pc.length === 0) {
    out.set(v);
    normalizeInPlace(out);
    return;
  }
  if (pc.length !== v.length) throw new RangeError(`removeComponent: vector of length ${v.length}, component of ${pc.length}`);
  let dot = 0;
  let pp = 0;
  let vv = 0;
  for (let i = 0; i < v.length; i++) {
    dot += v[i] * pc[i];
    pp += pc[i] * pc[i];
    vv += v[i] * v[i];
  }
  // Subtract in double precision, then decide: a vector lying along the component leaves only
  // rounding noise, which normalising would blow up into a random direction. It becomes zero instead.
  const scale = pp > 0 ? dot / pp : 0;
  // Plain loops, no per-element closures: an index's vectors all pass through here.
  let rr = 0;
  for (let i = 0; i < v.length; i++) {
    const x = v[i] - scale * pc[i];
    out[i] = x;
    rr += x * x;
  }
  if (rr <= 1e-10 * vv) out.fill(0);
  else normalizeInPlace(out);
}
