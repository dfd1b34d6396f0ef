import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildIndex } from '../../src/store/build.js';
import { IndexError } from '../../src/store/errors.js';
import { currentGeneration } from '../../src/store/generations.js';
import { INDEX_FILES } from '../../src/store/manifest.js';
import { readIndexInSteps } from '../../src/store/read-in-steps.js';
import { RecordLinesError, recordLines, serializeRecords } from '../../src/store/record-lines.js';
import { runWhole } from '../../src/store/steps.js';
import { readIndex, type StoredIndex } from '../../src/store/stored-index.js';
import { storedNames } from '../../src/store/stored-vectors.js';
import { article, hashEmbedder, tempDir, testConfig, writeCorpus } from '../helpers/fixtures.js';

const files = {
  'a.md': article('Port strike', 'A missile hit the port of Aden on Monday. Two cranes burned. Shipping stopped for a day.', { source: 'Wire', published: '2024-02-01' }),
  'b.md': article('Border shelling', 'Artillery shelled a border post overnight. Nobody was hurt. The army returned fire.', { published: '2024-02-03' }),
  'c.md': article('Drone downed', 'Air defences downed a drone near the airport on Sunday. Debris fell on a road. "No one was hurt," a spokesman said.\nRoads reopened by noon.', { published: '2024-02-04' }),
};

/** An index built whole, then extended by one article: its passage graph and postings are a snapshot and a log of one segment. */
async function built() {
  const indexDir = path.join(tempDir(), 'index');
  const corpus = writeCorpus(files);
  const config = testConfig({ CORPUS_DIR: corpus, INDEX_DIR: indexDir, PASSAGE_SENTENCES: '2', PASSAGE_OVERLAP: '0' });
  const embedder = hashEmbedder();
  await buildIndex(config, { embedder });
  fs.writeFileSync(path.join(corpus, '0.md'), article('Convoy hit', 'A roadside bomb hit a convoy at dawn. Two trucks burned. The road closed.', { published: '2024-02-05' }));
  await buildIndex(config, { embedder });
  const { manifest } = readIndex(indexDir, { efSearch: 50 });
  expect(manifest.vectorLog).toEqual(['vectors.log.1']);
  // The damage rounds below take every stored file, the postings' segment beside the graph's included.
  expect(storedNames(manifest)).toContain('lexical.log.1');
  return { indexDir, embedder };
}

/** What a read holds, in comparable form (the passage graph by its answers to every passage's own text). */
async function contents(index: StoredIndex, embedder: ReturnType<typeof hashEmbedder>) {
  const vectors = await embedder.embed(index.passages.map((p) => index.articles[p.article]!.text.slice(p.start, p.end)), 'query');
  return {
    manifest: index.manifest,
    location: index.location,
    articles: index.articles,
    passages: index.passages,
    lexical: index.lexical.serialize().toString('base64'),
    words: index.words.words,
    passageSearches: vectors.map((v) => index.vectors.search(v, 3)),
    wordGraph: { size: index.words.vectors.size, dim: index.words.vectors.dim },
    incidents: await index.incidentsInSteps(),
    rawVectors: index.rawVectors.map((v) => Array.from(v)),
  };
}

/** The error a read throws, as class, code and message. */
async function refusal(read: () => unknown): Promise<{ name: string; code?: string; message: string } | null> {
  try {
    await read();
    return null;
  } catch (err) {
    return { name: (err as Error).name, code: (err as IndexError).code, message: (err as Error).message };
  }
}

