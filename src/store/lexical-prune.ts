/**
 * BM25's best k without reading every posting (MaxScore-style): terms are read from the largest
 * possible contribution down, and once the k-th best partial score beats all that the unread terms
 * could add, no passage they alone hold can enter the best k, so their long postings are never
 * scanned. News questions mix a rare name ("Kirkuk": a few postings) with words most passages hold
 * ("attack", "near", "said": at 100k benchmark passages, 96–100k postings each), whose idf makes
 * them count for little and cost the most.
 *
 * The result is the exhaustive search's, score for score: each finalist's score is summed again
 * term by term in the query's order, in float32 as the exhaustive accumulator sums it, and the
 * bounds keep a margin far above float32's rounding. Where too many passages stay in contention
 * (templated text, a question of common words only) it says so, and the caller scans every posting.
 */

/** One query term: its postings `[from, to)` and its weight × idf. */
export interface QueryTerm {
  from: number;
  to: number;
  w: number;
}

export interface PostingArrays {
  /** Passage numbers, ascending within each term's run. */
  docs: Uint32Array;
  /** Each posting's term-frequency part of BM25. */
  impact: Float32Array;
}

export interface Scratch {
  /** Zero everywhere on entry, and left so. */
  scores: Float32Array;
  touched: Uint32Array;
}

export interface Ranked {
  ids: Uint32Array;
  /** Scores by passage number, set for `ids` only. */
  scores: Float32Array;
}

/** Relative margin of every bound: float32 sums of a few dozen terms err by under 1e-5. */
const MARGIN = 1e-4;
/** Postings below this are read whatever the bound: checking costs a pass over the passages touched so far. */
const CHECK_MIN_POSTINGS = 1024;
/** Finalists scored again exactly (a binary search per term each) at most; with more, the whole scan is cheaper. */
export const MAX_FINALISTS = 2048;
/** A binary search costs about this many postings read in a row. */
const LOOKUP_COST = 24;

/** The largest posting impact of `[from, to)`. */
export function maxImpactOf(impact: Float32Array, from: number, to: number): number {
  let max = 0;
  for (let i = from; i < to; i++) if (impact[i]! > max) max = impact[i]!;
  return max;
}

/** The `k`-th largest score among accepted touched passages, or -Infinity when fewer are accepted. */
function kthBest(scores: Float32Array, touched: Uint32Array, count: number, k: number, accept?: (id: number) => boolean): number {
  // A min-heap of the k best so far.
  const heap = new Float64Array(k);
  let size = 0;
  for (let i = 0; i < count; i++) {
    const id = touched[i]!;
    const s = scores[id]!;
    if (size === k && s <= heap[0]!) continue;
    if (accept && !accept(id)) continue;
    if (size < k) {
      let j = size++;
      heap[j] = s;
      while (j > 0 && heap[(j - 1) >> 1]! > heap[j]!) {
        const p = (j - 1) >> 1;
        [heap[p], heap[j]] = [heap[j]!, heap[p]!];
        j = p;
      }
    } else {
      heap[0] = s;
      let j = 0;
      for (;;) {
        const l = 2 * j + 1;
        const r = l + 1;
        let m = j;
        if (l < k && heap[l]! < heap[m]!) m = l;
        if (r < k && heap[r]! < heap[m]!) m = r;
        if (m === j) break;
        [heap[m], heap[j]] = [heap[j]!, heap[m]!];
        j = m;
      }
    }
  }
  return size === k ? heap[0]! : -Infinity;
}

/** Where `doc` stands in `docs[from, to)`, or -1. */
function positionOf(docs: Uint32Array, from: number, to: number, doc: number): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (docs[mid]! < doc) lo = mid + 1;
    else hi = mid;
  }
  return lo < to && docs[lo] === doc ? lo : -1;
}

/** A passage's BM25 score exactly as the exhaustive search sums it: term by term in query order, in float32. */
export function exactScore(terms: QueryTerm[], p: PostingArrays, doc: number): number {
  let s = 0;
  for (const t of terms) {
    const i = positionOf(p.docs, t.from, t.to, doc);
    if (i >= 0) s = Math.fround(s + t.w * p.impact[i]!);
  }
  return s;
}

/**
 * The passages that may be among the best `limit` (accepted by `accept`), with their exact scores;
 * null when too many stay in contention for pruning to save anything. `maxImpact[i]` bounds term
 * i's impacts. `scratch` is left all zero.
 */
export function prunedCandidates(
  terms: QueryTerm[],
  maxImpact: number[],
  p: PostingArrays,
  scratch: Scratch,
  limit: number,
  accept?: (id: number) => boolean,
): Ranked | null {
  const { scores, touched } = scratch;
  const bound = terms.map((t, i) => t.w * maxImpact[i]!);
  const order = terms.map((_, i) => i).sort((a, b) => bound[b]! - bound[a]! || a - b);
  // rest[j]: the most the terms from order[j] on can add to any passage.
  const rest = new Float64Array(order.length + 1);
  for (let j = order.length - 1; j >= 0; j--) rest[j] = rest[j + 1]! + bound[order[j]!]!;
  let hits = 0;
  // Once no passage outside them can reach the k-th best: the passages still in contention.
  let contending: Uint32Array | null = null;
  for (let j = 0; j < order.length; j++) {
    const t = terms[order[j]!]!;
    const { w } = t;
    if (!contending && j > 0 && t.to - t.from >= Math.max(CHECK_MIN_POSTINGS, hits >> 1)) {
      const kth = kthBest(scores, touched, hits, limit, accept);
      if (rest[j]! * (1 + MARGIN) < kth * (1 - MARGIN)) contending = contenders(scores, touched, hits, kth, rest[j]!, accept);
    }
    if (contending && contending.length * LOOKUP_COST < t.to - t.from) {
      // Few contenders: look each up in this term's postings rather than read them all.
      for (const d of contending) {
        const i = positionOf(p.docs, t.from, t.to, d);
        if (i >= 0) scores[d]! += w * p.impact[i]!;
      }
    } else {
      for (let i = t.from; i < t.to; i++) {
        const d = p.docs[i]!;
        if (scores[d] === 0) touched[hits++] = d;
        scores[d]! += w * p.impact[i]!;
      }
    }
    if (contending && j + 1 < order.length) contending = contenders(scores, contending, contending.length, kthBest(scores, contending, contending.length, limit), rest[j + 1]!);
  }
  const last = contending ?? touched.subarray(0, hits);
  const finalists = contenders(scores, last, last.length, kthBest(scores, last, last.length, limit, contending ? undefined : accept), 0, contending ? undefined : accept);
  for (let i = 0; i < hits; i++) scores[touched[i]!] = 0;
  if (finalists.length > MAX_FINALISTS) return null;
  for (const d of finalists) scores[d] = exactScore(terms, p, d);
  return { ids: finalists, scores };
}

/** The accepted passages of `ids` whose partial score and all that `more` may add can reach `kth`. */
function contenders(scores: Float32Array, ids: Uint32Array, count: number, kth: number, more: number, accept?: (id: number) => boolean): Uint32Array {
  const floor = kth * (1 - MARGIN);
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const d = ids[i]!;
    if ((scores[d]! + more) * (1 + MARGIN) < floor || (accept && !accept(d))) continue;
    out.push(d);
  }
  return Uint32Array.from(out);
}
