import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildIndex } from '../../src/store/build.js';
import { IndexError } from '../../src/store/errors.js';
import { lockHolder } from '../../src/corpus/file-lock.js';
import { currentGeneration, LOCK_FILE, publishGeneration } from '../../src/store/generations.js';
import { INDEX_FILES } from '../../src/store/manifest.js';
import { readIndex } from '../../src/store/stored-index.js';
import { article, hashEmbedder, tempDir, testConfig, writeCorpus } from '../helpers/fixtures.js';

const files = {
  'a.md': article('Port strike', 'A missile hit the port of Aden on Monday. Two cranes burned. Shipping stopped for a day.', { source: 'Wire', published: '2024-02-01' }),
  'b.md': article('Border shelling', 'Artillery shelled a border post overnight. Nobody was hurt. The army returned fire.', { published: '2024-02-03' }),
};

function setup(extra: Record<string, string> = {}) {
  const corpus = writeCorpus({ ...files, ...extra });
  const indexDir = path.join(tempDir(), 'index');
  const config = testConfig({ CORPUS_DIR: corpus, INDEX_DIR: indexDir, PASSAGE_SENTENCES: '2', PASSAGE_OVERLAP: '0' });
  return { corpus, indexDir, config };
}

describe('index store', () => {
  it('round-trips: what is built is read back whole and searchable', async () => {
    const { indexDir, config } = setup();
    const embedder = hashEmbedder();
    const summary = await buildIndex(config, { embedder });
    expect(summary).toMatchObject({ files: 2, articles: 2, unchanged: false, reused: 0 });
    const index = readIndex(indexDir, { embedderId: embedder.id, efSearch: 50 });
    expect(index.passages.length).toBe(summary.passages);
    expect(index.manifest.counts).toEqual({ files: 2, articles: 2, passages: summary.passages });
    expect(Object.keys(index.manifest.files).sort()).toEqual(['a.md', 'b.md']);
    const hits = index.lexical.search([{ term: 'crane', weight: 1 }], 5);
    const top = index.passages[hits[0]!.id]!;
    expect(index.articles[top.article]!.title).toBe('Port strike');
    const [q] = await embedder.embed(['Two cranes burned.'], 'query');
    expect(index.vectors.search(q!, 1)[0]!.id).toBe(hits[0]!.id);
  });

  it('refuses an index built with another embedder, saying how to rebuild', async () => {
    const { indexDir, config } = setup();
    await buildIndex(config, { embedder: hashEmbedder() });
    expect(() => readIndex(indexDir, { embedderId: 'glove-sif-100d', efSearch: 50 })).toThrowError(/built with hash-test.*npm run index/);
  });

  it('re-indexes incrementally: unchanged passages keep their vectors, removed files leave', async () => {
    const { corpus, indexDir, config } = setup();
    const embedder = hashEmbedder();
    const first = await buildIndex(config, { embedder });
    expect(embedder.calls).toBe(first.passages);

    const again = await buildIndex(config, { embedder });
    expect(again.unchanged).toBe(true);
    expect(embedder.calls).toBe(first.passages);

    fs.writeFileSync(path.join(corpus, 'c.md'), article('Drone downed', 'Air defences downed a drone near the airport. Debris fell on a road.'));
    fs.rmSync(path.join(corpus, 'b.md'));
    const before = embedder.calls;
    const third = await buildIndex(config, { embedder });
    const index = readIndex(indexDir, { embedderId: embedder.id, efSearch: 50 });
    expect(index.articles.map((a) => a.title).sort()).toEqual(['Drone downed', 'Port strike']);
    expect(third.reused).toBeGreaterThan(0);
    expect(embedder.calls - before).toBe(third.passages - third.reused);
  });

  it('keeps the old index readable when a write dies half-way', async () => {
    const { indexDir, config } = setup();
    await buildIndex(config, { embedder: hashEmbedder() });
    const good = currentGeneration(indexDir);
    expect(() =>
      publishGeneration(indexDir, (folder) => {
        fs.writeFileSync(path.join(folder, 'manifest.json'), '{"half":');
        throw new Error('disk full');
      }),
    ).toThrow('disk full');
    expect(currentGeneration(indexDir)).toBe(good);
    expect(readIndex(indexDir, { efSearch: 50 }).articles.length).toBe(2);
    // A generation folder left by a killed build (never pointed to) is ignored too.
    fs.mkdirSync(path.join(indexDir, '.tmp-gen-dead-999999-abc'));
    expect(readIndex(indexDir, { efSearch: 50 }).location).toBe(good);
  });

  it('detects a damaged file and names it', async () => {
    const { indexDir, config } = setup();
    await buildIndex(config, { embedder: hashEmbedder() });
    const gen = currentGeneration(indexDir)!;
    for (const name of Object.values(INDEX_FILES)) {
      const file = path.join(gen, name);
      const original = fs.readFileSync(file);
      const flipped = Buffer.from(original);
      flipped[Math.floor(flipped.length / 2)]! ^= 0xff;
      fs.writeFileSync(file, flipped);
      expect(() => readIndex(indexDir, { efSearch: 50 })).toThrowError(new RegExp(`${name}.*checksum.*npm run index`));
      fs.writeFileSync(file, original.subarray(0, 10));
      expect(() => readIndex(indexDir, { efSearch: 50 })).toThrowError(IndexError);
      fs.writeFileSync(file, original);
    }
    expect(readIndex(indexDir, { efSearch: 50 }).articles.length).toBe(2);
  });

  it('links the files a new generation keeps byte for byte, and refuses one damaged through the link', async () => {
    const { corpus, indexDir, config } = setup({ 'c.md': article('Port strike again', 'A missile hit the port of Aden on Monday. Two cranes burned.') });
    const embedder = hashEmbedder();
    await buildIndex(config, { embedder });
    const before = currentGeneration(indexDir)!;
    // Removing an article brings no new word: the word list and its graph are the previous generation's.
    fs.rmSync(path.join(corpus, 'c.md'));
    await buildIndex(config, { embedder });
    const after = currentGeneration(indexDir)!;
    expect(after).not.toBe(before);
    const inode = (gen: string, name: string) => fs.statSync(path.join(gen, name)).ino;
    for (const name of [INDEX_FILES.words, INDEX_FILES.wordVectors]) expect(inode(after, name)).toBe(inode(before, name));
    // The removal is logged: the lists' base is linked, the removal written as the record segment beside the graph's.
    expect(inode(after, INDEX_FILES.passages)).toBe(inode(before, INDEX_FILES.passages));
    expect(fs.readFileSync(path.join(after, 'records.log.1'), 'utf8').split('\n')[0]).toBe(
      JSON.stringify({ articles: { from: 3, removed: [2], added: [] }, passages: { from: 5, removed: [4], added: [] } }),
    );
    expect(readIndex(indexDir, { efSearch: 50 }).articles.map((a) => a.file)).toEqual(['a.md', 'b.md']);
    const file = path.join(after, INDEX_FILES.wordVectors);
    const original = fs.readFileSync(file);
    const flipped = Buffer.from(original);
    flipped[Math.floor(flipped.length / 2)]! ^= 0xff;
    fs.writeFileSync(file, flipped);
    expect(() => readIndex(indexDir, { efSearch: 50 })).toThrowError(new RegExp(`${after}/${INDEX_FILES.wordVectors}.*checksum.*npm run index`));
    // The next build finds the damage and writes the file anew.
    await buildIndex(config, { embedder });
    expect(readIndex(indexDir, { efSearch: 50 }).articles.length).toBe(2);
  });

  it('takes over the lock file an older version left, and leaves the lock free', async () => {
    const { indexDir, config } = setup();
    fs.mkdirSync(indexDir, { recursive: true });
    fs.writeFileSync(path.join(indexDir, LOCK_FILE), '');
    const summary = await buildIndex(config, { embedder: hashEmbedder() });
    expect(summary.articles).toBe(2);
    expect(await lockHolder(path.join(indexDir, LOCK_FILE))).toBeNull();
  });

  it('says plainly when there is no index yet', () => {
    expect(() => readIndex(path.join(tempDir(), 'none'), { efSearch: 50 })).toThrowError(/No index.*npm run index/);
  });
});
