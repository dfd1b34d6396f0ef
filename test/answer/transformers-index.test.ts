/** The transformers path end to end: a tiny local BERT-shaped model builds an index that answers. */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeTinyModel } from '../../scripts/lib/tiny-model.js';
import { openSitrep, type Sitrep } from '../../src/sitrep.js';
import { tempDir, testConfig } from '../helpers/fixtures.js';

let sitrep: Sitrep;

beforeAll(async () => {
  const model = path.join(tempDir('sitrep-model-'), 'tiny-bert');
  await writeTinyModel(model);
  sitrep = await openSitrep(
    testConfig({ CORPUS_DIR: path.resolve('corpus'), INDEX_DIR: path.join(tempDir(), 'index'), EMBEDDING_MODEL: model }),
    { buildIfMissing: true },
  );
}, 180_000);

describe('an index built with a transformers model', () => {
  it('records the model as its embedder', () => {
    expect(sitrep.info().embedder).toBe('transformers:tiny-bert');
  });

  it('answers from it, with BM25 carrying the random-weight model', async () => {
    const a = await sitrep.answer('How many attacks since Oct 17?');
    expect(a.abstained).toBe(false);
    expect(a.answer!.span!.text).toContain('78');
  });

  it('searches by vectors alone', async () => {
    const hits = await sitrep.search('drone attack', { k: 3, mode: 'vector' });
    expect(hits.length).toBeGreaterThan(0);
    expect(hits[0]!.file).toBe('ain-al-asad-drone-attack.md');
  });
});
