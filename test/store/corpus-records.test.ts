import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildIndex } from '../../src/store/build.js';
import { RECORDS_FILE, RACY_MARGIN_MS, readCorpusRecords, writeCorpusRecords } from '../../src/store/corpus-records.js';
import { currentGeneration } from '../../src/store/generations.js';
import { INDEX_FILES } from '../../src/store/manifest.js';
import { readIndex } from '../../src/store/stored-index.js';
import { article, hashEmbedder, tempDir, testConfig, writeCorpus } from '../helpers/fixtures.js';

const files = {
  'a.md': article('Port strike', 'A missile hit the port of Aden on Monday. Two cranes burned. Shipping stopped for a day.'),
  'b.md': article('Border shelling', 'Artillery shelled a border post overnight. Nobody was hurt. The army returned fire.'),
  'c.jsonl': `${JSON.stringify({ title: 'Airport', text: 'Rockets hit the airport. Flights were cancelled.' })}\n{"bad":\n`,
};
/** A whole second, long past: mtimes that old are trusted by the next build. */
const OLD = 1_700_000_000;

function setup() {
  const corpus = writeCorpus(files);
  for (const f of Object.keys(files)) fs.utimesSync(path.join(corpus, f), OLD, OLD);
  const indexDir = path.join(tempDir(), 'index');
  const config = testConfig({ CORPUS_DIR: corpus, INDEX_DIR: indexDir, PASSAGE_SENTENCES: '2', PASSAGE_OVERLAP: '0' });
  return { corpus, indexDir, config };
}

