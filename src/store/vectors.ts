/**
 * The vector half of retrieval: an HNSW graph (hnswlib-node) over unit vectors, cosine distance,
 * plus the exact scan it is measured against.
 */
import hnswlib from 'hnswlib-node';

export interface HnswOptions {
  /** Graph degree (default 16). */
  m: number;
  /** Candidate list size while building (default 100): higher builds slower, recalls better. */
  efConstruction: number;
  /** Candidate list size while searching (default 100). */
  efSearch: number;
}

export const DEFAULT_HNSW: HnswOptions = { m: 16, efConstruction: 100, efSearch: 100 };

export interface VectorHit {
  /** Passage number. */
  id: number;
  /** Cosine similarity. */
  score: number;
}

export interface VectorIndex {
  readonly dim: number;
  readonly size: number;
  /** The `k` nearest passages; `accept`, when given, admits a passage inside the graph search. */
  search(query: Float32Array, k: number, accept?: (id: number) => boolean): VectorHit[];
  save(file: string): void;
}

const SEED = 100;

function wrap(index: hnswlib.HierarchicalNSW, dim: number, efSearch: number): VectorIndex {
  index.setEf(efSearch);
  return {
    dim,
    get size() {
      return index.getCurrentCount();
    },
    search(query, k, accept) {
      const n = Math.min(k, index.getCurrentCount());
      if (n === 0 || !isNonZero(query)) return [];
      const { neighbors, distances } = accept ? index.searchKnn(Array.from(query), n, accept) : index.searchKnn(Array.from(query), n);
      return neighbors.map((id, i) => ({ id, score: 1 - distances[i]! }));
    },
    save(file) {
      index.writeIndexSync(file);
    },
  };
}

export function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/** Cosine similarity (0 when either vector is zero). */
export function cosine(a: Float32Array, b: Float32Array): number {
  const n = Math.sqrt(dot(a, a) * dot(b, b));
  return n === 0 ? 0 : dot(a, b) / n;
}

function isNonZero(v: Float32Array): boolean {
  for (let i = 0; i < v.length; i++) if (v[i] !== 0) return true;
  return false;
}

/** Builds the graph over `vectors` (row i is passage i). Zero vectors are left out: they match nothing. */
export function buildVectorIndex(
  vectors: Float32Array[],
  dim: number,
  options: HnswOptions,
  onProgress?: (done: number) => void,
): VectorIndex {
  const index = new hnswlib.HierarchicalNSW('cosine', dim);
  index.initIndex({ maxElements: Math.max(1, vectors.length), m: options.m, efConstruction: options.efConstruction, randomSeed: SEED });
  vectors.forEach((v, i) => {
    if (isNonZero(v)) index.addPoint(Array.from(v), i);
    if (onProgress && (i + 1) % 1000 === 0) onProgress(i + 1);
  });
  onProgress?.(vectors.length);
  return wrap(index, dim, options.efSearch);
}

export function loadVectorIndex(file: string, dim: number, efSearch: number): VectorIndex {
  const index = new hnswlib.HierarchicalNSW('cosine', dim);
  index.readIndexSync(file);
  return wrap(index, dim, efSearch);
}

/**
 * Exact top-k by cosine among the vectors `ids` names (unit vectors packed in one array): a search
 * confined to a few eligible passages, where a filtered graph search would wander the whole graph.
 */
export function exactSearchAmong(packed: Float32Array, dim: number, query: Float32Array, ids: ArrayLike<number>, k: number): VectorHit[] {
  const scored: VectorHit[] = [];
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    let dot = 0;
    const base = id * dim;
    for (let j = 0; j < dim; j++) dot += packed[base + j]! * query[j]!;
    scored.push({ id, score: dot });
  }
  return scored.sort((a, b) => b.score - a.score || a.id - b.id).slice(0, k);
}

/** Exact top-k by cosine over unit vectors packed in one array: the yardstick for HNSW recall. */
export function exactSearch(packed: Float32Array, dim: number, query: Float32Array, k: number): VectorHit[] {
  const n = packed.length / dim;
  const top: VectorHit[] = [];
  for (let i = 0; i < n; i++) {
    let dot = 0;
    const base = i * dim;
    for (let j = 0; j < dim; j++) dot += packed[base + j]! * query[j]!;
    if (top.length < k) {
      top.push({ id: i, score: dot });
      if (top.length === k) top.sort((a, b) => a.score - b.score);
    } else if (dot > top[0]!.score) {
      top[0] = { id: i, score: dot };
      // Keep the smallest first; k is small, so one insertion pass is enough.
      for (let j = 0; j + 1 < top.length && top[j]!.score > top[j + 1]!.score; j++) {
        [top[j], top[j + 1]] = [top[j + 1]!, top[j]!];
      }
    }
  }
  return top.sort((a, b) => b.score - a.score);
}
