/**
 * The lexical half of retrieval: plain BM25 (k1 1.2, b 0.75, Lucene's idf) over one combined text
 * field, in a compact inverted index of typed arrays.
 *
 * Why not a library: MiniSearch gives the same scores (with its matched-term multiplier divided back
 * out) and served the first versions, but keeps postings as nested Maps of objects. Measured on the
 * 100,000-passage benchmark corpus it answered a query in 1.8 s at the median (44% of the time in its
 * per-posting scoring, 20% in garbage collection) and took 3.9 s to load; flat arrays score the same
 * postings in milliseconds and load as one buffer. The analyser (stop words, Porter stemming, number
 * and month normalisation) is Sitrep's own, in analyze.ts. A query of several terms skips the
 * postings that cannot change its best k (lexical-prune.ts), with the same hits and scores.
 */
import { packLexical, unpackLexicalSteps, type Packed } from './lexical-format.js';
import { collectPostings, mergePostings, type LexicalDocument } from './lexical-postings.js';
import { maxImpactOf, prunedCandidates, type QueryTerm } from './lexical-prune.js';
import { runWhole } from './steps.js';

/** Plain BM25. */
export type { LexicalDocument } from './lexical-postings.js';

export const BM25_PARAMS = { k1: 1.2, b: 0.75 } as const;


/** A query term with its weight: 1 for the question's own words, less for expansions. */
export interface WeightedTerm {
  term: string;
  weight: number;
}

/** Admits a passage by its number. */
export type PassageFilter = (id: number) => boolean;

export interface LexicalHit {
  id: number;
  score: number;
}

export interface LexicalIndex {
  readonly documentCount: number;
  /** Number of passages holding the term. */
  documentFrequency(term: string): number;
  /** The best `limit` passages; `accept`, when given, admits a passage (a date filter) before it competes. */
  search(query: WeightedTerm[], limit: number, accept?: PassageFilter): LexicalHit[];
  /** Its arrays over passage numbers as bytes (`loadLexicalIndex` reads them): a whole build's base, and what tests compare. */
  serialize(): Buffer;
}

/** Lucene's BM25 idf: always positive, so a term in most passages still counts a little. */
export function idf(documentFrequency: number, documentCount: number): number {
  return Math.log(1 + (documentCount - documentFrequency + 0.5) / (documentFrequency + 0.5));
}

/** The packed arrays behind each index, for extending it without tokenising its passages again. */
const PACKED = new WeakMap<LexicalIndex, Packed>();

/**
 * The index over packed arrays, its search structures made on first use: a build that only merges
 * and writes postings (most indexes made here) never pays for them.
 */
function wrap(p: Packed): LexicalIndex {
  const index = new PackedLexicalIndex(p, null);
  PACKED.set(index, p);
  return index;
}

/**
 * What a search needs besides the packed arrays: each posting's term-frequency part of BM25,
 * tf·(k1+1) / (tf + k1·(1 − b + b·len/avg)), so that a query costs one multiply-add per posting. It
 * is computed for a term's postings when a query first holds the term, not for every posting at
 * open: at a million passages the whole array (tens of millions of postings) took 2.2 s to fill
 * and the term map 0.3 s, while questions touch a few thousand terms. The array is allocated
 * zeroed, so the pages of terms never asked for are never written (nor counted in the RSS).
 */
class SearchStructures {
  readonly impact: Float32Array;
  private readonly ready: Uint8Array;
  private readonly avgLength: number;

  constructor(private readonly p: Packed) {
    this.impact = new Float32Array(p.docs.length);
    this.ready = new Uint8Array(p.terms.length);
    let total = 0;
    for (let d = 0; d < p.lengths.length; d++) total += p.lengths[d]!;
    this.avgLength = p.lengths.length > 0 ? total / p.lengths.length : 0;
  }

  /** The term's number: the terms are sorted (lexical-postings.ts), so a binary search finds it. */
  termOf(term: string): number | undefined {
    const { terms } = this.p;
    let lo = 0;
    let hi = terms.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (terms[mid]! < term) lo = mid + 1;
      else hi = mid;
    }
    return lo < terms.length && terms[lo] === term ? lo : undefined;
  }

  /** Fills the impacts of term `t`'s postings on its first query. */
  prepare(t: number): void {
    if (this.ready[t]) return;
    const { p, impact } = this;
    const { k1, b } = BM25_PARAMS;
    const avg = this.avgLength || 1;
    for (let i = p.offsets[t]!; i < p.offsets[t + 1]!; i++) {
      const tf = p.counts[i]!;
      impact[i] = (tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * p.lengths[p.docs[i]!]!) / avg));
    }
    this.ready[t] = 1;
  }
}

/** The searchable index over packed arrays. Nothing is left to make in steps: a term's work waits for its first query. */
function* wrapInSteps(p: Packed): Generator<void, LexicalIndex> {
  const index = new PackedLexicalIndex(p, new SearchStructures(p));
  PACKED.set(index, p);
  return index;
}

/**
 * BM25 over the packed arrays. A class rather than closures made per index, so that every index
 * shares one compiled `search`: with closures, once a second index was made (the first swap) the
 * same question's search took 4–6 ms on every later index against about 2 ms with the class, and
 * the second index's first search up to 100 ms (measured on 100k passages).
 */
class PackedLexicalIndex implements LexicalIndex {
  readonly documentCount: number;
  // Scratch space reused by every query (search is synchronous, so queries never overlap); made with the search structures.
  private scores = new Float32Array(0);
  private touched = new Uint32Array(0);
  /** Each term's largest impact, found on its first query (0: not yet), which bounds what it can add. */
  private maxImpacts = new Float32Array(0);

