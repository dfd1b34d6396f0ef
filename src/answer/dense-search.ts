/**
 * The vector half of retrieval, confined to a date window. A graph search with a filter slows as the
 * filter tightens (measured on 102k passages: 0.4 ms at half eligible, 1.3 ms at 20%, 2.4 ms at 5%,
 * 18 ms at 1%, 50 ms at 0.2%), so below NARROW_SHARE the eligible passages are scored exactly
 * instead (15% of 100k: about 2 ms), over unit vectors read from the index on first need.
 */
import { removeComponentInto } from '../embed/index.js';
import { readPackedVectors, type StoredIndex } from '../store/stored-index.js';
import { exactSearchAmong, type VectorHit } from '../store/vectors.js';
import type { DayRange } from '../time/days.js';
import type { DatedPassages } from './dated-passages.js';

/** Share of eligible passages below which vector search scores them exactly instead of filtering the graph. */
export const NARROW_SHARE = 0.15;

export type DenseSearch = (query: Float32Array, k: number, window: DayRange | undefined) => VectorHit[];

export function createDenseSearch(index: StoredIndex, component: Float32Array | null, dated: DatedPassages): DenseSearch {
  const dim = index.manifest.embedder.dim;
  let unitVectors: Float32Array | null = null;
  const unitVectorsOf = (): Float32Array => {
    if (!unitVectors) {
      // In place, over the array just read: no copy of 40 MB, no arrays made per vector.
      const packed = readPackedVectors(index);
      const pc = component ?? new Float32Array(0);
      for (let i = 0; i < packed.length; i += dim) {
        const v = packed.subarray(i, i + dim);
        removeComponentInto(v, pc, v);
      }
      unitVectors = packed;
    }
    return unitVectors;
  };
  return (query, k, window) => {
    const accept = window && dated.filter(window);
    if (!window || !accept) return index.vectors.search(query, k);
    if (dated.eligibleCount(window) >= NARROW_SHARE * index.passages.length) return index.vectors.search(query, k, accept);
    return exactSearchAmong(unitVectorsOf(), dim, query, dated.eligibleIds(window), k);
  };
}
