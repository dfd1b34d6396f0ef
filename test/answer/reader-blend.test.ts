/** The neural reader's pure parts: finding its answer in the sentence, and how it joins the ranking. */
import { describe, expect, it } from 'vitest';
import { locateAnswer, type ReaderSpan } from '../../src/answer/neural-reader.js';
import type { RankedSentence } from '../../src/answer/rank.js';
import { blendReader, readerConfidence } from '../../src/answer/reader-blend.js';

const at = (sentence: string, answer: string) => {
  const found = locateAnswer(sentence, answer);
  return found && sentence.slice(found.start, found.end);
};

describe('locateAnswer', () => {
  it('finds a WordPiece-decoded answer in the sentence as written (case, hyphens, spaces)', () => {
    expect(at('A drone hit the Ain al-Asad airbase.', 'ain al - asad')).toBe('Ain al-Asad');
    expect(at('It hit (Ain) al-Asad Airbase.', 'ain ) al - asad')).toBe('Ain) al-Asad');
  });

  it('matches across accents and line breaks, returning the sentence’s own characters', () => {
    expect(at('Strikes near Kirkūk\nkilled five.', 'kirkuk killed')).toBe('Kirkūk\nkilled');
  });

  it('widens an answer that starts or ends inside a word to whole words', () => {
    expect(at('Rockets struck on Monday, officials said.', 'struck on monda')).toBe('struck on Monday');
    expect(at('The ceasefire held.', '##fire held')).toBe(null);
    expect(at('The ceasefire held.', 'fire held')).toBe('ceasefire held');
  });

  it('keeps characters outside the basic plane whole', () => {
    expect(at('Flag 🇺🇸 raised over 𝐁ase.', 'raised over 𝐁')).toBe('raised over 𝐁ase');
  });

  it('takes the first occurrence, and gives null for an empty or absent answer', () => {
    const s = 'Five died; five more were hurt.';
    expect(locateAnswer(s, 'five')).toEqual({ start: 0, end: 4 });
    expect(locateAnswer(s, '')).toBeNull();
    expect(locateAnswer(s, '  ')).toBeNull();
    expect(locateAnswer(s, 'seven')).toBeNull();
  });
});

function sentence(text: string, score: number, span: RankedSentence['span'] = null): RankedSentence {
  return {
    article: 0,
    start: 0,
    end: text.length,
    text,
    passage: 1,
    semantic: 0,
    features: { coverage: 0, own: 0, proximity: 0, semantic: 0, type: 0, date: 0, passage: 1, complete: 1 },
    span,
    relevance: score,
    score,
  };
}

const readerSpan = (s: RankedSentence, text: string, probability: number): ReaderSpan => {
  const start = s.text.indexOf(text);
  return { start, end: start + text.length, text, probability };
};

describe('blendReader', () => {
  const a = sentence('Rockets struck an airbase on Monday.', 1, { start: 29, end: 35, text: 'Monday', score: 1 });
  const b = sentence('The base, Ain al-Asad, hosts troops.', 0.8);
  const c = sentence('No one was hurt.', 0.6);
  const d = sentence('Officials spoke on Tuesday.', 0.55);

  it('orders the read sentences by (1 − w) · s / s₁ + w · p and keeps the unread ones after them', () => {
    const spans = [readerSpan(a, 'airbase', 0.1), readerSpan(b, 'Ain al-Asad', 0.9), readerSpan(c, 'No one', 0.2)];
    const out = blendReader([a, b, c, d], spans, 0.5);
    // a: 0.5 + 0.05 = 0.55; b: 0.4 + 0.45 = 0.85; c: 0.3 + 0.1 = 0.4
    expect(out.map((s) => s.text)).toEqual([b.text, a.text, c.text, d.text]);
    expect(out.map((s) => s.score)).toEqual([0.85, 0.55, 0.4, 0.4].map((x) => expect.closeTo(x, 10)));
    expect(out.map((s) => s.reader)).toEqual([0.9, 0.1, 0.2, 0]);
  });

  it('marks the reader’s span in a read sentence, its fit being the reader’s probability', () => {
    const out = blendReader([a, b], [readerSpan(a, 'an airbase', 0.3), readerSpan(b, 'Ain al-Asad', 0.6)], 0.5);
    const read = out.find((s) => s.text === b.text)!;
    expect(read.span).toEqual({ start: 10, end: 21, text: 'Ain al-Asad', score: 0.6 });
    expect(read.text.slice(read.span!.start, read.span!.end)).toBe('Ain al-Asad');
  });

  it('keeps the ranking’s span where the reader found none, counting its probability as 0', () => {
    const out = blendReader([a, b], [null, readerSpan(b, 'Ain al-Asad', 0.05)], 0.5);
    expect(out[0]!.text).toBe(a.text);
    expect(out[0]!.span).toEqual(a.span);
    expect(out[0]!.reader).toBe(0);
  });

  it('leaves the order alone at weight 0 and follows the reader alone at weight 1', () => {
    const spans = [readerSpan(a, 'airbase', 0.1), readerSpan(b, 'Ain al-Asad', 0.9)];
    expect(blendReader([a, b], spans, 0).map((s) => s.text)).toEqual([a.text, b.text]);
    expect(blendReader([a, b], spans, 1).map((s) => s.text)).toEqual([b.text, a.text]);
  });

  it('changes nothing but adds reader 0 when nothing was read, and refuses a weight outside 0..1', () => {
    expect(blendReader([a, b], [], 0.5)).toEqual([a, b].map((s) => ({ ...s, reader: 0 })));
    expect(() => blendReader([a], [null], 1.5)).toThrow(/0\.\.1/);
    expect(() => blendReader([a], [null], Number.NaN)).toThrow(/0\.\.1/);
  });
});

describe('readerConfidence', () => {
  it('is (1 − w) · the confidence without the reader + w · the reader’s probability, within 0..1', () => {
    expect(readerConfidence(0.8, 0.2, 0.5)).toBeCloseTo(0.5, 10);
    expect(readerConfidence(0.8, 0.2, 0.25)).toBeCloseTo(0.65, 10);
    expect(readerConfidence(0.8, 0.2, 0)).toBe(0.8);
    expect(readerConfidence(0.8, 0.2, 1)).toBe(0.2);
    expect(readerConfidence(1, 1, 0.5)).toBe(1);
  });
});
