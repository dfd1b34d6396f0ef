import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitCommonComponent, normalizeInPlace, removeComponent, removeComponentInto, sifAverage, sifWeight, SIF_A, zipfProbability } from '../../src/embed/sif.js';

const norm = (v: ArrayLike<number>) => Math.sqrt(Array.from(v).reduce((s, x) => s + x * x, 0));
const dot = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a).reduce((s, x, i) => s + x * b[i], 0);

/** Small-integer vectors of one dimension, so arithmetic stays exact enough to compare. */
const vectors = (dim: number) =>
  fc.array(fc.array(fc.integer({ min: -50, max: 50 }), { minLength: dim, maxLength: dim }), { minLength: 1, maxLength: 30 })
    .map((rows) => rows.map((r) => Float32Array.from(r)));

describe('Zipf probabilities and SIF weights', () => {
  it('give frequent words a high probability and a low weight', () => {
    const n = 341_479;
    expect(zipfProbability(1, n)).toBeGreaterThan(zipfProbability(100, n));
    expect(sifWeight(zipfProbability(1, n))).toBeLessThan(0.02);
    expect(sifWeight(zipfProbability(50_000, n))).toBeGreaterThan(0.99);
  });

  it('sum to about one over the whole vocabulary', () => {
    const n = 10_000;
    let total = 0;
    for (let r = 1; r <= n; r++) total += zipfProbability(r, n);
    expect(total).toBeCloseTo(1, 4);
  });

  it('weigh a word of probability a by one half', () => {
    expect(sifWeight(SIF_A)).toBeCloseTo(0.5, 12);
  });
});

describe('sifAverage', () => {
  it('returns a unit vector leaning towards the rarer word', () => {
    const common = Float32Array.from([1, 0, 0]);
    const rare = Float32Array.from([0, 1, 0]);
    const v = sifAverage([common, rare], [0.05, 1e-6], 3);
    expect(norm(v)).toBeCloseTo(1, 6);
    expect(v[1]).toBeGreaterThan(v[0] * 10);
  });

  it('returns a zero vector for no words', () => {
    expect(Array.from(sifAverage([], [], 4))).toEqual([0, 0, 0, 0]);
  });
});

describe('fitCommonComponent', () => {
  it('finds the direction all vectors share', () => {
    const shared = [3, 4, 0, 0];
    const rows = [
      [3, 4, 0.2, 0],
      [3, 4, -0.2, 0.1],
      [6, 8, 0, -0.1],
      [3, 4, 0.1, 0.3],
    ].map((r) => Float32Array.from(r));
    const pc = fitCommonComponent(rows);
    expect(Math.abs(dot(pc, shared)) / 5).toBeGreaterThan(0.999);
  });

  it('is a unit vector, deterministic, and carries at least the energy of any input direction', () => {
    fc.assert(
      fc.property(vectors(5), (rows) => {
        const pc = fitCommonComponent(rows);
        const again = fitCommonComponent(rows.map((r) => Float32Array.from(r)));
        expect(Array.from(again)).toEqual(Array.from(pc));
        if (rows.every((r) => norm(r) === 0)) return expect(norm(pc)).toBe(0);
        expect(norm(pc)).toBeCloseTo(1, 5);
        // No unit direction carries more of the vectors' energy than pc (checked against each row's own direction).
        const energy = (u: ArrayLike<number>) => rows.reduce((s, r) => s + dot(r, u) ** 2, 0);
        for (const r of rows) if (norm(r) > 0) expect(energy(pc)).toBeGreaterThanOrEqual(energy(r.map((x) => x / norm(r))) * (1 - 1e-4));
      }),
      { numRuns: 200 },
    );
  });

  it('returns an empty vector for no vectors', () => {
    expect(fitCommonComponent([]).length).toBe(0);
  });
});

describe('removeComponent', () => {
  it('leaves a unit vector orthogonal to the component', () => {
    fc.assert(
      fc.property(vectors(6), (rows) => {
        const pc = fitCommonComponent(rows);
        for (const v of rows) {
          const out = removeComponent(v, pc);
          expect(out.length).toBe(v.length);
          const n = norm(out);
          if (n === 0) continue; // v was zero or lay along pc
          expect(n).toBeCloseTo(1, 5);
          expect(Math.abs(dot(out, pc))).toBeLessThan(1e-4);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('does not modify its input and only normalises with an empty component', () => {
    const v = Float32Array.from([3, 4]);
    expect(Array.from(removeComponent(v, new Float32Array(0)))).toEqual([Math.fround(0.6), Math.fround(0.8)]);
    expect(Array.from(v)).toEqual([3, 4]);
  });

  it('keeps a zero vector zero', () => {
    expect(Array.from(removeComponent(new Float32Array(3), Float32Array.from([1, 0, 0])))).toEqual([0, 0, 0]);
  });

  it('gives, written in place over its input, the same floats as through a double-precision copy', () => {
    // The earlier form: subtract into a Float64Array, then normalise a float32 copy of it.
    const throughCopy = (v: Float32Array, pc: Float32Array): Float32Array => {
      let [d, pp, vv] = [0, 0, 0];
      for (let i = 0; i < v.length; i++) [d, pp, vv] = [d + v[i]! * pc[i]!, pp + pc[i]! * pc[i]!, vv + v[i]! * v[i]!];
      const scale = pp > 0 ? d / pp : 0;
      const rest = Float64Array.from(v, (x, i) => x - scale * pc[i]!);
      return rest.reduce((s, x) => s + x * x, 0) <= 1e-10 * vv ? new Float32Array(v.length) : normalizeInPlace(Float32Array.from(rest));
    };
    fc.assert(
      fc.property(vectors(6), (rows) => {
        const pc = fitCommonComponent(rows);
        for (const v of rows) {
          const expected = throughCopy(v, pc);
          const packed = Float32Array.from(v);
          removeComponentInto(packed, pc, packed);
          expect(Array.from(packed)).toEqual(Array.from(expected));
        }
      }),
      { numRuns: 200 },
    );
  });
});