describe('a build reads only the corpus files that changed', () => {
  it('parses nothing on a re-index with no change, and reports the same skips', async () => {
    const { indexDir, config } = setup();
    const embedder = hashEmbedder();
    const first = await buildIndex(config, { embedder });
    expect(first.filesParsed).toBe(3);
    expect(fs.existsSync(path.join(indexDir, RECORDS_FILE))).toBe(true);
    const gen = currentGeneration(indexDir);
    const warnings: unknown[] = [];
    const again = await buildIndex(config, { embedder, onWarning: (s) => warnings.push(s) });
    expect(again).toMatchObject({ unchanged: true, filesParsed: 0, files: 3, articles: 3, passages: first.passages });
    expect(again.skipped).toEqual(first.skipped);
    expect(warnings).toEqual(first.skipped);
    expect(currentGeneration(indexDir)).toBe(gen);
  });

  it('does not re-parse a file whose mtime changed but whose bytes did not', async () => {
    const { corpus, indexDir, config } = setup();
    const embedder = hashEmbedder();
    await buildIndex(config, { embedder });
    fs.utimesSync(path.join(corpus, 'a.md'), OLD + 100, OLD + 100);
    const again = await buildIndex(config, { embedder });
    expect(again).toMatchObject({ unchanged: true, filesParsed: 0 });
    // The new mtime is recorded, so the next build does not even hash it.
    expect(readCorpusRecords(indexDir, config.MAX_FILE_BYTES).get('a.md')!.mtimeMs).toBe((OLD + 100) * 1000);
  });

  it('parses only the changed file when one changes, and indexes the change', async () => {
    const { corpus, indexDir, config } = setup();
    const embedder = hashEmbedder();
    await buildIndex(config, { embedder });
    fs.appendFileSync(path.join(corpus, 'c.jsonl'), `${JSON.stringify({ title: 'Dam', text: 'A dam was breached upstream.' })}\n`);
    const again = await buildIndex(config, { embedder });
    expect(again).toMatchObject({ unchanged: false, filesParsed: 1, articles: 4 });
    const index = readIndex(indexDir, { efSearch: 50 });
    expect(index.articles.map((a) => a.title).sort()).toEqual(['Airport', 'Border shelling', 'Dam', 'Port strike']);
  });

  it('still rebuilds a damaged index when no corpus file changed', async () => {
    const { indexDir, config } = setup();
    const embedder = hashEmbedder();
    await buildIndex(config, { embedder });
    const lexical = path.join(currentGeneration(indexDir)!, INDEX_FILES.lexical);
    const bytes = fs.readFileSync(lexical);
    bytes[bytes.length - 1]! ^= 0xff;
    fs.writeFileSync(lexical, bytes);
    const again = await buildIndex(config, { embedder });
    expect(again.unchanged).toBe(false);
    expect(readIndex(indexDir, { efSearch: 50 }).articles).toHaveLength(3);
  });

  it('compares by hash a file whose mtime is too close to the scan that recorded it', async () => {
    const { corpus, indexDir, config } = setup();
    const embedder = hashEmbedder();
    await buildIndex(config, { embedder });
    // Rewritten now with the same size: its mtime is not older than the recording scan by the margin.
    const a = path.join(corpus, 'a.md');
    fs.writeFileSync(a, fs.readFileSync(a, 'utf8').replace('Monday', 'Sunday'));
    const records = readCorpusRecords(indexDir, config.MAX_FILE_BYTES);
    const stat = fs.statSync(a);
    writeCorpusRecords(indexDir, new Map([...records].map(([f, r]) => [f, f === 'a.md' ? { ...r, mtimeMs: stat.mtimeMs } : r])), config.MAX_FILE_BYTES, stat.mtimeMs + RACY_MARGIN_MS / 2);
    expect(readCorpusRecords(indexDir, config.MAX_FILE_BYTES).get('a.md')!.mtimeMs).toBeNaN();
    const again = await buildIndex(config, { embedder });
    expect(again).toMatchObject({ unchanged: false, filesParsed: 1 });
    expect(readIndex(indexDir, { efSearch: 50 }).articles.find((x) => x.title === 'Port strike')!.text).toContain('Sunday');
  });

  it('ignores records that are damaged or were made with another file limit', async () => {
    const { indexDir, config } = setup();
    await buildIndex(config, { embedder: hashEmbedder() });
    expect(readCorpusRecords(indexDir, config.MAX_FILE_BYTES).size).toBe(3);
    expect(readCorpusRecords(indexDir, config.MAX_FILE_BYTES + 1).size).toBe(0);
    const file = path.join(indexDir, RECORDS_FILE);
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('c.jsonl', 'c.jsonm'));
    expect(readCorpusRecords(indexDir, config.MAX_FILE_BYTES).size).toBe(0);
    fs.writeFileSync(file, '{"half":');
    expect(readCorpusRecords(indexDir, config.MAX_FILE_BYTES).size).toBe(0);
    // And the build goes on, reading every file.
    expect(await buildIndex(config, { embedder: hashEmbedder() })).toMatchObject({ unchanged: true, filesParsed: 3 });
  });

  it('removes the temporary records file a killed build left', async () => {
    const { corpus, indexDir, config } = setup();
    await buildIndex(config, { embedder: hashEmbedder() });
    const leftover = path.join(indexDir, `${RECORDS_FILE}.tmp-999999`);
    fs.writeFileSync(leftover, '{"half":');
    fs.appendFileSync(path.join(corpus, 'b.md'), 'Shelling resumed at dawn.\n');
    await buildIndex(config, { embedder: hashEmbedder() });
    expect(fs.existsSync(leftover)).toBe(false);
  });

  it('takes a file whose copies of an article repeat one earlier in it from the previous index, reporting them as a parse does', async () => {
    const { corpus, indexDir, config } = setup();
    const line = (title: string, text: string) => `${JSON.stringify({ title, text })}\n`;
    const feed = line('Airport', 'Rockets hit the airport. Flights were cancelled.') + line('Dam', 'A dam was breached upstream.') + line('Airport', 'Rockets hit the airport. Flights were cancelled.');
    fs.writeFileSync(path.join(corpus, 'c.jsonl'), feed);
    fs.utimesSync(path.join(corpus, 'c.jsonl'), OLD, OLD);
    const embedder = hashEmbedder();
    const first = await buildIndex(config, { embedder });
    expect(first.skipped).toEqual([expect.objectContaining({ file: 'c.jsonl', line: 3, reason: 'duplicate of c.jsonl line 1' })]);
    fs.appendFileSync(path.join(corpus, 'b.md'), 'Shelling resumed at dawn.\n');
    const warnings: unknown[] = [];
    const again = await buildIndex(config, { embedder, onWarning: (w) => warnings.push(w) });
    // Only the changed file is parsed; the feed's repeat is still reported, and the index is a whole build's.
    expect(again).toMatchObject({ unchanged: false, filesParsed: 1, articles: 4 });
    expect(again.skipped).toEqual(first.skipped);
    expect(warnings).toEqual(first.skipped);
    const whole = path.join(tempDir(), 'whole');
    await buildIndex({ ...config, INDEX_DIR: whole }, { embedder });
    const index = readIndex(indexDir, { efSearch: 50 });
    const wholeIndex = readIndex(whole, { efSearch: 50 });
    expect(index.articles).toEqual(wholeIndex.articles);
    expect(index.manifest.skipped).toEqual(wholeIndex.manifest.skipped);
  });

  it('parses every file again on a rebuild (--compact), so that a newer parser reads them all', async () => {
    const { config } = setup();
    const embedder = hashEmbedder();
    await buildIndex(config, { embedder });
    expect(await buildIndex(config, { embedder, rebuild: 'refit' })).toMatchObject({ unchanged: false, filesParsed: 3 });
    expect(await buildIndex(config, { embedder })).toMatchObject({ unchanged: true, filesParsed: 0 });
  });
});
