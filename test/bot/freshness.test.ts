import { describe, expect, it } from 'vitest';
import { ago, answerEmbed, freshnessText } from '../../src/bot/format/answer-embed.js';
import { answer } from './fixtures.js';

describe('how fresh the corpus is', () => {
  it('says how long ago the index was built, in words a reader takes in at a glance', () => {
    const at = '2024-05-01T12:00:00Z';
    expect(ago('2024-05-01T11:59:30Z', at)).toBe('just now');
    expect(ago('2024-05-01T11:48:00Z', at)).toBe('12 min ago');
    expect(ago('2024-05-01T09:00:00Z', at)).toBe('3 h ago');
    expect(ago('2024-04-26T12:00:00Z', at)).toBe('5 days ago');
    expect(ago('not a time', at)).toBeNull();
  });

  it('closes the footer of every answer with the corpus update and its size', () => {
    const corpus = { articles: 6293, updatedAt: '2024-05-01T11:48:00Z', at: '2024-05-01T12:00:00Z' };
    expect(freshnessText(corpus)).toBe('corpus updated 12 min ago, 6,293 articles');
    const footer = answerEmbed(answer(), corpus).toJSON().footer!.text;
    expect(footer).toMatch(/^as of 6 Dec 2023 · newest source 6 Dec 2023 · confidence 0\.91 · 12 ms · corpus updated 12 min ago, 6,293 articles$/);
    expect(freshnessText({ ...corpus, articles: 1 })).toBe('corpus updated 12 min ago, 1 article');
  });
});
