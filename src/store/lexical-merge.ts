/**
 * Postings from several sets merged into one over new document numbers, term by term: the stored
 * base and log segments (numbered by slot) into the index over passage numbers that answering
 * searches, and an index over passage numbers back onto slots for a new base. Pure, and a generator
 * (steps.ts), so that a running server's read merges a few milliseconds at a time.
 */
import type { Packed } from './lexical-format.js';

/** A set of postings and where each of its documents goes: `newIdOf[d]`, or a negative number for a document left out. */
export interface MergeSource {
  packed: Packed;
  newIdOf: Int32Array;
}

/** Postings copied, and terms passed, between two yields: a few milliseconds' work. */
const POSTINGS_PER_STEP = 1 << 16;
const TERMS_PER_STEP = 1 << 13;

/**
 * The postings of every source renumbered into one set of `documentCount` documents: a term's
 * postings are those of every source holding it, in document order, and a term no kept document
 * holds is dropped. With the numbering a whole build gives, the result is the whole build's, array
 * for array. Each document number must come from one source at most.
 */
export function* mergeSources(sources: readonly MergeSource[], documentCount: number): Generator<void, Packed> {
  const lengths = new Uint32Array(documentCount);
  let total = 0;
  for (const { packed, newIdOf } of sources) {
    for (let d = 0; d < packed.lengths.length; d++) {
      const now = newIdOf[d]!;
      if (now >= 0) lengths[now] = packed.lengths[d]!;
    }
    total += packed.docs.length;
  }
  yield;
  const terms: string[] = [];
  const offsets: number[] = [];
  const docs = new Uint32Array(total);
  const counts = new Uint32Array(total);
  const cursor = sources.map(() => 0);
  let size = 0;
  let sinceYield = 0;
  // The first source (the base) holds most terms: the smallest head of the others is kept until one of them moves.
  const smallestHead = (from: number): string | undefined => {
    let term: string | undefined;
    for (let s = from; s < sources.length; s++) {
      const head = sources[s]!.packed.terms[cursor[s]!];
      if (head !== undefined && (term === undefined || head < term)) term = head;
    }
    return term;
  };
  let others = smallestHead(1);
  for (let passed = 1; ; passed++) {
    const first = sources[0]?.packed.terms[cursor[0]!];
    const term = first === undefined || (others !== undefined && others < first) ? others : first;
    if (term === undefined) break;
    const othersMove = term === others;
    const start = size;
    let ordered = true;
    let last = -1;
    for (let s = 0; s < sources.length; s++) {
      const { packed, newIdOf } = sources[s]!;
      const t = cursor[s]!;
      if (packed.terms[t] !== term) continue;
      const fromDocs = packed.docs;
      const fromCounts = packed.counts;
      const end = packed.offsets[t + 1]!;
      for (let k = packed.offsets[t]!; k < end; k++) {
        const now = newIdOf[fromDocs[k]!]!;
        if (now < 0) continue;
        if (now < last) ordered = false;
        last = now;
        docs[size] = now;
        counts[size++] = fromCounts[k]!;
      }
      cursor[s] = t + 1;
    }
    if (othersMove) others = smallestHead(1);
    sinceYield += size - start;
    if (size > start) {
      if (!ordered) sortPostings(docs, counts, start, size);
      terms.push(term);
      offsets.push(start);
    }
    if (sinceYield >= POSTINGS_PER_STEP || passed % TERMS_PER_STEP === 0) {
      sinceYield = 0;
      yield;
    }
  }
  offsets.push(size);
  // Views, not copies: what deleted slots held is a few unused entries at the end.
  return { terms, offsets: Uint32Array.from(offsets), docs: docs.subarray(0, size), counts: counts.subarray(0, size), lengths };
}

/** Counts below this pack beside their document number into one float64 (2^32 · 2^21 < 2^53) for a native sort. */
const PACKED_COUNT_LIMIT = 1 << 21;

/**
 * Sorts postings [from, to) by document number, counts alongside. Each (document, count) pair is
 * packed into one float64 and the run sorted natively: a renumbered run of 50,000 postings with a
 * few new passages among them sorts in a few milliseconds, where sorting an index array by a
 * comparator took tens.
 */
export function sortPostings(docs: Uint32Array, counts: Uint32Array, from: number, to: number): void {
  const keys = new Float64Array(to - from);
  let small = true;
  for (let k = from; k < to; k++) {
    if (counts[k]! >= PACKED_COUNT_LIMIT) small = false;
    keys[k - from] = docs[k]! * PACKED_COUNT_LIMIT + counts[k]!;
  }
  if (!small) {
    const order = Array.from({ length: to - from }, (_, k) => from + k).sort((x, y) => docs[x]! - docs[y]!);
    const d = order.map((k) => docs[k]!);
    const c = order.map((k) => counts[k]!);
    docs.set(d, from);
    counts.set(c, from);
    return;
  }
  keys.sort();
  for (let k = 0; k < keys.length; k++) {
    const doc = Math.floor(keys[k]! / PACKED_COUNT_LIMIT);
    docs[from + k] = doc;
    counts[from + k] = keys[k]! - doc * PACKED_COUNT_LIMIT;
  }
}

/** `newIdOf` of a slot → passage map (NO_PASSAGE, 0xffffffff, reads as -1: a deleted slot). */
export function asNewIds(passageOf: Uint32Array): Int32Array {
  return new Int32Array(passageOf.buffer, passageOf.byteOffset, passageOf.length);
}

/** Passage → slot, from a slot → passage map (NO_PASSAGE for a slot deleted). */
export function slotOfPassage(passageOf: Uint32Array, passages: number): Int32Array {
  const slotOf = new Int32Array(passages).fill(-1);
  for (let s = 0; s < passageOf.length; s++) {
    const p = passageOf[s]!;
    if (p < passages) slotOf[p] = s;
  }
  return slotOf;
}
