import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeTinyModel } from '../../scripts/lib/tiny-model.js';
import { loadConfig } from '../../src/config.js';
import { createEmbedder, isGloveModel } from '../../src/embed/create.js';
import { GloveEmbedder } from '../../src/embed/glove-embedder.js';
import { TransformersEmbedder } from '../../src/embed/transformers.js';
import { tempDir } from '../helpers/fixtures.js';

const disposers: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const d of disposers) await d();
});

describe('createEmbedder', () => {
  it('makes the GloVe + SIF embedder for the default config', async () => {
    const e = await createEmbedder(loadConfig({}), { allowRemoteModels: false });
    expect(e).toBeInstanceOf(GloveEmbedder);
    expect([e.id, e.dim]).toEqual(['glove-sif-100d', 100]);
  }, 300_000);

  it('makes a transformers embedder for a model folder, caching under MODEL_CACHE_DIR', async () => {
    const root = tempDir('sitrep-create-');
    const model = path.join(root, 'e5-tiny');
    await writeTinyModel(model);
    const e = await createEmbedder(loadConfig({ EMBEDDING_MODEL: model, MODEL_CACHE_DIR: path.join(root, 'cache') }), {
      allowRemoteModels: false,
      batchSize: 2,
    });
    expect(e).toBeInstanceOf(TransformersEmbedder);
    disposers.push(() => (e as TransformersEmbedder).dispose());
    expect(e.id).toBe('transformers:e5-tiny');
    const [q] = await e.embed(['drone attack'], 'query');
    const [p] = await e.embed(['drone attack'], 'passage');
    expect(Array.from(q)).not.toEqual(Array.from(p)); // "query: " vs "passage: "
  });

  it('passes a clear error through for a model it cannot find', async () => {
    const config = loadConfig({ EMBEDDING_MODEL: 'Xenova/bge-small-en-v1.5', MODEL_CACHE_DIR: tempDir() });
    await expect(createEmbedder(config, { allowRemoteModels: false })).rejects.toThrow(/not in the model cache/);
  });

  it('recognises the GloVe model names', () => {
    expect(['glove', 'GloVe', 'glove-sif-100d'].map(isGloveModel)).toEqual([true, true, true]);
    expect(isGloveModel('Xenova/bge-small-en-v1.5')).toBe(false);
  });
});
