import { describe, expect, it } from 'vitest';
import { wholeSpan } from '../../src/answer/compose.js';

describe('wholeSpan', () => {
  const at = (sentence: string, text: string) => {
    const start = sentence.indexOf(text);
    return wholeSpan(sentence, { start, end: start + text.length, text });
  };

  it("keeps an abbreviation's last stop in the marked span", () => {
    expect(at('The drone hit a base used by the U.S. in western Iraq.', 'U.S').text).toBe('U.S.');
    expect(at('A Washington, D.C. think tank said so.', 'D.C').text).toBe('D.C.');
  });

  it('leaves a sentence-final stop, and a word that is no abbreviation, outside the span', () => {
    expect(at('The attack was claimed by Hamas.', 'Hamas').text).toBe('Hamas');
    expect(at('Drones struck near Erbil.', 'Erbil').text).toBe('Erbil');
  });
});
