/** Opening Sitrep over an index folder: build when there is none or only an outdated one, refuse the rest. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeTinyModel } from '../../scripts/lib/tiny-model.js';
import { openSitrep } from '../../src/sitrep.js';
import { currentGeneration } from '../../src/store/generations.js';
import { article, tempDir, testConfig, writeCorpus } from '../helpers/fixtures.js';

function setup() {
  const corpus = writeCorpus({ 'a.md': article('Depot fire', 'A fire broke out at the fuel depot on Monday. Four trucks burned.') });
  return testConfig({ CORPUS_DIR: corpus, INDEX_DIR: path.join(tempDir(), 'index') });
}

/** Rewrites the live generation's manifest as if an older Sitrep had written it. */
function makeOutdated(indexDir: string): void {
  const gen = currentGeneration(indexDir)!;
  const file = path.join(gen, 'manifest.json');
  fs.writeFileSync(file, JSON.stringify({ ...JSON.parse(fs.readFileSync(file, 'utf8')), schemaVersion: 1 }));
  fs.rmSync(path.join(gen, 'manifest.sha256'), { force: true });
}

describe('opening an index', () => {
  it('builds the index first when there is none', async () => {
    const sitrep = await openSitrep(setup(), { buildIfMissing: true });
    expect(sitrep.info()).toMatchObject({ articles: 1, embedder: 'glove-sif-100d' });
  });

  it('refuses an index of an older layout unless asked to build, then rebuilds it', async () => {
    const config = setup();
    const first = await openSitrep(config, { buildIfMissing: true });
    makeOutdated(path.resolve(config.INDEX_DIR));
    await expect(openSitrep(config)).rejects.toThrow(/layout version 1.*npm run index/);
    const rebuilt = await openSitrep(config, { buildIfMissing: true });
    expect(rebuilt.info().location).not.toBe(first.info().location);
    expect((await rebuilt.answer('How many trucks burned?')).answer?.span?.text).toContain('Four');
  });

  it('refuses an index built with another embedder, even when asked to build', async () => {
    const config = setup();
    await openSitrep(config, { buildIfMissing: true });
    const model = path.join(tempDir('sitrep-model-'), 'tiny-bert');
    await writeTinyModel(model);
    await expect(openSitrep({ ...config, EMBEDDING_MODEL: model }, { buildIfMissing: true })).rejects.toThrow(
      /built with glove-sif-100d, but EMBEDDING_MODEL selects transformers:tiny-bert.*npm run index/,
    );
  });
});
