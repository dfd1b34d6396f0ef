/**
 * The postings as a base over the passage graph's slots plus one segment per log segment (layout
 * 11), merged at open: against random histories of adds and deletes, the merged index is the whole
 * build's, array for array; folding the segments changes nothing; and the files refuse damage.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { packLexical, unpackSegmentSteps } from '../../src/store/lexical-format.js';
import { collectPostings } from '../../src/store/lexical-postings.js';
import { encodeBase, encodeSegment, foldSegments, lexicalLogName, segmentPostings, type SlotPostings } from '../../src/store/lexical-segments.js';
import { createLexicalIndex, packedOf } from '../../src/store/lexical.js';
import { runWhole } from '../../src/store/steps.js';
import { lexicalSegmentsOf, storedLexical } from '../../src/store/stored-lexical.js';
import type { VectorRecord } from '../../src/store/vector-log.js';
import type { SlotState } from '../../src/store/vector-slots.js';
import { NO_PASSAGE } from '../../src/store/vectors.js';

const WORDS = ['drone', 'strike', 'port', 'aden', 'convoy', 'border', 'shelling', 'crane', 'militia', 'ceasefire', 'rocket', 'airport'];
const text = fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 8 }).map((w) => w.join(' '));

/** A history of the graph's slots: a snapshot of texts, then segments each deleting some live slots and adding texts. */
interface History {
  snapshot: string[];
  segments: Array<{ deletes: number[]; adds: string[] }>;
  seed: number;
}
const history: fc.Arbitrary<History> = fc.record({
  snapshot: fc.array(text, { maxLength: 20 }),
  segments: fc.array(fc.record({ deletes: fc.array(fc.nat(), { maxLength: 4 }), adds: fc.array(text, { maxLength: 5 }) }), { maxLength: 5 }),
  seed: fc.integer(),
});

/** What a generation with that history stores and means: slot texts, the log's records and postings, each live slot's passage number. */
function generation(h: History) {
  const slotText: Array<string | null> = [...h.snapshot];
  const segments = h.segments.map((s, n) => {
    const records: VectorRecord[] = [];
    for (const d of s.deletes) {
      const live = slotText.flatMap((t, slot) => (t === null ? [] : [slot]));
      if (live.length === 0) break;
      const slot = live[d % live.length]!;
      slotText[slot] = null;
      records.push({ op: 'delete', slot });
    }
    const firstSlot = slotText.length;
    const added = s.adds.map((t, i) => ({ slot: firstSlot + i, text: t }));
    for (const a of added) {
      slotText.push(a.text);
      records.push({ op: 'add', slot: a.slot, id: `p${a.slot}`, raw: new Float32Array(0) });
    }
    return { name: `vectors.log.${n + 1}`, records, postings: segmentPostings(added, firstSlot, added.length) };
  });
  // The live slots' passages in a shuffled order, as articles sorting anywhere would give.
  const live = slotText.flatMap((t, slot) => (t === null ? [] : [{ slot, key: (Math.imul(slot + 1, h.seed | 1) >>> 0) % 101 }]));
  live.sort((a, b) => a.key - b.key || a.slot - b.slot);
  const passageOf = new Uint32Array(slotText.length).fill(NO_PASSAGE);
  live.forEach(({ slot }, p) => (passageOf[slot] = p));
  const base = collectPostings(
    h.snapshot.flatMap((t, slot) => [{ id: slot, text: t }]),
    h.snapshot.length,
  );
  const slots: SlotState = {
    passageOf,
    log: { segments: segments.map(({ name, records }) => ({ name, records })), added: slotText.length - h.snapshot.length, snapshotSlots: h.snapshot.length },
  };
  const whole = createLexicalIndex(live.map(({ slot }, p) => ({ id: p, text: slotText[slot]! })));
  const files = new Map<string, Buffer>(segments.map((s) => [lexicalLogName(s.name), encodeSegment(s.postings)]));
  return { base, segments, slots, whole, files, passages: live.length };
}

const merged = (base: Buffer, g: ReturnType<typeof generation>, segments?: SlotPostings[]) =>
  runWhole(storedLexical('/gen', base, segments ?? runWhole(lexicalSegmentsOf('/gen', g.slots, (name) => g.files.get(name)!)), g.slots, g.passages, true));

