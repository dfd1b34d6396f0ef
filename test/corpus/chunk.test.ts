import { describe, expect, it } from 'vitest';
import { chunkArticle, shortHash, splitSentences, type Article } from '../../src/corpus/index.js';

const article = (text: string): Article => ({ id: shortHash(text), file: 'a.md', title: 'T', text });
const sevenSentences = article('S1 one. S2 two. S3 three.\n\nS4 four. S5 five. S6 six. S7 seven.');
const textOf = (a: Article, s: { start: number; end: number }) => a.text.slice(s.start, s.end);

describe('chunkArticle', () => {
  it('makes windows of three sentences sharing one by default', () => {
    const passages = chunkArticle(sevenSentences);
    expect(passages.map((p) => p.sentences.map((s) => textOf(sevenSentences, s)))).toEqual([
      ['S1 one.', 'S2 two.', 'S3 three.'],
      ['S3 three.', 'S4 four.', 'S5 five.'],
      ['S5 five.', 'S6 six.', 'S7 seven.'],
    ]);
    expect(passages.map((p) => p.index)).toEqual([0, 1, 2]);
  });

  it('keeps offsets that quote each sentence and the passage exactly', () => {
    for (const p of chunkArticle(sevenSentences, { sentences: 2, overlap: 0 })) {
      expect(p.articleId).toBe(sevenSentences.id);
      expect(p.start).toBe(p.sentences[0].start);
      expect(p.end).toBe(p.sentences.at(-1)!.end);
      for (const s of p.sentences) {
        expect(s.start).toBeGreaterThanOrEqual(p.start);
        expect(s.end).toBeLessThanOrEqual(p.end);
        expect(textOf(sevenSentences, s)).toMatch(/^S\d \w+\.$/);
      }
    }
  });

  it('covers every sentence, ending with the last one', () => {
    const all = splitSentences(sevenSentences.text);
    for (const [sentences, overlap] of [[1, 0], [2, 1], [3, 0], [4, 2], [7, 0], [10, 3]]) {
      const covered = chunkArticle(sevenSentences, { sentences, overlap }).flatMap((p) => p.sentences);
      expect(new Set(covered.map((s) => s.start))).toEqual(new Set(all.map((s) => s.start)));
      expect(covered.at(-1)).toEqual(all.at(-1));
    }
  });

  it('gives one passage for an article shorter than the window, and none for no text', () => {
    expect(chunkArticle(article('Only one sentence.'))).toHaveLength(1);
    expect(chunkArticle(article('   '))).toEqual([]);
  });

  it('treats an overlap as large as the window as one less, so it always moves forward', () => {
    const passages = chunkArticle(sevenSentences, { sentences: 3, overlap: 5 });
    expect(passages.map((p) => p.sentences.length)).toEqual([3, 3, 3, 3, 3]);
    expect(passages[1].sentences[0]).toEqual(passages[0].sentences[1]);
  });

  it('gives stable ids that change with the text and the window', () => {
    const a = chunkArticle(sevenSentences).map((p) => p.id);
    expect(chunkArticle({ ...sevenSentences }).map((p) => p.id)).toEqual(a);
    expect(new Set(a).size).toBe(a.length);
    for (const id of a) expect(id).toMatch(/^[0-9a-f]{16}$/);
    expect(chunkArticle(sevenSentences, { sentences: 2, overlap: 0 })[0].id).not.toBe(a[0]);
    expect(chunkArticle(article(sevenSentences.text.replace('S1', 'S0')))[0].id).not.toBe(a[0]);
  });
});
