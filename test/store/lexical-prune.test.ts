import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { terms } from '../../src/store/analyze.js';
import { BM25_PARAMS, createLexicalIndex, idf, type LexicalHit, type WeightedTerm } from '../../src/store/lexical.js';
import { maxImpactOf, prunedCandidates, type QueryTerm } from '../../src/store/lexical-prune.js';

/** A small seeded generator, so that each corpus is the same on every run. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ['near', 'attack', 'since', 'killed', 'strike', 'fighters', 'town', 'wounded', 'drone', 'convoy', 'airfield', 'mortar', 'Trokezor', 'Qubraila', 'Veqe', 'Fometal', 'Kratrik', 'Taiven', 'militia', 'rocket'];
/** Share of passages holding each word: a few in nearly all (as templated news has), the rest rarer. */
const SHARE = [1, 0.96, 0.5, 0.5, 0.3, 0.3, 0.1, 0.2, 0.2, 0.05, 0.12, 0.2, 0.0005, 0.001, 0.002, 0.0008, 0.001, 0.003, 0.04, 0.2];
const TERM = WORDS.map((w) => terms(w)[0]!);

/** `size` invented passages: each word with its share, repeated 1–3 times, with filler of other lengths. */
function corpus(size: number, seed: number): string[] {
  const rnd = mulberry32(seed);
  return Array.from({ length: size }, () => {
    const words: string[] = [];
    WORDS.forEach((w, i) => {
      if (rnd() < SHARE[i]!) for (let r = 1 + Math.floor(rnd() * 3 * rnd()); r > 0; r--) words.push(w);
    });
    for (let f = Math.floor(rnd() * 12); f > 0; f--) words.push(`filler${Math.floor(rnd() * 50)}`);
    return words.join(' ');
  });
}

/** Exhaustive BM25 as the index defines it: impacts in float32, each term added in query order in float32. */
function reference(texts: string[], query: WeightedTerm[], limit: number, accept?: (id: number) => boolean): LexicalHit[] {
  const counts = texts.map((t) => {
    const m = new Map<string, number>();
    for (const term of terms(t)) m.set(term, (m.get(term) ?? 0) + 1);
    return m;
  });
  const lengths = counts.map((m) => [...m.values()].reduce((a, b) => a + b, 0));
  const avg = lengths.reduce((a, b) => a + b, 0) / texts.length;
  const weights = new Map<string, number>();
  for (const q of query) weights.set(q.term, Math.max(weights.get(q.term) ?? 0, q.weight));
  const df = new Map([...weights.keys()].map((term) => [term, counts.filter((c) => c.has(term)).length]));
  const hits: LexicalHit[] = [];
  counts.forEach((m, id) => {
    let s = 0;
    let touched = false;
    for (const [term, weight] of weights) {
      const tf = m.get(term);
      if (!tf || weight <= 0) continue;
      const norm = BM25_PARAMS.k1 * (1 - BM25_PARAMS.b + (BM25_PARAMS.b * lengths[id]!) / avg);
      const impact = Math.fround((tf * (BM25_PARAMS.k1 + 1)) / (tf + norm));
      s = Math.fround(s + weight * idf(df.get(term)!, texts.length) * impact);
      touched = true;
    }
    if (touched && (!accept || accept(id))) hits.push({ id, score: s });
  });
  return hits.sort((a, b) => b.score - a.score || a.id - b.id).slice(0, limit);
}

const texts = corpus(6000, 7);
const index = createLexicalIndex(texts.map((text, id) => ({ id, text })));
const queryArb = fc.record({
  words: fc.array(fc.record({ i: fc.integer({ min: 0, max: WORDS.length - 1 }), weight: fc.oneof(fc.constant(1), fc.double({ min: 0.05, max: 1, noNaN: true })) }), { minLength: 1, maxLength: 10 }),
  limit: fc.integer({ min: 1, max: 60 }),
  filter: fc.oneof(fc.constant(null), fc.record({ mod: fc.integer({ min: 2, max: 9 }), keep: fc.integer({ min: 1, max: 8 }) }), fc.record({ from: fc.integer({ min: 0, max: 5999 }), span: fc.integer({ min: 1, max: 3000 }) })),
});

describe('BM25 with pruning', () => {
  it('returns the exhaustive search’s passages and scores, ties included, with and without a filter', () => {
    fc.assert(
      fc.property(queryArb, ({ words, limit, filter }) => {
        const query = words.map((w) => ({ term: TERM[w.i]!, weight: w.weight }));
        const accept =
          filter === null ? undefined : 'mod' in filter ? (id: number) => id % filter.mod < filter.keep : (id: number) => id >= filter.from && id < filter.from + filter.span;
        expect(index.search(query, limit, accept)).toEqual(reference(texts, query, limit, accept));
      }),
      { numRuns: 60 },
    );
  });

  it('skips the postings of words most passages hold when a rare name decides the best passages', () => {
    const words = ['Trokezor', 'Veqe', 'since', 'attack', 'near'];
    const query = words.map((w) => ({ term: terms(w)[0]!, weight: 1 }));
    expect(index.search(query, 5)).toEqual(reference(texts, query, 5));
    // The pruned path itself, over postings laid out as the index lays them out.
    const postings = words.map((w) => texts.map((t, id) => [id, terms(t).filter((x) => x === terms(w)[0]).length] as const).filter(([, tf]) => tf > 0));
    const lengths = texts.map((t) => terms(t).length);
    const avg = lengths.reduce((a, b) => a + b, 0) / texts.length;
    const docs = Uint32Array.from(postings.flat().map(([id]) => id));
    const impact = Float32Array.from(
      postings.flat().map(([id, tf]) => (tf * (BM25_PARAMS.k1 + 1)) / (tf + BM25_PARAMS.k1 * (1 - BM25_PARAMS.b + (BM25_PARAMS.b * lengths[id]!) / avg))),
    );
    let at = 0;
    const qterms: QueryTerm[] = postings.map((list) => {
      const t = { from: at, to: at + list.length, w: idf(list.length, texts.length) };
      at += list.length;
      return t;
    });
    const scratch = { scores: new Float32Array(texts.length), touched: new Uint32Array(texts.length) };
    const pruned = prunedCandidates(qterms, qterms.map((t) => maxImpactOf(impact, t.from, t.to)), { docs, impact }, scratch, 5);
    expect(pruned).not.toBeNull();
    // Few finalists: the passages naming Trokezor or Veqe and those close behind, not the thousands holding "attack".
    expect(pruned!.ids.length).toBeLessThan(200);
    const best = [...pruned!.ids].map((id) => ({ id, score: pruned!.scores[id]! })).sort((a, b) => b.score - a.score || a.id - b.id).slice(0, 5);
    expect(best).toEqual(reference(texts, query, 5));
    // Its scratch space is handed back zeroed but for the finalists' scores, which the caller clears.
    for (const id of pruned!.ids) scratch.scores[id] = 0;
    expect(scratch.scores.every((s) => s === 0)).toBe(true);
  });
});
