import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WordTable } from '../../src/embed/word-table.js';

describe('WordTable', () => {
  it('finds every word at its index and nothing else', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 200 }), fc.string(), (words, probe) => {
        const table = WordTable.fromWords(words);
        expect(table.size).toBe(words.length);
        words.forEach((w, i) => {
          expect(table.indexOf(w)).toBe(i);
          expect(table.word(i)).toBe(w);
        });
        expect(table.indexOf(probe)).toBe(words.indexOf(probe));
      }),
    );
  });

  it('tells apart strings whose characters equal another word’s UTF-8 bytes', () => {
    const table = WordTable.fromWords(['é', 'café']);
    expect(table.indexOf('\u00c3\u00a9')).toBe(-1);
    expect(table.indexOf('é')).toBe(0);
  });

  it('opens from its stored arrays', () => {
    const table = WordTable.fromWords(['drone', 'kirkuk', 'naïve']);
    const copy = new WordTable({ ...table.arrays });
    expect(copy.indexOf('naïve')).toBe(2);
    expect(copy.indexOf('missing')).toBe(-1);
  });

  it('refuses duplicate words', () => {
    expect(() => WordTable.fromWords(['a', 'b', 'a'])).toThrow(/twice/);
  });
});
