/**
 * Measures the GloVe embedder: cache load time (and build time with --build), SIF embedding rate,
 * neighbour search and common-component fitting. Prints figures; asserts nothing.
 *
 *   npm run bench:embed                  # load from MODEL_CACHE_DIR, embed 10,000 sentences
 *   npm run bench:embed -- --build       # also convert the package JSON into a temp folder, timed
 *   npm run bench:embed -- --sentences 50000
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig, resolveDir } from '../src/config.js';
import { ensureGloveCache } from '../src/embed/glove-build.js';
import { GloveEmbedder } from '../src/embed/glove-embedder.js';
import { loadGlove, type GloveVectors } from '../src/embed/glove.js';
import { fitCommonComponent, removeComponent } from '../src/embed/sif.js';

const { values } = parseArgs({
  options: { build: { type: 'boolean', default: false }, sentences: { type: 'string', default: '10000' } },
});
const sentenceCount = Number(values.sentences);
const mb = (bytes: number) => `${Math.round(bytes / 1e6)} MB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const log = (line: string) => console.log(`  ${line}`);

function time<T>(fn: () => T): [T, number] {
  const start = performance.now();
  const value = fn();
  return [value, performance.now() - start];
}

async function timeAsync<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const value = await fn();
  return [value, performance.now() - start];
}

/** Seeded sentences of 12–30 words drawn from the vocabulary by Zipf rank, like news text in word mix. */
function sentences(glove: GloveVectors, n: number): string[] {
  let seed = 42;
  const random = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 4294967296);
  const out: string[] = [];
  for (let s = 0; s < n; s++) {
    const length = 12 + Math.floor(random() * 19);
    const words: string[] = [];
    for (let w = 0; w < length; w++) words.push(glove.word(Math.min(glove.size - 1, Math.floor(Math.exp(random() * Math.log(glove.size))) - 1)));
    out.push(`${words.join(' ')}.`);
  }
  return out;
}

const cacheDir = resolveDir(loadConfig().MODEL_CACHE_DIR);
console.log(`GloVe embedder benchmark (Node ${process.version}, ${os.cpus().length} cores)`);

if (values.build) {
  const temp = mkdtempSync(path.join(os.tmpdir(), 'sitrep-glove-build-'));
  const [, ms] = await timeAsync(() => ensureGloveCache(temp, log));
  console.log(`cache build (JSON → binary, child process): ${seconds(ms)}; this process's peak RSS so far ${mb(process.resourceUsage().maxRSS * 1024)}`);
  rmSync(temp, { recursive: true, force: true });
}

const [glove, loadMs] = await timeAsync(() => loadGlove(cacheDir, { log }));
console.log(`cache load from ${cacheDir}: ${seconds(loadMs)} (${glove.size.toLocaleString('en')} words × ${glove.dim}), RSS ${mb(process.memoryUsage().rss)}, heap ${mb(process.memoryUsage().heapUsed)}`);

const embedder = new GloveEmbedder(glove);
const texts = sentences(glove, sentenceCount);
const [vectors, embedMs] = await timeAsync(() => embedder.embed(texts, 'passage'));
console.log(`SIF embedding: ${sentenceCount.toLocaleString('en')} sentences of 12–30 words in ${seconds(embedMs)} = ${Math.round(sentenceCount / (embedMs / 1000)).toLocaleString('en')} sentences/s`);

const [pc, fitMs] = time(() => fitCommonComponent(vectors));
const [, removeMs] = time(() => vectors.map((v) => removeComponent(v, pc)));
console.log(`common component: fit over ${vectors.length.toLocaleString('en')} vectors ${seconds(fitMs)}, removal ${seconds(removeMs)}`);

const vocabulary = [...new Set(texts.slice(0, 300).flatMap((t) => t.split(' ')))].slice(0, 3000);
const queries = ['attacks', 'troops', 'killed', 'drone', 'militants', 'strike', 'claimed', 'base', 'forces', 'rocket'];
for (const q of queries) glove.neighbours(q, vocabulary, 5, 0.5); // warm-up
const [, nbMs] = time(() => {
  for (let r = 0; r < 50; r++) for (const q of queries) glove.neighbours(q, vocabulary, 5, 0.5);
});
console.log(`neighbours: ${(nbMs / 500).toFixed(2)} ms per word over ${vocabulary.length.toLocaleString('en')} candidates`);
