import fs from 'node:fs';
import path from 'node:path';
import { env } from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TINY_MODEL_HIDDEN_SIZE, writeTinyModel } from '../../scripts/lib/tiny-model.js';
import { createTransformersEmbedder, resolveModelSource, type TransformersEmbedder } from '../../src/embed/transformers.js';
import { tempDir } from '../helpers/fixtures.js';

// A tiny BERT-shaped model with seeded random weights, generated offline: its vectors carry no
// meaning, so these tests check shapes, normalisation, determinism, batching and prefixes.
const root = tempDir('sitrep-models-');
const cacheDir = path.join(root, 'cache');
const meanModel = path.join(root, 'tiny-bert');
const bgeModel = path.join(root, 'bge-tiny');
const opened: TransformersEmbedder[] = [];

async function open(model: string, batchSize?: number): Promise<TransformersEmbedder> {
  const e = await createTransformersEmbedder({ model, cacheDir, allowRemoteModels: false, batchSize });
  opened.push(e);
  return e;
}

const texts = [
  'A drone targeted Western troops at a military base in Iraq on Wednesday.',
  'The Islamic Resistance in Iraq claimed the attack.',
  'Kirkuk',
  'US forces have also bombed sites in Syria linked to Iran on three occasions.',
  'In total, Washington has counted at least 78 attacks since October 17.',
  'Zebra quokka xylophone',
  'The militants had been preparing an attack against coalition forces, US Central Command said.',
];
const norm = (v: Float32Array) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));
const rows = (vs: Float32Array[]) => vs.map((v) => Array.from(v));

beforeAll(async () => {
  await writeTinyModel(meanModel);
  await writeTinyModel(bgeModel);
});

afterAll(async () => {
  for (const e of opened) await e.dispose();
  fs.rmSync(root, { recursive: true, force: true });
});

describe('transformers embedder on a local model folder', () => {
  it('names itself after the folder and reads its dimension from the model', async () => {
    const e = await open(meanModel);
    expect([e.id, e.dim, e.removesCommonComponent, e.family.pooling]).toEqual(['transformers:tiny-bert', TINY_MODEL_HIDDEN_SIZE, false, 'mean']);
    expect(env.allowRemoteModels).toBe(false);
  });

  it('returns one unit vector of the model’s dimension per text, different for different texts', async () => {
    const e = await open(meanModel);
    const vs = await e.embed(texts, 'passage');
    expect(vs).toHaveLength(texts.length);
    for (const v of vs) {
      expect(v).toBeInstanceOf(Float32Array);
      expect(v).toHaveLength(TINY_MODEL_HIDDEN_SIZE);
      expect(norm(v)).toBeCloseTo(1, 5);
    }
    expect(new Set(vs.map((v) => v.join(','))).size).toBe(texts.length);
    expect(await e.embed([], 'passage')).toEqual([]);
  });

  it('is deterministic, across calls and across regenerated model folders', async () => {
    const e = await open(meanModel);
    const first = await e.embed(texts, 'passage');
    expect(rows(await e.embed(texts, 'passage'))).toEqual(rows(first));
    const again = path.join(root, 'again', 'tiny-bert');
    await writeTinyModel(again);
    expect(fs.readFileSync(path.join(again, 'onnx', 'model.onnx')).equals(fs.readFileSync(path.join(meanModel, 'onnx', 'model.onnx')))).toBe(true);
    expect(rows(await (await open(again)).embed(texts, 'passage'))).toEqual(rows(first));
  });

  it('gives the same vectors in batches as one text at a time', async () => {
    for (const model of [meanModel, bgeModel]) {
      const batched = await (await open(model, 3)).embed(texts, 'query');
      const single = await open(model, 1);
      const oneByOne: Float32Array[] = [];
      for (const t of texts) oneByOne.push(...(await single.embed([t], 'query')));
      batched.forEach((v, i) => v.forEach((x, d) => expect(x).toBeCloseTo(oneByOne[i][d], 5)));
    }
  });

  it('prefixes queries with the BGE instruction and pools the CLS token for a bge model', async () => {
    const e = await open(bgeModel);
    expect(e.family.pooling).toBe('cls');
    const [query] = await e.embed(['how many attacks since October 17?'], 'query');
    const [passage] = await e.embed(['how many attacks since October 17?'], 'passage');
    const [prefixed] = await e.embed([`${e.family.queryPrefix}how many attacks since October 17?`], 'passage');
    expect(Array.from(query)).not.toEqual(Array.from(passage));
    expect(Array.from(query)).toEqual(Array.from(prefixed));
  });

  it('embeds queries and passages alike for a model family without prefixes', async () => {
    const e = await open(meanModel);
    expect(rows(await e.embed(texts, 'query'))).toEqual(rows(await e.embed(texts, 'passage')));
  });
});

describe('transformers embedder errors', () => {
  it('says a missing local folder is missing, and what to set instead', async () => {
    const missing = path.join(root, 'no-such-model');
    await expect(open(missing)).rejects.toMatchObject({
      code: 'MODEL_FOLDER_MISSING',
      message: expect.stringContaining(`Model folder ${missing} does not exist`),
    });
    expect(() => resolveModelSource('./models/nothing-here')).toThrow(/does not exist/);
  });

  it('lists the files a model folder needs when one is absent', async () => {
    const broken = path.join(root, 'broken-bert');
    await writeTinyModel(broken);
    fs.rmSync(path.join(broken, 'onnx'), { recursive: true });
    await expect(open(broken)).rejects.toMatchObject({
      code: 'MODEL_LOAD_FAILED',
      message: expect.stringMatching(/Could not load the model in .*broken-bert.*needs config\.json.*onnx\/model\.onnx/),
    });
  });

  it('does not download a Hub model when remote models are disabled', async () => {
    await expect(open('Xenova/all-MiniLM-L6-v2')).rejects.toMatchObject({
      code: 'MODEL_NOT_AVAILABLE',
      message: expect.stringMatching(/Xenova\/all-MiniLM-L6-v2 is not in the model cache .* downloads are disabled/),
    });
    expect(env.allowRemoteModels).toBe(false);
    expect(fs.existsSync(path.join(cacheDir, 'Xenova'))).toBe(false);
  });

  it('treats owner/name as a Hub id and an existing folder as local', () => {
    expect(resolveModelSource('Xenova/bge-small-en-v1.5', root)).toEqual({ kind: 'hub', id: 'Xenova/bge-small-en-v1.5' });
    expect(resolveModelSource('tiny-bert', root)).toEqual({ kind: 'folder', dir: meanModel, name: 'tiny-bert' });
  });
});
