/** The as-of bound in the answer path: strict when given, and what "now" makes of misdated and undated articles. */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { AsOfError, openSitrep, type Sitrep } from '../../src/sitrep.js';
import { article, tempDir, testConfig, writeCorpus } from '../helpers/fixtures.js';

let sitrep: Sitrep;

beforeAll(async () => {
  const corpus = writeCorpus({
    'march.md': article('Depot shelled', 'Officials have counted 12 shelling attacks on the Varno fuel depot since January.', { source: 'Test Wire', published: '2024-03-01' }),
    'may.md': article('Depot shelling goes on', 'Officials have now counted 19 shelling attacks on the Varno fuel depot since January.', { source: 'Test Wire', published: '2024-05-01' }),
    // Dated years ahead: a wrong date, since the article is already here.
    'misdated.md': article('Bridge closed', 'Engineers closed the Osk river bridge after a drone struck its eastern span.', { source: 'Test Wire', published: '2099-01-01' }),
    'undated.md': article('Ferry halted', 'The Lume ferry stopped running after a mine was found near its landing.', { source: 'Test Wire' }),
  });
  sitrep = await openSitrep(testConfig({ CORPUS_DIR: corpus, INDEX_DIR: path.join(tempDir(), 'index') }), { buildIfMissing: true });
}, 120_000);

describe('as of a day', () => {
  it('answers from the articles published by then only, saying both days', async () => {
    const april = await sitrep.answer('How many shelling attacks on the Varno depot?', { asOf: '2024-04-01' });
    expect(april.answer?.span?.text).toContain('12');
    expect(april).toMatchObject({ asOf: '2024-04-01', answerPublished: '2024-03-01' });
    expect(april.sources.every((s) => s.published! <= '2024-04-01')).toBe(true);
    const june = await sitrep.answer('How many shelling attacks on the Varno depot?', { asOf: '2024-06-01' });
    expect(june.answer?.span?.text).toContain('19');
    expect(june.earlier[0]).toMatchObject({ published: '2024-03-01' });
    const before = await sitrep.answer('How many shelling attacks on the Varno depot?', { asOf: '2024-02-01' });
    expect(before.abstained).toBe(true);
  });

  it('keeps undated articles usable, cited as undated', async () => {
    const a = await sitrep.answer('What halted the Lume ferry?', { asOf: '2024-04-01' });
    expect(a.abstained).toBe(false);
    expect(a.sources[0]).toMatchObject({ published: null });
  });

  it('asked as of now, lets a misdated future article answer; a given as-of day does not', async () => {
    const now = await sitrep.answer('Why did engineers close the Osk river bridge?');
    expect(now.answer?.text).toContain('Osk river bridge');
    const strict = await sitrep.answer('Why did engineers close the Osk river bridge?', { asOf: '2024-06-01' });
    expect(strict.sources.some((s) => s.published === '2099-01-01')).toBe(false);
  });

  it('refuses an invalid as-of date with the form to use', async () => {
    await expect(sitrep.answer('How many attacks?', { asOf: '2024-02-30' })).rejects.toThrow(AsOfError);
    await expect(sitrep.answer('How many attacks?', { asOf: 'last Tuesday' })).rejects.toThrow(/YYYY-MM-DD/);
  });
});
