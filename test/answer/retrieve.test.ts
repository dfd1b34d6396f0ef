import { describe, expect, it } from 'vitest';
import { fuse, fusionWeightFor } from '../../src/answer/retrieve.js';

describe('weighted fusion', () => {
  it('keeps BM25 order when vectors barely differ', () => {
    const fused = fuse([{ id: 1, score: 10 }, { id: 2, score: 9 }], [{ id: 2, score: 0.5 }, { id: 1, score: 0.45 }], 0.1, 10);
    expect(fused.map((h) => h.id)).toEqual([1, 2]);
    expect(fused[0]!.lexical).toBe(1);
  });

  it('lets vectors bring in passages BM25 missed, below the lexical matches', () => {
    const fused = fuse([{ id: 1, score: 4 }], [{ id: 7, score: 0.9 }], 0.1, 10);
    expect(fused.map((h) => h.id)).toEqual([1, 7]);
    expect(fused[1]!.score).toBeCloseTo(0.09);
  });

  it('ranks by cosine alone when there is no lexical hit', () => {
    const fused = fuse([], [{ id: 3, score: 0.2 }, { id: 4, score: 0.8 }], 1, 10);
    expect(fused.map((h) => h.id)).toEqual([4, 3]);
  });

  it('uses the measured weight per embedder unless overridden', () => {
    expect(fusionWeightFor('glove-sif-100d')).toBe(0.1);
    expect(fusionWeightFor('transformers:Xenova/bge-small-en-v1.5')).toBe(0.5);
    expect(fusionWeightFor('glove-sif-100d', 0.3)).toBe(0.3);
  });
});