describe('reading a generation in steps', () => {
  it('gives what readIndex gives, with and without the raw vectors, and takes turns while it reads', async () => {
    const { indexDir, embedder } = await built();
    for (const rawVectors of [false, true]) {
      let steps = 0;
      const stepped = await readIndexInSteps(indexDir, { embedderId: embedder.id, efSearch: 50, rawVectors }, async () => void steps++);
      const whole = readIndex(indexDir, { embedderId: embedder.id, efSearch: 50, rawVectors });
      expect(await contents(stepped, embedder)).toEqual(await contents(whole, embedder));
      expect(stepped.passages.length).toBeGreaterThan(3);
      expect(stepped.rawVectors.length).toBe(rawVectors ? stepped.passages.length : 0);
      expect(steps).toBeGreaterThan(0);
    }
  });

  it('refuses every damaged, shortened or missing file with the IndexError readIndex throws', async () => {
    const { indexDir } = await built();
    const gen = currentGeneration(indexDir)!;
    const read = () => readIndex(indexDir, { efSearch: 50 });
    const readInSteps = () => readIndexInSteps(indexDir, { efSearch: 50 });
    for (const name of [...storedNames(readIndex(indexDir, { efSearch: 50 }).manifest), 'manifest.json', 'manifest.sha256']) {
      const file = path.join(gen, name);
      const original = fs.readFileSync(file);
      const flipped = Buffer.from(original);
      flipped[Math.floor(flipped.length / 2)]! ^= 0x04;
      for (const damage of [flipped, original.subarray(0, Math.floor(original.length / 2)), null]) {
        if (damage === null) fs.rmSync(file);
        else fs.writeFileSync(file, damage);
        const expected = await refusal(read);
        expect(expected, `${name} damaged`).toMatchObject({ name: 'IndexError', code: 'INDEX_DAMAGED' });
        expect(expected!.message).toContain(name);
        expect(await refusal(readInSteps)).toEqual(expected);
      }
      fs.writeFileSync(file, original);
    }
    expect((await readInSteps()).articles).toHaveLength(4);
  });

  it('refuses another embedder and a missing index as readIndex does', async () => {
    const { indexDir } = await built();
    const other = { embedderId: 'glove-sif-100d', efSearch: 50 };
    expect(await refusal(() => readIndexInSteps(indexDir, other))).toEqual(await refusal(() => readIndex(indexDir, other)));
    expect((await refusal(() => readIndexInSteps(indexDir, other)))?.code).toBe('EMBEDDER_MISMATCH');
    const none = path.join(tempDir(), 'none');
    expect(await refusal(() => readIndexInSteps(none, { efSearch: 50 }))).toEqual(await refusal(() => readIndex(none, { efSearch: 50 })));
    expect((await refusal(() => readIndexInSteps(none, { efSearch: 50 })))?.code).toBe('INDEX_MISSING');
  });

  it('refuses a file that passes its checksum but is not one record per line, naming the file and the line', async () => {
    const { indexDir } = await built();
    const gen = currentGeneration(indexDir)!;
    const manifestFile = path.join(gen, 'manifest.json');
    const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
    const bad = Buffer.from('{"id":"x"}\n{"id": oops}\n');
    fs.writeFileSync(path.join(gen, INDEX_FILES.passages), bad);
    const { createHash } = await import('node:crypto');
    manifest.checksums[INDEX_FILES.passages] = { sha256: createHash('sha256').update(bad).digest('hex'), bytes: bad.length };
    const text = JSON.stringify(manifest, null, 2);
    fs.writeFileSync(manifestFile, text);
    fs.writeFileSync(path.join(gen, 'manifest.sha256'), `${createHash('sha256').update(text).digest('hex')}\n`);
    const expected = await refusal(() => readIndex(indexDir, { efSearch: 50 }));
    expect(expected?.message).toMatch(/passages\.jsonl is damaged: line 2 is not valid JSON/);
    expect(await refusal(() => readIndexInSteps(indexDir, { efSearch: 50 }))).toEqual(expected);
  });
});

describe('record lines', () => {
  it('round-trips records whose strings hold newlines, quotes and any script, one line each', () => {
    const records = [{ text: 'one\ntwo\r\n"three"', n: 1 }, { text: 'صاروخ — ракета — 导弹 \u2028', n: 2 }, {}];
    const bytes = Buffer.from(serializeRecords(records));
    expect(bytes.toString().split('\n')).toHaveLength(records.length + 1);
    expect(runWhole(recordLines(bytes))).toEqual(records);
    expect(runWhole(recordLines(Buffer.from(serializeRecords([]))))).toEqual([]);
  });

  it('names the line that cannot be read, and a last line cut short', () => {
    expect(() => runWhole(recordLines(Buffer.from('{"a":1}\n{"a":\n')))).toThrowError(new RecordLinesError('line 2 is not valid JSON'));
    expect(() => runWhole(recordLines(Buffer.from('{"a":1}\n{"a":2}')))).toThrowError(/line 2 does not end/);
  });
});
