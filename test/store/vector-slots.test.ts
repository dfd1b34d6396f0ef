import { describe, expect, it } from 'vitest';
import type { Passage } from '../../src/corpus/types.js';
import { IndexError } from '../../src/store/errors.js';
import { encodeSlotIds } from '../../src/store/vector-log.js';
import { slotState } from '../../src/store/vector-slots.js';
import { runWhole } from '../../src/store/steps.js';
import { NO_PASSAGE } from '../../src/store/vectors.js';

const passage = (id: string): Passage => ({ id, articleId: 'a', index: 0, start: 0, end: 1, sentences: [{ start: 0, end: 1 }] });

/** The slots of a snapshot naming `slotIds` ('' for a deleted slot), resolved against `passages`. */
function resolve(slotIds: string[], passages: Passage[]) {
  const ids = { bytes: encodeSlotIds(slotIds), file: 'vectors.ids' };
  return runWhole(slotState(ids, [], passages, 1, { bytes: slotIds.length * 4, file: 'vectors.f32' }));
}

describe('the passage graph slots', () => {
  it('finds each slot its passage wherever the passages moved: near its old place or far from it', () => {
    const old = Array.from({ length: 500 }, (_, i) => `p${i}`);
    // 300 passages come before all the old ones (far past any guess near the slot), one old passage
    // is gone, and the last 100 are reversed.
    const added = Array.from({ length: 300 }, (_, i) => `n${i}`);
    const kept = old.filter((id) => id !== 'p250');
    const order = [...added, ...kept.slice(0, 399), ...kept.slice(399).reverse()];
    const slotIds = [...old.map((id) => (id === 'p250' ? '' : id)), ...added];
    const { passageOf } = resolve(slotIds, order.map(passage));
    expect(passageOf).not.toBeNull();
    slotIds.forEach((id, s) => expect(passageOf![s]).toBe(id === '' ? NO_PASSAGE : order.indexOf(id)));
  });

  it('tells when every slot is its passage number', () => {
    const ids = ['a', 'b', 'c'];
    expect(resolve(ids, ids.map(passage)).passageOf).toBeNull();
  });

  it('refuses a slot naming no passage, two slots naming one, and a passage with no slot', () => {
    const passages = ['a', 'b', 'c'].map(passage);
    expect(() => resolve(['a', 'b', 'x'], passages)).toThrow(/slot 2 names passage x, which passages.jsonl does not hold/);
    expect(() => resolve(['a', 'b', 'b'], passages)).toThrow(/which another slot names/);
    expect(() => resolve(['a', 'b'], passages)).toThrow(IndexError);
  });
});
