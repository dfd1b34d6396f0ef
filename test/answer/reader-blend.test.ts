/** The neural reader's pure parts: finding its answer in the sentence, and how it joins the ranking. */
import { describe, expect, it } from 'vitest';
import { bestAnswer, locateAnswer, locateByPosition, type ReaderSpan } from '../../src/answer/neural-reader.js';
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
    expect(at('The ceasefire held.', 'fire held')).toBe('ceasefire held');
    expect(at('No one was hurt.', '##ur')).toBe('hurt');
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

describe('locateByPosition', () => {
  const s = 'Five died on Monday; five more were hurt.';
  it('marks the occurrence the model pointed at, not the first one with the same words', () => {
    // The decoded sentence up to the answer, and through it, as a WordPiece decoder writes them.
    const found = locateByPosition(s, 'five died on monday ;', 'five died on monday ; five');
    expect(found).toEqual({ start: 21, end: 25 });
    expect(s.slice(found!.start, found!.end)).toBe('five');
  });

  it('widens a start inside a word, and gives null when the decoded text is not the sentence (a dropped word)', () => {
    expect(s.slice(...(Object.values(locateByPosition(s, 'five died on mon', 'five died on monday')!) as [number, number]))).toBe('Monday');
    expect(locateByPosition(s, 'five on monday', 'five on monday ; five')).toBeNull();
    expect(locateByPosition(s, 'five died', 'five died')).toBeNull();
  });
});

describe('bestAnswer', () => {
  it('picks the start ≤ end pair of highest start × end probability among the allowed positions', () => {
    const allowed = [false, false, true, true, true, false];
    // Position 1 (a question token) has the highest logits but may not answer.
    const best = bestAnswer([0, 9, 2, 0, 0, 9], [0, 9, 0, 0, 3, 9], allowed)!;
    expect(best).toMatchObject({ first: 2, last: 4 });
    // Softmax over the allowed positions and the first ([CLS]), which takes its share but is never picked.
    const z = (xs: number[]) => xs.reduce((a, x) => a + Math.exp(x), 0);
    expect(best.probability).toBeCloseTo((Math.exp(2) / z([0, 2, 0, 0])) * (Math.exp(3) / z([0, 0, 0, 3])), 12);
  });

  it('never ends before it starts, and gives null when no position may answer', () => {
    const best = bestAnswer([0, 0, 5], [0, 5, 0], [false, true, true])!;
    expect(best.first).toBeLessThanOrEqual(best.last);
    expect(bestAnswer([0, 1], [0, 1], [false, false])).toBeNull();
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

describe('the reader settings', () => {
  it('are off by default (an empty READER_MODEL is unset), read 3 sentences at weight 0.5', async () => {
    const { loadConfig } = await import('../../src/config.js');
    expect(loadConfig({})).toMatchObject({ READER_SENTENCES: 3, READER_WEIGHT: 0.5 });
    expect(loadConfig({}).READER_MODEL).toBeUndefined();
    expect(loadConfig({ READER_MODEL: '  ' }).READER_MODEL).toBeUndefined();
    expect(loadConfig({ READER_MODEL: 'Xenova/distilbert-base-cased-distilled-squad', READER_WEIGHT: '0.3' })).toMatchObject({
      READER_MODEL: 'Xenova/distilbert-base-cased-distilled-squad',
      READER_WEIGHT: 0.3,
    });
  });

  it('refuse a weight outside 0..1 and a sentence count outside 1..20, naming the key', async () => {
    const { loadConfig } = await import('../../src/config.js');
    expect(() => loadConfig({ READER_WEIGHT: '1.5' })).toThrow(/READER_WEIGHT/);
    expect(() => loadConfig({ READER_SENTENCES: '0' })).toThrow(/READER_SENTENCES/);
    expect(() => loadConfig({ READER_SENTENCES: 'three' })).toThrow(/READER_SENTENCES/);
  });
});
