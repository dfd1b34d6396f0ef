/**
 * The postings as both reads take them from a generation's files (layout 11): the base and each log
 * segment unpacked and checked against the passage graph's slots (lexical-segments.ts), then merged
 * into the index over passage numbers that answering searches. The read at once runs these steps
 * whole, the read in steps between turns of the event loop; the order and the errors are the same.
 */
import path from 'node:path';
import { damaged } from './index-checks.js';
import { unpackLexicalSteps, unpackSegmentSteps, type Packed } from './lexical-format.js';
import { asNewIds, mergeSources } from './lexical-merge.js';
import { lexicalLogName, type SlotPostings } from './lexical-segments.js';
import { lexicalIndexOf, type LexicalIndex } from './lexical.js';
import { INDEX_FILES } from './manifest.js';
import { slotMap, type SlotState } from './vector-slots.js';

/**
 * The postings segments of the generation in `location`, each checked against the segment of the
 * graph's log it goes with: it must hold the slots that segment adds, no more, no fewer (a segment
 * swapped with another, or forged to pass its checksum, is refused naming its file).
 */
export function* lexicalSegmentsOf(location: string, slots: SlotState, bytesOf: (name: string) => Buffer): Generator<void, SlotPostings[]> {
  const segments: SlotPostings[] = [];
  let next = slots.log.snapshotSlots;
  for (const logged of slots.log.segments) {
    const name = lexicalLogName(logged.name);
    const file = path.join(location, name);
    const { packed, firstSlot } = yield* named(file, unpackSegmentSteps(bytesOf(name)));
    const adds = logged.records.reduce((n, r) => n + (r.op === 'add' ? 1 : 0), 0);
    const held = packed.lengths.length;
    if (firstSlot !== next || held !== adds) {
      throw damaged(file, `it holds the postings of ${held} slots from slot ${firstSlot}, ${logged.name} adds ${adds} from slot ${next}`);
    }
    segments.push({ firstSlot, packed });
    next += adds;
  }
  return segments;
}

/**
 * The searchable index (`searchable` false: its search structures made on first search) over passage
 * numbers, from the base's bytes and the checked segments: every live slot's postings under its
 * passage's number, a deleted slot's skipped, so that the arrays are those a whole build gives.
 */
export function* storedLexical(
  location: string,
  base: Buffer,
  segments: readonly SlotPostings[],
  slots: SlotState,
  passages: number,
  searchable: boolean,
): Generator<void, LexicalIndex> {
  const file = path.join(location, INDEX_FILES.lexical);
  const packed = yield* named(file, unpackLexicalSteps(base));
  const snapshotSlots = slots.log.snapshotSlots;
  if (packed.lengths.length !== snapshotSlots) throw damaged(file, `it holds ${packed.lengths.length} documents, ${INDEX_FILES.slots} names ${snapshotSlots} slots`);
  return yield* lexicalIndexOf(yield* mergedPostings(packed, segments, slots, passages), searchable);
}

function* mergedPostings(base: Packed, segments: readonly SlotPostings[], slots: SlotState, passages: number): Generator<void, Packed> {
  // Every slot its passage number and nothing logged: the base is the index as it is.
  if (slots.passageOf === null && segments.length === 0) return base;
  const newIdOf = asNewIds(slotMap(slots, passages));
  const sources = [{ packed: base, newIdOf }, ...segments.map((s) => ({ packed: s.packed, newIdOf: newIdOf.subarray(s.firstSlot) }))];
  return yield* mergeSources(sources, passages);
}

/** A lexical file's steps, its refusal (a plain Error) reported as damage to that file. */
function* named<T>(file: string, work: Generator<void, T>): Generator<void, T> {
  try {
    return yield* work;
  } catch (err) {
    throw damaged(file, (err as Error).message);
  }
}