  constructor(
    private readonly p: Packed,
    /** Made on first use when null (`wrap`); at once, in steps, by a server's read (`wrapInSteps`). */
    private structures: SearchStructures | null,
  ) {
    this.documentCount = p.lengths.length;
    if (structures) this.makeScratch();
  }

  private prepared(): SearchStructures {
    if (!this.structures) {
      this.structures = new SearchStructures(this.p);
      this.makeScratch();
    }
    return this.structures;
  }

  private makeScratch(): void {
    this.scores = new Float32Array(this.documentCount);
    this.touched = new Uint32Array(this.documentCount);
    this.maxImpacts = new Float32Array(this.p.terms.length);
  }

  private maxImpact(t: number, structures: SearchStructures): number {
    if (this.maxImpacts[t] === 0) {
      structures.prepare(t);
      this.maxImpacts[t] = maxImpactOf(structures.impact, this.p.offsets[t]!, this.p.offsets[t + 1]!);
    }
    return this.maxImpacts[t]!;
  }

  documentFrequency(term: string): number {
    const t = this.prepared().termOf(term);
    return t === undefined ? 0 : this.p.offsets[t + 1]! - this.p.offsets[t]!;
  }

  search(query: WeightedTerm[], limit: number, accept?: PassageFilter): LexicalHit[] {
    const structures = this.prepared();
    const { impact } = structures;
    const { p, scores, touched } = this;
    const weights = new Map<string, number>();
    for (const q of query) weights.set(q.term, Math.max(weights.get(q.term) ?? 0, q.weight));
    const terms: QueryTerm[] = [];
    const maxImpacts: number[] = [];
    for (const [term, weight] of weights) {
      const t = structures.termOf(term);
      if (t === undefined || weight <= 0) continue;
      const from = p.offsets[t]!;
      const to = p.offsets[t + 1]!;
      terms.push({ from, to, w: weight * idf(to - from, this.documentCount) });
      // Also fills the term's impacts, before any of them is read.
      maxImpacts.push(this.maxImpact(t, structures));
    }
    if (terms.length > 1 && limit > 0) {
      const pruned = prunedCandidates(terms, maxImpacts, { docs: p.docs, impact }, { scores, touched }, limit, accept);
      if (pruned) {
        const top = topK(pruned.scores, pruned.ids, pruned.ids.length, limit);
        for (const d of pruned.ids) scores[d] = 0;
        return top;
      }
    }
    // Every posting read: one term, or too many passages in contention for pruning to pay.
    let hits = 0;
    for (const { from, to, w } of terms) {
      for (let i = from; i < to; i++) {
        const d = p.docs[i]!;
        if (scores[d] === 0) touched[hits++] = d;
        scores[d]! += w * impact[i]!;
      }
    }
    const top = topK(scores, touched, hits, limit, accept);
    for (let i = 0; i < hits; i++) scores[touched[i]!] = 0;
    return top;
  }

  serialize(): Buffer {
    return packLexical(this.p);
  }
}

/** The `limit` best of the touched documents, best first (ties: lower passage number first). */
function topK(scores: Float32Array, touched: Uint32Array, count: number, limit: number, accept?: PassageFilter): LexicalHit[] {
  const best: LexicalHit[] = [];
  for (let i = 0; i < count; i++) {
    const id = touched[i]!;
    if (accept && !accept(id)) continue;
    const score = scores[id]!;
    if (best.length < limit) {
      best.push({ id, score });
      if (best.length === limit) best.sort(worstFirst);
    } else if (score > best[0]!.score || (score === best[0]!.score && id < best[0]!.id)) {
      best[0] = { id, score };
      // Restore order by bubbling the new entry up; limit is small.
      for (let j = 0; j + 1 < best.length && worstFirst(best[j]!, best[j + 1]!) > 0; j++) [best[j], best[j + 1]] = [best[j + 1]!, best[j]!];
    }
  }
  return best.sort((a, b) => -worstFirst(a, b));
}

function worstFirst(a: LexicalHit, b: LexicalHit): number {
  return a.score - b.score || b.id - a.id;
}

export function createLexicalIndex(documents: LexicalDocument[]): LexicalIndex {
  return wrap(collectPostings(documents, documents.length));
}

/**
 * The index after a change, at the cost of the change plus one pass over the postings: the old
 * postings are renumbered (`newIdOf[old]`, -1 for a passage removed) and merged with those of the
 * `added` passages (tokenised here, with their new numbers), term by term. The result is the index a
 * whole build of the new passage list would give, byte for byte.
 */
export function extendLexicalIndex(previous: LexicalIndex, newIdOf: Int32Array, added: LexicalDocument[], documentCount: number): LexicalIndex {
  return wrap(mergePostings(packedOf(previous), newIdOf, collectPostings(added, documentCount)));
}

/**
 * Reads `LexicalIndex.serialize()`'s bytes, ready to search; throws on bytes it does not recognise.
 * (A stored generation's postings are a base and log segments, merged at open: stored-lexical.ts.)
 */
export function loadLexicalIndex(bytes: Buffer): LexicalIndex {
  return runWhole(wrapInSteps(runWhole(unpackLexicalSteps(bytes))));
}

/**
 * The index over merged postings: ready to search, made in steps, or (`searchable` false: a build's
 * read, which only merges or renumbers the postings) its search structures made if it is ever searched.
 */
export function* lexicalIndexOf(p: Packed, searchable: boolean): Generator<void, LexicalIndex> {
  return searchable ? yield* wrapInSteps(p) : wrap(p);
}

/** The packed arrays behind an index this module made (to write them again over other numbers). */
export function packedOf(index: LexicalIndex): Packed {
  const p = PACKED.get(index);
  if (!p) throw new Error('packedOf: not an index this module made');
  return p;
}