describe('the postings as a base plus segments', () => {
  it('merge at open into the index a whole build of the live passages gives, array for array', () => {
    fc.assert(
      fc.property(history, (h) => {
        const g = generation(h);
        // A base written from a deleted slot's postings still holds them: the log's delete is what skips them.
        const index = merged(packLexical(g.base), g);
        expect(index.serialize().equals(g.whole.serialize())).toBe(true);
        expect(index.search([{ term: 'drone', weight: 1 }], 5)).toEqual(g.whole.search([{ term: 'drone', weight: 1 }], 5));
      }),
      { numRuns: 300, seed: 11 },
    );
  });

  it('merge the same once their segments are folded into one', () => {
    fc.assert(
      fc.property(history, (h) => {
        const g = generation(h);
        if (g.segments.length === 0) return;
        const folded = foldSegments(g.segments.map((s) => s.postings));
        const records = g.segments.flatMap((s) => s.records);
        const slots: SlotState = { ...g.slots, log: { ...g.slots.log, segments: [{ name: 'vectors.log.9', records }] } };
        const files = new Map([['lexical.log.9', encodeSegment(folded)]]);
        const segments = runWhole(lexicalSegmentsOf('/gen', slots, (name) => files.get(name)!));
        const index = runWhole(storedLexical('/gen', packLexical(g.base), segments, slots, g.passages, true));
        expect(index.serialize().equals(g.whole.serialize())).toBe(true);
      }),
      { numRuns: 200, seed: 12 },
    );
  });

  it('write a new base over the slots of an extended graph that merges back into the same index', () => {
    fc.assert(
      fc.property(history, (h) => {
        const g = generation(h);
        const base = encodeBase(packedOf(g.whole), g.slots.passageOf);
        const snapshot: SlotState = { passageOf: g.slots.passageOf, log: { segments: [], added: 0, snapshotSlots: g.slots.passageOf!.length } };
        const index = runWhole(storedLexical('/gen', base, [], snapshot, g.passages, true));
        expect(index.serialize().equals(g.whole.serialize())).toBe(true);
      }),
      { numRuns: 200, seed: 13 },
    );
  });

  it('refuse a segment cut short, padded, of other slots than its log segment adds, or naming a document it does not hold', () => {
    const g = generation({ snapshot: ['drone port', 'aden'], segments: [{ deletes: [0], adds: ['convoy strike', 'drone'] }, { deletes: [], adds: ['rocket'] }], seed: 1 });
    const bytes = g.files.get('lexical.log.1')!;
    const refusal = (files: Map<string, Buffer>) => () => runWhole(lexicalSegmentsOf('/gen', g.slots, (name) => files.get(name)!));
    const withSegment = (b: Buffer, name = 'lexical.log.1') => new Map([...g.files, [name, b]]);
    expect(refusal(withSegment(bytes.subarray(0, bytes.length - 4)))).toThrow(/\/gen\/lexical\.log\.1 is damaged: .*do not match/);
    expect(refusal(withSegment(Buffer.concat([bytes, Buffer.alloc(4)])))).toThrow(/\/gen\/lexical\.log\.1 is damaged/);
    expect(refusal(withSegment(Buffer.alloc(2)))).toThrow(/lexical\.log\.1 is damaged: it is too short/);
    // The two segments swapped: each passes as a segment, neither holds the slots its log segment adds.
    const swapped = new Map([['lexical.log.1', g.files.get('lexical.log.2')!], ['lexical.log.2', bytes]]);
    expect(refusal(swapped)).toThrow(/lexical\.log\.1 is damaged: it holds the postings of 1 slots from slot 4, vectors\.log\.1 adds 2 from slot 2/);
    const forged = encodeSegment({ firstSlot: 2, packed: { ...g.segments[0]!.postings.packed, docs: Uint32Array.from([0, 5, 1]) } });
    expect(refusal(withSegment(forged))).toThrow(/lexical\.log\.1 is damaged: posting 2 names document 5, of 2/);
    expect(refusal(withSegment(packLexical(g.segments[0]!.postings.packed)))).toThrow(/lexical\.log\.1 is damaged: unknown lexical index format/);
    // A base that is not one (a segment's bytes), or over another count of slots than the snapshot's.
    expect(() => merged(bytes, g)).toThrow(/\/gen\/lexical\.bin is damaged: unknown lexical index format/);
    expect(() => merged(packLexical(collectPostings([{ id: 0, text: 'aden' }], 1)), g)).toThrow(/lexical\.bin is damaged: it holds 1 documents, vectors\.ids names 2 slots/);
  });

  it('round-trip a segment with its first slot', () => {
    const segment = segmentPostings([{ slot: 7, text: 'drone strike' }, { slot: 8, text: 'port' }], 7, 2);
    expect(runWhole(unpackSegmentSteps(encodeSegment(segment)))).toEqual(segment);
    expect(() => segmentPostings([{ slot: 9, text: 'port' }], 7, 2)).toThrow(/outside/);
    expect(lexicalLogName('vectors.log.12')).toBe('lexical.log.12');
  });
});
