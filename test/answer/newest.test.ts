/** When articles disagree on a figure, the newest answers and the older figures are listed with their dates. */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openSitrep, type Sitrep } from '../../src/sitrep.js';
import { article, tempDir, testConfig, writeCorpus } from '../helpers/fixtures.js';

let sitrep: Sitrep;

beforeAll(async () => {
  const corpus = writeCorpus({
    'older.md': article(
      'Rocket fire on the northern garrison continues',
      'Officials have recorded 31 rocket attacks on the northern garrison since the spring. The garrison commander asked for more air defence.',
      { source: 'Test Wire', published: '2024-05-02' },
    ),
    'newer.md': article(
      'Garrison rocket attacks rise',
      'Officials have now recorded 44 rocket attacks on the northern garrison since the spring. Engineers repaired the runway overnight.',
      { source: 'Test Wire', published: '2024-06-10' },
    ),
    'other.md': article(
      'Harbour reopens',
      'The harbour reopened to fishing boats after the storm. Two piers were rebuilt by the port authority.',
      { source: 'Test Wire', published: '2024-06-12' },
    ),
  });
  sitrep = await openSitrep(testConfig({ CORPUS_DIR: corpus, INDEX_DIR: path.join(tempDir(), 'index') }), { buildIfMissing: true });
}, 120_000);

describe('conflicting figures', () => {
  it('answers from the newest article and lists the older figure with its date', async () => {
    const a = await sitrep.answer('How many rocket attacks on the northern garrison?');
    expect(a.abstained).toBe(false);
    expect(a.answer!.span!.text).toContain('44');
    expect(a.answerPublished).toBe('2024-06-10');
    expect(a.earlier).toHaveLength(1);
    expect(a.earlier[0]).toMatchObject({ published: '2024-05-02' });
    expect(a.earlier[0]!.span!.text).toContain('31');
    const cited = a.sources.find((s) => s.n === a.earlier[0]!.citation)!;
    expect(cited.file).toBe('older.md');
  });

  it('numbers sources in the order they are cited', async () => {
    const a = await sitrep.answer('How many rocket attacks on the northern garrison?');
    expect(a.sources.map((s) => s.n)).toEqual(a.sources.map((_, i) => i + 1));
    expect(a.answer!.citation).toBe(1);
  });
});

describe('the newest report of a long story', () => {
  let many: Sitrep;
  beforeAll(async () => {
    // Forty reports in spring (more than retrieval keeps) repeat the question's words; the newest
    // words its figure its own way, and matches less well than every one of them.
    const files: Record<string, string> = {};
    for (let i = 0; i < 40; i++) {
      const day = `2024-${i < 20 ? '04' : '05'}-${String(1 + (i % 20)).padStart(2, '0')}`;
      files[`spring-${i}.md`] = article(
        `Garrison report ${i}`,
        `Officials have recorded ${10 + i} rocket attacks on the northern garrison since the spring, the garrison command said. Patrols resumed on the ring road.`,
        { source: 'Test Wire', published: day },
      );
    }
    files['autumn.md'] = article(
      'Garrison tally',
      'Officials say the tally of rocket attacks on the northern garrison since the spring reached 95 on Friday. Schools in the town stayed shut.',
      { source: 'Test Wire', published: '2024-10-04' },
    );
    const corpus = writeCorpus(files);
    many = await openSitrep(testConfig({ CORPUS_DIR: corpus, INDEX_DIR: path.join(tempDir(), 'index') }), { buildIfMissing: true });
  }, 120_000);

  it('searches the newest articles on their own, so a differently worded, newer figure answers', async () => {
    const a = await many.answer('How many rocket attacks on the northern garrison have officials recorded since the spring?');
    expect(a.answerPublished).toBe('2024-10-04');
    expect(a.answer!.span!.text).toContain('95');
  });
});
