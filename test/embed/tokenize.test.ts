import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { knownWordIndices, lookupWords, wordTokens, type WordLookup } from '../../src/embed/tokenize.js';

function vocab(words: string[]): WordLookup & { words: string[] } {
  const index = new Map(words.map((w, i) => [w, i]));
  return { words, indexOf: (w) => index.get(w) ?? -1 };
}

const v = vocab(['iraq', 'self-defence', 'self', 'pro', 'iran', 'do', 'not', 'can', 'will', 'naive', 'united', 'states', 'support', 'al-asad', 'obrien']);
const words = (text: string) => knownWordIndices(text, v).map((i) => v.words[i]);

describe('wordTokens', () => {
  it('lower-cases and keeps hyphens and apostrophes inside words', () => {
    expect(wordTokens('Pro-Iran fighters hit Al-Asad; Iraq’s forces — 78 attacks.')).toEqual([
      'pro-iran', 'fighters', 'hit', 'al-asad', "iraq's", 'forces', '78', 'attacks',
    ]);
  });

  it('splits on dashes between words and punctuation', () => {
    expect(wordTokens('Israel–Hamas war (2023): “a one-way drone”')).toEqual(['israel', 'hamas', 'war', '2023', 'a', 'one-way', 'drone']);
  });

  it('returns only non-empty lower-case tokens for any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        for (const t of wordTokens(text)) {
          expect(t.length).toBeGreaterThan(0);
          expect(t).toBe(t.toLowerCase());
          expect(/\s/.test(t)).toBe(false);
        }
      }),
    );
  });
});

describe('words GloVe can look up', () => {
  it('drop possessives, with straight or curly apostrophes', () => {
    expect(words("Iraq's Iraq’s United States’ support")).toEqual(['iraq', 'iraq', 'united', 'states', 'support']);
  });

  it('use a hyphenated word whole when known, else its parts', () => {
    expect(words('self-defence pro-Iran Al-Asad')).toEqual(['self-defence', 'pro', 'iran', 'al-asad']);
  });

  it("expand n't into not", () => {
    expect(words("don't can't won't")).toEqual(['do', 'not', 'can', 'not', 'will', 'not']);
  });

  it('fall back to unaccented spellings and joined apostrophes', () => {
    expect(lookupWords('naïve', v)).toEqual(['naive']);
    expect(lookupWords("o'brien", v)).toEqual(['obrien']);
  });

  it('leave out numbers and unknown words', () => {
    expect(words('78 attacks in Iraq')).toEqual(['iraq']);
    expect(knownWordIndices('', v)).toEqual([]);
  });
});
