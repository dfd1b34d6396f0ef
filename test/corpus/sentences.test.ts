import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../src/corpus/index.js';

const split = (text: string) => splitSentences(text).map((s) => text.slice(s.start, s.end));

describe('splitSentences', () => {
  it('splits on full stops, question marks and exclamation marks', () => {
    expect(split('One fell. Did two fall? Three fell!')).toEqual(['One fell.', 'Did two fall?', 'Three fell!']);
  });

  it('does not end a sentence after titles, ranks and initials', () => {
    expect(split('Mr. Smith met Gen. J. R. Allen and Lt. Col. Ahmed. Dr. Lee agreed.')).toEqual([
      'Mr. Smith met Gen. J. R. Allen and Lt. Col. Ahmed.',
      'Dr. Lee agreed.',
    ]);
  });

  it('keeps dotted acronyms inside a sentence but ends one when a new sentence clearly starts', () => {
    expect(split('The U.S. Army and the U.N. Security Council met. Troops left the U.S. They returned later.')).toEqual([
      'The U.S. Army and the U.N. Security Council met.',
      'Troops left the U.S.',
      'They returned later.',
    ]);
  });

  it('keeps abbreviated months and numbers with their day', () => {
    expect(split('Attacks rose after Oct. 17 and again on Sept. 3, report No. 5 said. Jan. 2 was quiet.')).toEqual([
      'Attacks rose after Oct. 17 and again on Sept. 3, report No. 5 said.',
      'Jan. 2 was quiet.',
    ]);
  });

  it('keeps decimals, times and Latin abbreviations followed by lowercase', () => {
    expect(split('It cost $3.5 million at 4 p.m. on Monday, i.e. far more than planned. Next.')).toEqual([
      'It cost $3.5 million at 4 p.m. on Monday, i.e. far more than planned.',
      'Next.',
    ]);
  });

  it('includes closing quotes and brackets in the sentence they end', () => {
    expect(split('He rejected “any attack targeting Iraqi territory.” Sudani said so. (This was new.) Then “Why?” he asked.')).toEqual([
      'He rejected “any attack targeting Iraqi territory.”',
      'Sudani said so.',
      '(This was new.)',
      'Then “Why?” he asked.',
    ]);
  });

  it('ends a sentence at an ellipsis followed by a capital, not by lowercase', () => {
    expect(split('They waited… and waited... Nothing came. The end')).toEqual(['They waited… and waited...', 'Nothing came.', 'The end']);
  });

  it('always ends a sentence at a paragraph break, even without punctuation', () => {
    const text = 'Heading without a stop\n\nA sentence that\nwraps over lines. Another one.';
    expect(split(text)).toEqual(['Heading without a stop', 'A sentence that\nwraps over lines.', 'Another one.']);
  });

  it('ends a sentence where a list item starts', () => {
    expect(split('Targets included:\n- a base in Syria\n- an airport in Iraq')).toEqual(['Targets included:', '- a base in Syria', '- an airport in Iraq']);
  });

  it('gives offsets trimmed of surrounding whitespace', () => {
    const text = '  First one.   Second one.  \n\n  ';
    expect(splitSentences(text)).toEqual([
      { start: 2, end: 12 },
      { start: 15, end: 26 },
    ]);
  });

  it('cuts a run-on without punctuation at whitespace near the limit', () => {
    const text = Array.from({ length: 50 }, (_, i) => `word${i}`).join(' ');
    const spans = splitSentences(text, { maxChars: 100 });
    expect(spans.length).toBeGreaterThan(3);
    for (const s of spans) {
      expect(s.end - s.start).toBeLessThanOrEqual(100);
      expect(text.slice(s.start, s.end)).toMatch(/^word\d+( word\d+)*$/);
    }
  });

  it('returns nothing for empty or blank text', () => {
    expect(splitSentences('')).toEqual([]);
    expect(splitSentences(' \n\n \t')).toEqual([]);
  });
});
