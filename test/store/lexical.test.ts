import { describe, expect, it } from 'vitest';
import { terms } from '../../src/store/analyze.js';
import { BM25_PARAMS, createLexicalIndex, idf, loadLexicalIndex } from '../../src/store/lexical.js';

const docs = [
  'A drone struck the base at dawn.',
  'Rockets struck the airport; rockets struck the road.',
  'The ministry counted the damage after the rocket attack.',
  'Fishing boats returned to the harbour.',
].map((text, id) => ({ id, text }));

/** BM25 written out term by term, the way the papers state it. */
function bm25(query: string[], doc: string): number {
  const all = docs.map((d) => terms(d.text));
  const avg = all.reduce((s, t) => s + t.length, 0) / all.length;
  const mine = terms(doc);
  let score = 0;
  for (const q of query) {
    const tf = mine.filter((t) => t === q).length;
    if (tf === 0) continue;
    const df = all.filter((t) => t.includes(q)).length;
    const { k1, b } = BM25_PARAMS;
    score += (idf(df, all.length) * tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * mine.length) / avg));
  }
  return score;
}

describe('BM25 lexical index', () => {
  const index = createLexicalIndex(docs);

  it('scores exactly plain BM25', () => {
    const query = terms('rocket struck');
    const hits = index.search(query.map((term) => ({ term, weight: 1 })), 10);
    expect(hits[0]!.id).toBe(1);
    expect(hits.map((h) => h.score)).toEqual([...hits.map((h) => h.score)].sort((a, b) => b - a));
    for (const h of hits) expect(h.score).toBeCloseTo(bm25(query, docs[h.id]!.text), 5);
  });

  it('weights expansion terms below the question words', () => {
    const full = index.search([{ term: 'drone', weight: 1 }], 1)[0]!;
    const half = index.search([{ term: 'drone', weight: 0.5 }], 1)[0]!;
    expect(half.score).toBeCloseTo(full.score / 2, 5);
  });

  it('returns nothing for unknown terms and respects the limit', () => {
    expect(index.search([{ term: 'zebra', weight: 1 }], 5)).toEqual([]);
    expect(index.search([{ term: 'struck', weight: 1 }], 1)).toHaveLength(1);
  });

  it('counts document frequency', () => {
    expect(index.documentFrequency('struck')).toBe(2);
    expect(index.documentFrequency('zebra')).toBe(0);
  });

  it('scores a term alike whether an earlier query prepared its impacts or not', () => {
    // A term's impacts are filled on its first query: the order of queries must change nothing.
    const many = Array.from({ length: 300 }, (_, i) => ({ id: i, text: `Report ${i}: ${['drone', 'rocket', 'shelling'][i % 3]} near town${i % 17} struck ${i % 5} times` }));
    const asked = (queries: string[]) => {
      const fresh = createLexicalIndex(many);
      return queries.map((q) => fresh.search(terms(q).map((term) => ({ term, weight: 1 })), 7));
    };
    const [first, both] = [asked(['drone town3', 'rocket drone struck town3']), asked(['rocket drone struck town3'])];
    expect(first[1]).toEqual(both[0]);
    for (const h of both[0]!) expect(h.score).toBeGreaterThan(0);
  });

  it('finds every one of its terms, and no other, by their order', () => {
    const many = Array.from({ length: 200 }, (_, i) => ({ id: i, text: `w${(i * 7919) % 1000} z${i % 13} Ärzte ${i % 2 ? 'zebra' : 'aardvark'}` }));
    const built = createLexicalIndex(many);
    const all = many.map((d) => terms(d.text));
    for (const term of new Set(all.flat())) expect(built.documentFrequency(term)).toBe(all.filter((t) => t.includes(term)).length);
    expect(built.documentFrequency('w1001')).toBe(0);
    expect(built.documentFrequency('')).toBe(0);
  });

  it('round-trips through its serialised form', () => {
    const copy = loadLexicalIndex(index.serialize());
    const q = terms('rocket attack damage').map((term) => ({ term, weight: 1 }));
    expect(copy.search(q, 10)).toEqual(index.search(q, 10));
  });

  it('refuses bytes that are not an index', () => {
    const bytes = index.serialize();
    expect(() => loadLexicalIndex(bytes.subarray(0, bytes.length - 8))).toThrow(/do not match/);
  });
});
