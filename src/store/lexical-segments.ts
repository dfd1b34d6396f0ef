/**
 * The postings as a base plus log segments (layout 11), numbered by the passage graph's slots: the
 * base (`lexical.bin`) holds the postings of the snapshot's slots (slot s is document s; a deleted
 * slot holds none), and each segment `vectors.log.N` of the graph's log has a postings segment
 * `lexical.log.N` holding those of exactly the slots it adds, numbered from its first slot. The
 * slots the graph's log deletes are the postings to skip. An add then writes its own passages'
 * postings (a few KB) instead of every posting again; opening merges base and segments into the one
 * index over passage numbers that answering searches (stored-lexical.ts). Pure.
 */
import { collectPostings } from './lexical-postings.js';
import { packLexical, type Packed } from './lexical-format.js';
import { mergeSources, slotOfPassage } from './lexical-merge.js';
import { runWhole } from './steps.js';
import { companionLogName } from './vector-log.js';

/** The postings of a run of consecutive slots: document d is slot `firstSlot + d`. */
export interface SlotPostings {
  firstSlot: number;
  packed: Packed;
}

/** The postings segment that goes with a segment of the graph's log (`vectors.log.N` → `lexical.log.N`). */
export const lexicalLogName = (vectorLogName: string): string => companionLogName(vectorLogName, 'lexical');

/** The postings of passages added under consecutive slots from `firstSlot` (`count` of them, each `slot` once). */
export function segmentPostings(added: ReadonlyArray<{ slot: number; text: string }>, firstSlot: number, count: number): SlotPostings {
  const documents = added.map(({ slot, text }) => {
    if (slot < firstSlot || slot >= firstSlot + count) throw new Error(`slot ${slot} is outside the segment's ${firstSlot}–${firstSlot + count - 1}`);
    return { id: slot - firstSlot, text };
  });
  return { firstSlot, packed: collectPostings(documents, count) };
}

/** Consecutive segments as one (the graph's log folded into one segment), every posting kept: the deletes that skip some stay in the graph's log. */
export function foldSegments(segments: readonly SlotPostings[]): SlotPostings {
  const first = segments[0]?.firstSlot ?? 0;
  let next = first;
  const sources = segments.map(({ firstSlot, packed }) => {
    if (firstSlot !== next) throw new Error(`a postings segment starts at slot ${firstSlot}, the one before ends at ${next}`);
    next = firstSlot + packed.lengths.length;
    return { packed, newIdOf: Int32Array.from(packed.lengths, (_, d) => firstSlot - first + d) };
  });
  return { firstSlot: first, packed: runWhole(mergeSources(sources, next - first)) };
}

/** A segment's bytes: the base's layout (lexical-format.ts) with its first slot in the header. */
export function encodeSegment(segment: SlotPostings): Buffer {
  return packLexical(segment.packed, segment.firstSlot);
}

/** A base's bytes from an index over passage numbers: its postings moved onto the slots of a new snapshot (`passageOf`: slot → passage, NO_PASSAGE for a slot deleted; null: slot i is passage i). */
export function encodeBase(packed: Packed, passageOf: Uint32Array | null): Buffer {
  if (passageOf === null || isIdentity(passageOf, packed.lengths.length)) return packLexical(packed);
  const slotOf = slotOfPassage(passageOf, packed.lengths.length);
  return packLexical(runWhole(mergeSources([{ packed, newIdOf: slotOf }], passageOf.length)));
}

function isIdentity(passageOf: Uint32Array, passages: number): boolean {
  if (passageOf.length !== passages) return false;
  for (let s = 0; s < passageOf.length; s++) if (passageOf[s] !== s) return false;
  return true;
}
