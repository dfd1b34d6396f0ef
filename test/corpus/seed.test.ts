import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { chunkArticle, loadCorpus } from '../../src/corpus/index.js';

const corpusDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../corpus');

describe('the shipped corpus', () => {
  it('loads the Ain al-Asad article as one clean article with its metadata', async () => {
    const { files, skipped } = await loadCorpus(corpusDir);
    expect(skipped).toEqual([]);
    const seed = files.find((f) => f.file === 'ain-al-asad-drone-attack.md');
    expect(seed?.articles).toHaveLength(1);
    const article = seed!.articles[0];
    expect(article).toMatchObject({
      title: 'Western Troops in Iraq Targeted in Drone Attack Claimed by Pro-Iran Group',
      source: 'AFP',
      published: '2023-12-06',
    });
    expect(article.url).toBeUndefined();
    expect(article.text).toContain('at least 78 attacks since October 17');
    expect(article.text).toContain('caused no causalities or damage');
    expect(article.text.startsWith('A drone targeted Western troops')).toBe(true);
    expect(article.text.endsWith('on three occasions.')).toBe(true);
    for (const furniture of ['Related Articles', 'Back to top button', 'AmericasMiddle East']) expect(article.text).not.toContain(furniture);
  });

  it('quotes the 78-attacks sentence exactly from a passage', async () => {
    const { files } = await loadCorpus(corpusDir);
    const article = files.find((f) => f.file === 'ain-al-asad-drone-attack.md')!.articles[0];
    const sentences = chunkArticle(article).flatMap((p) => p.sentences.map((s) => article.text.slice(s.start, s.end)));
    expect(sentences).toContain(
      'In total, Washington has counted at least 78 attacks since October 17 against its forces in Iraq and Syria, 10 days after the start of the war between Israel and Hamas, triggered by the Palestinian militant group’s unprecedented attack on Israeli soil.',
    );
  });
});
