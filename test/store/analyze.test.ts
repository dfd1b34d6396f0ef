import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { numberWordValue, terms, tokenize } from '../../src/store/analyze.js';

describe('analyzer', () => {
  it('stems, lower-cases and drops stop words', () => {
    expect(terms('The Attacks on the forces')).toEqual(['attack', 'forc']);
  });

  it('spells out month abbreviations so "Oct" meets "October"', () => {
    expect(terms('since Oct 17')).toEqual(terms('since October 17'));
    expect(terms('Sept. 3')).toEqual(terms('September 3'));
  });

  it('turns number words and formatted numbers into digits', () => {
    expect(terms('seventy-eight attacks')).toEqual(['78', 'attack']);
    expect(terms('five militants')[0]).toBe('5');
    expect(terms('1,200 troops')[0]).toBe('1200');
    expect(terms('the 17th')).toEqual(['17']);
    expect(numberWordValue('ninety-nine')).toBe(99);
    expect(numberWordValue('drone')).toBeNull();
  });

  it('drops possessives and keeps initialisms whole', () => {
    expect(terms("Iraq's forces")).toEqual(terms('Iraq forces'));
    expect(terms('Iraq’s forces')).toEqual(terms('Iraq forces'));
    expect(terms('the U.S. military')).toEqual(['us', 'militari']);
  });

  it('splits hyphenated words into their parts', () => {
    expect(terms('pro-Iran al-Asad')).toEqual(['pro', 'iran', 'al', 'asad']);
  });

  it('gives offsets that point at the word in the text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        for (const t of tokenize(text)) {
          expect(t.start).toBeGreaterThanOrEqual(0);
          expect(t.end).toBeLessThanOrEqual(text.length);
          expect(t.end).toBeGreaterThan(t.start);
        }
      }),
    );
    const text = 'In total, Washington has counted at least 78 attacks.';
    for (const t of tokenize(text)) expect(text.slice(t.start, t.end)).toBe(t.word);
  });
});
