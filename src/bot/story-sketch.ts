/**
 * Recognising reports of one story by their text: each article's title and lead (its first
 * sentences) become a set of index terms (stemmed, numbers normalised: the same analysis as
 * retrieval, so "seventy-eight rockets" and "78 rockets" meet), and the set a MinHash signature.
 * The share of equal signature slots estimates the Jaccard similarity of two sets; two differently
 * worded wire reports of one event share their names, places, numbers and key nouns far more than
 * two reports of different events do (see the tests for the measured values).
 *
 * MinHash is written out here (a few lines) rather than taken from a package: the maintained one,
 * bloom-filters, draws its hash functions from an unseeded random source in its factory, so
 * signatures saved by one run could not be compared with those of the next.
 */
import { terms } from '../store/analyze.js';

export const SKETCH_SIZE = 128;

/** Words of news reporting itself, which two reports of different events share as much as two of one. */
const REPORTING = new Set(
  [
    'said', 'say', 'says', 'told', 'tell', 'report', 'reported', 'reports', 'according', 'official', 'officials', 'statement',
    'also', 'would', 'could', 'after', 'before', 'from', 'have', 'has', 'had', 'been', 'were', 'who', 'which', 'its', 'his', 'her',
    'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'week', 'day', 'today', 'yesterday', 'news', 'agency',
  ].flatMap((w) => terms(w)),
);

/** The terms a story is recognised by. */
export function storyTerms(title: string, lead: string): Set<string> {
  return new Set([...terms(title), ...terms(lead)].filter((t) => t.length > 1 && !REPORTING.has(t)));
}

/** FNV-1a, 32 bits. */
function fnv(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** A 32-bit finaliser (murmur3's): a different seed makes a different, independent-looking hash. */
function mix(x: number, seed: number): number {
  let h = (x ^ seed) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Fixed seeds, so signatures stay comparable across runs and processes. */
const SEEDS = Array.from({ length: SKETCH_SIZE }, (_, i) => mix(0x9e3779b9 + i, 0x5bd1e995));

/** The MinHash signature of a set of terms (all slots 0xffffffff for an empty set). */
export function sketch(items: Iterable<string>): number[] {
  const sig = new Array<number>(SKETCH_SIZE).fill(0xffffffff);
  for (const item of items) {
    const x = fnv(item);
    for (let i = 0; i < SKETCH_SIZE; i++) {
      const h = mix(x, SEEDS[i]!);
      if (h < sig[i]!) sig[i] = h;
    }
  }
  return sig;
}

/** Estimated Jaccard similarity of the sets behind two signatures, 0..1. */
export function similarity(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length || a.length === 0) return 0;
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i] && a[i] !== 0xffffffff) same++;
  return same / a.length;
}

/** Exact Jaccard similarity of two sets, for checking the estimate. */
export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let both = 0;
  for (const x of a) if (b.has(x)) both++;
  const union = a.size + b.size - both;
  return union === 0 ? 0 : both / union;
}
