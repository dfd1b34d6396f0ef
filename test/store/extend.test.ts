import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLexicalIndex, extendLexicalIndex } from '../../src/store/lexical.js';
import { NO_PASSAGE, buildVectorIndex, extendVectorIndex, labelMap } from '../../src/store/vectors.js';

const WORDS = ['drone', 'strike', 'port', 'aden', 'convoy', 'border', 'shelling', 'crane', 'militia', 'ceasefire', 'rocket', 'airport'];

describe('extending the lexical index', () => {
  it('gives, byte for byte, the index of the new passage list built whole', () => {
    const text = fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 8 }).map((w) => w.join(' '));
    fc.assert(
      fc.property(
        fc.array(text, { minLength: 1, maxLength: 30 }),
        fc.array(fc.boolean(), { maxLength: 30 }),
        fc.array(text, { maxLength: 10 }),
        fc.integer(),
        (oldTexts, removed, addedTexts, seed) => {
          const previous = createLexicalIndex(oldTexts.map((t, id) => ({ id, text: t })));
          // The survivors in a shuffled order (an article moved between files), the new ones among them.
          const kept = oldTexts.map((t, i) => ({ t, old: i })).filter((_, i) => !removed[i]);
          const order = [...kept, ...addedTexts.map((t) => ({ t, old: -1 }))].map((x, i) => ({ ...x, key: (Math.imul(i + 1, seed | 1) >>> 0) % 97 }));
          order.sort((a, b) => a.key - b.key);
          const newIdOf = new Int32Array(oldTexts.length).fill(-1);
          order.forEach((x, i) => x.old >= 0 && (newIdOf[x.old] = i));
          const added = order.flatMap((x, i) => (x.old < 0 ? [{ id: i, text: x.t }] : []));
          const extended = extendLexicalIndex(previous, newIdOf, added, order.length);
          const whole = createLexicalIndex(order.map((x, id) => ({ id, text: x.t })));
          expect(extended.serialize().equals(whole.serialize())).toBe(true);
        },
      ),
      { numRuns: 200, seed: 3 },
    );
  });
});

describe('extending the passage graph', () => {
  const unit = (i: number) => {
    const v = new Float32Array(8);
    v[i % 8] = 1;
    v[(i + 3) % 8] = 0.5 + (i % 5) / 10;
    return v;
  };

  it('finds new passages by their new numbers, never a removed one, and filters by passage number', () => {
    const graph = buildVectorIndex(Array.from({ length: 20 }, (_, i) => unit(i)), 8, { m: 8, efConstruction: 50, efSearch: 50 });
    // Passage 5 removed; the others move up by one after it; two new passages at 0 and 20.
    const newPassageOf = new Int32Array(20).map((_, i) => (i === 5 ? -1 : i < 5 ? i + 1 : i));
    const extended = extendVectorIndex(
      graph,
      { oldPassages: 20, newPassageOf, added: [{ passage: 0, vector: unit(5) }, { passage: 20, vector: unit(100) }] },
      50,
    );
    const { index } = extended;
    expect(extended.deletedShare).toBeCloseTo(1 / 22);
    // What the log records of it: the slot deleted, then one new slot per new passage.
    expect(extended.deleted).toEqual([5]);
    expect(extended.added).toEqual([{ slot: 20, passage: 0 }, { slot: 21, passage: 20 }]);
    const map = labelMap(index, 21);
    expect(map[5]).toBe(NO_PASSAGE);
    expect([...map.subarray(20)]).toEqual([0, 20]);
    // unit(5) is now passage 0 (the removed passage 5 had the same vector, and is never returned).
    expect(index.search(unit(5), 1)[0]).toMatchObject({ id: 0 });
    expect(index.search(unit(100), 1)[0]).toMatchObject({ id: 20 });
    expect(index.search(unit(5), 21).map((h) => h.id).sort((a, b) => a - b)).toEqual(Array.from({ length: 21 }, (_, i) => i));
    expect(index.search(unit(5), 3, (id) => id >= 10).every((h) => h.id >= 10)).toBe(true);
  });
});
