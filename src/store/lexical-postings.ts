/**
 * Postings as packed arrays (lexical-format.ts): made from passages' texts, and merged with another
 * set under a renumbering. Pure; the index that searches them is lexical.ts.
 */
import { terms } from './analyze.js';
import type { Packed } from './lexical-format.js';
import { sortPostings } from './lexical-merge.js';

export interface LexicalDocument {
  /** Passage number: its position in the index's passage list (0..n-1, each once). */
  id: number;
  text: string;
}

/** Sorts postings [from, to) by passage number, counts alongside; a run already in order costs one pass. */
function sortRun(docs: Uint32Array, counts: Uint32Array, from: number, to: number): void {
  for (let k = from + 1; k < to; k++) {
    if (docs[k - 1]! > docs[k]!) return sortPostings(docs, counts, from, to);
  }
}

/** Postings of `documents` packed, in an index of `documentCount` passages (ids outside them have length 0). */
export function collectPostings(documents: LexicalDocument[], documentCount: number): Packed {
  const lengths = new Uint32Array(documentCount);
  const postings = new Map<string, number[]>();
  for (const doc of documents) {
    const counts = new Map<string, number>();
    for (const t of terms(doc.text)) counts.set(t, (counts.get(t) ?? 0) + 1);
    lengths[doc.id] = [...counts.values()].reduce((s, c) => s + c, 0);
    for (const [t, c] of counts) {
      let list = postings.get(t);
      if (!list) postings.set(t, (list = []));
      list.push(doc.id, c);
    }
  }
  const sortedTerms = [...postings.keys()].sort();
  const offsets = new Uint32Array(sortedTerms.length + 1);
  let size = 0;
  sortedTerms.forEach((t, i) => {
    offsets[i] = size;
    size += postings.get(t)!.length / 2;
  });
  offsets[sortedTerms.length] = size;
  const docs = new Uint32Array(size);
  const counts = new Uint32Array(size);
  sortedTerms.forEach((t, i) => {
    const list = postings.get(t)!;
    for (let j = 0, k = offsets[i]!; j < list.length; j += 2, k++) {
      docs[k] = list[j]!;
      counts[k] = list[j + 1]!;
    }
    // Documents may come in any order; postings are kept by passage number.
    sortRun(docs, counts, offsets[i]!, offsets[i + 1]!);
  });
  return { terms: sortedTerms, offsets, docs, counts, lengths };
}

/**
 * `old`'s postings renumbered (`newIdOf[old]`, -1 for a passage removed) and merged with `fresh`'s
 * (already numbered in the new list), term by term; a term no passage holds any more is dropped.
 */
export function mergePostings(old: Packed, newIdOf: Int32Array, fresh: Packed): Packed {
  const lengths = fresh.lengths;
  for (let d = 0; d < old.lengths.length; d++) {
    const now = newIdOf[d]!;
    if (now >= 0) lengths[now] = old.lengths[d]!;
  }
  const terms: string[] = [];
  const offsets: number[] = [];
  const docs = new Uint32Array(old.docs.length + fresh.docs.length);
  const counts = new Uint32Array(docs.length);
  let size = 0;
  let i = 0;
  let j = 0;
  while (i < old.terms.length || j < fresh.terms.length) {
    const a = old.terms[i];
    const b = fresh.terms[j];
    const term = b === undefined || (a !== undefined && a < b) ? a! : b;
    const start = size;
    if (a === term) {
      for (let k = old.offsets[i]!; k < old.offsets[i + 1]!; k++) {
        const now = newIdOf[old.docs[k]!]!;
        if (now < 0) continue;
        docs[size] = now;
        counts[size++] = old.counts[k]!;
      }
      i++;
    }
    if (b === term) {
      for (let k = fresh.offsets[j]!; k < fresh.offsets[j + 1]!; k++) {
        docs[size] = fresh.docs[k]!;
        counts[size++] = fresh.counts[k]!;
      }
      j++;
    }
    if (size === start) continue; // every passage holding it was removed
    // Renumbering keeps order unless an article moved between files; new passages fall anywhere.
    sortRun(docs, counts, start, size);
    terms.push(term);
    offsets.push(start);
  }
  offsets.push(size);
  return { terms, offsets: Uint32Array.from(offsets), docs: docs.slice(0, size), counts: counts.slice(0, size), lengths };
}
