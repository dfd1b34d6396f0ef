/**
 * The two measured phases of a benchmark size, each run in a fresh process so that its peak RSS is
 * its own: building the index, and serving it (load, answer, HNSW against exact search).
 */
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { resolveDir, type Config } from '../config.js';
import { createEmbedder, removeComponent } from '../embed/index.js';
import { buildIndex } from '../store/build.js';
import { currentGeneration } from '../store/generations.js';
import { readIndex, readPassageGraph } from '../store/stored-index.js';
import { exactSearch } from '../store/vectors.js';
import { openSitrep } from '../sitrep.js';
import { latencySummary, type LatencySummary } from '../eval/metrics.js';
import { containsAnyAnswer } from '../eval/normalise.js';
import { folderBytes } from '../eval/workspace.js';
import type { BenchQuestion } from './corpus.js';

const mib = () => process.resourceUsage().maxRSS / 1024;

export interface BuildResult {
  passages: number;
  articles: number;
  /** Loading the embedder (GloVe cache or model), before the build. */
  embedderLoadSeconds: number;
  /** The whole `buildIndex`: read corpus, chunk, embed, HNSW, BM25, write. */
  buildSeconds: number;
  /** Its parts, from the progress callbacks: until the last vector is embedded, then the graph, then the rest. */
  embedSeconds: number;
  graphSeconds: number;
  restSeconds: number;
  /**
   * The build's own time on the incident reports: reading them before the embedding (so part of
   * `embedSeconds`), or, read in a thread beside the embedding and the graphs, its start and the
   * wait for it once the graphs are built (part of `graphSeconds`, which starts at the last vector embedded).
   */
  incidentSeconds: number;
  /** Read in a thread: from its start until its reports were in hand; null when read in the build's own thread. */
  incidentThreadSeconds: number | null;
  indexBytes: number;
  peakRssMiB: number;
}

export async function benchBuild(config: Config): Promise<BuildResult> {
  let t = performance.now();
  const embedder = await createEmbedder(config);
  const embedderLoadSeconds = (performance.now() - t) / 1000;
  let embedDone = 0;
  let graphDone = 0;
  t = performance.now();
  const summary = await buildIndex(config, {
    embedder,
    // total = passages to embed + passages to insert; both halves report as they go.
    onProgress: (done, total) => {
      const now = performance.now();
      if (done <= total / 2) embedDone = now;
      else graphDone = now;
    },
  });
  const end = performance.now();
  const location = currentGeneration(resolveDir(config.INDEX_DIR))!;
  return {
    passages: summary.passages,
    articles: summary.articles,
    embedderLoadSeconds,
    buildSeconds: summary.seconds,
    embedSeconds: (embedDone - t) / 1000,
    graphSeconds: (graphDone - embedDone) / 1000,
    restSeconds: (end - graphDone) / 1000,
    incidentSeconds: summary.incidents?.seconds ?? 0,
    incidentThreadSeconds: summary.incidents?.threadSeconds ?? null,
    indexBytes: folderBytes(location),
    peakRssMiB: mib(),
  };
}

/** Bytes this process has written through system calls so far (Linux `/proc/self/io`), or null elsewhere. */
export function bytesWritten(): number | null {
  try {
    const m = /^wchar: (\d+)$/m.exec(fs.readFileSync('/proc/self/io', 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

export interface UpdateResult {
  /** The whole `buildIndex` after one corpus change. */
  seconds: number;
  /** Bytes the build wrote (the new generation, the corpus records); null where the OS does not say. */
  bytesWritten: number | null;
  /** Size of the generation it published. */
  generationBytes: number;
  filesParsed: number;
  passages: number;
  peakRssMiB: number;
}

/** Re-indexes after a change to the corpus (one article added or removed), in a fresh process. */
export async function benchUpdate(config: Config): Promise<UpdateResult> {
  // The embedder is loaded first, as a running bot has it: the figure is the update's own.
  const embedder = await createEmbedder(config);
  const before = bytesWritten();
  const summary = await buildIndex(config, { embedder });
  const after = bytesWritten();
  return {
    seconds: summary.seconds,
    bytesWritten: before === null || after === null ? null : after - before,
    generationBytes: folderBytes(currentGeneration(resolveDir(config.INDEX_DIR))!),
    filesParsed: summary.filesParsed ?? summary.files,
    passages: summary.passages,
    peakRssMiB: mib(),
  };
}

export interface RecallResult {
  efSearch: number;
  recall10: number;
  hnswMsPerQuery: number;
}

export interface ServeResult {
  /** `openSitrep` on the saved index: embedder, index files verified and parsed, expansion vocabulary. */
  loadSeconds: number;
  questions: number;
  latencyMs: LatencySummary;
  /** The same questions, each asked as of its article's publication day (retrieval filtered by date). */
  asOfLatencyMs: LatencySummary;
  /** Share of questions whose answer sentence holds the generated answer (a sanity check, not a quality figure). */
  answered: number;
  accuracy: number;
  /** The same share when each question is asked as of its day (a corpus's own questions are worded for that day). */
  asOfAccuracy: number;
  /** Peak RSS after loading and answering (before the recall measurement loads a second copy of the vectors). */
  peakRssMiB: number;
  /** HNSW at the configured efSearch and at others, against exact search over the same vectors. */
  recall: RecallResult[];
  /** HNSW_EF_SEARCH of the config: the efSearch that answering uses. */
  configuredEfSearch: number;
  exactMsPerQuery: number;
}

/**
 * Recall@10 counting ties: a hit is right when its exact score reaches the 10th best exact score,
 * since templated passages can share a vector and any of them is then an equally right answer.
 */
function recallWithTies(found: number[], packed: Float32Array, dim: number, q: Float32Array, kth: number): number {
  let right = 0;
  for (const id of found) {
    let dot = 0;
    for (let j = 0; j < dim; j++) dot += packed[id * dim + j]! * q[j]!;
    if (dot >= kth - 1e-6) right++;
  }
  return right;
}

/**
 * HNSW recall@10 of the current generation's passage graph against exact search over the same
 * vectors, at the configured efSearch and at `efSearch`, for the embedded `questions`.
 */
export async function measureRecall(config: Config, questions: string[], efSearch: number[]): Promise<{ recall: RecallResult[]; exactMsPerQuery: number }> {
  // Exact search needs the vectors themselves: read them from the index, with SIF's component removed as at query time.
  const indexDir = resolveDir(config.INDEX_DIR);
  const index = readIndex(indexDir, { efSearch: config.HNSW_EF_SEARCH, rawVectors: true });
  const dim = index.manifest.embedder.dim;
  const component = index.manifest.embedder.commonComponent ? Float32Array.from(index.manifest.embedder.commonComponent) : null;
  const packed = new Float32Array(index.rawVectors.length * dim);
  index.rawVectors.forEach((v, i) => packed.set(component ? removeComponent(v, component) : v, i * dim));
  const embedder = await createEmbedder(config);
  const raw = await embedder.embed(questions, 'query');
  const queries = raw.map((v) => (component ? removeComponent(v, component) : v)).filter((v) => v.some((x) => x !== 0));

  // Each search is timed after a warm-up pass over a few queries, so that JIT compilation is not counted.
  for (const q of queries.slice(0, 20)) exactSearch(packed, dim, q, 10);
  let t = performance.now();
  const exact = queries.map((q) => exactSearch(packed, dim, q, 10));
  const exactMsPerQuery = (performance.now() - t) / queries.length;
  const kth = exact.map((hits) => hits[hits.length - 1]?.score ?? -Infinity);

  const recall: RecallResult[] = [];
  for (const ef of [...new Set([config.HNSW_EF_SEARCH, ...efSearch])].sort((a, b) => a - b)) {
    const graph = readPassageGraph(index, ef);
    for (const q of queries.slice(0, 20)) graph.search(q, 10);
    t = performance.now();
    const found = queries.map((q) => graph.search(q, 10).map((h) => h.id));
    const hnswMsPerQuery = (performance.now() - t) / queries.length;
    let hits = 0;
    found.forEach((ids, i) => (hits += recallWithTies(ids, packed, dim, queries[i]!, kth[i]!)));
    recall.push({ efSearch: ef, recall10: hits / (queries.length * 10), hnswMsPerQuery });
  }
  return { recall, exactMsPerQuery };
}

export async function benchServe(config: Config, questions: BenchQuestion[], options: { warmup: number; efSearch: number[] }): Promise<ServeResult> {
  let t = performance.now();
  const sitrep = await openSitrep(config);
  const loadSeconds = (performance.now() - t) / 1000;

  for (const q of questions.slice(0, options.warmup)) await sitrep.answer(q.question);
  const ms: number[] = [];
  let answered = 0;
  let right = 0;
  for (const q of questions) {
    t = performance.now();
    const a = await sitrep.answer(q.question);
    ms.push(performance.now() - t);
    if (!a.abstained) answered++;
    if (a.answer && containsAnyAnswer(a.answer.text, q.answers)) right++;
  }
  const asOfMs: number[] = [];
  let rightAsOf = 0;
  for (const q of questions) {
    t = performance.now();
    const a = await sitrep.answer(q.question, { asOf: q.published });
    asOfMs.push(performance.now() - t);
    if (a.answer && containsAnyAnswer(a.answer.text, q.answers)) rightAsOf++;
  }
  const peakRssMiB = mib();

  const { recall, exactMsPerQuery } = await measureRecall(config, questions.map((q) => q.question), options.efSearch);
  return {
    loadSeconds,
    questions: questions.length,
    latencyMs: latencySummary(ms),
    asOfLatencyMs: latencySummary(asOfMs),
    answered: answered / questions.length,
    accuracy: right / questions.length,
    asOfAccuracy: rightAsOf / questions.length,
    peakRssMiB,
    recall,
    configuredEfSearch: config.HNSW_EF_SEARCH,
    exactMsPerQuery,
  };
}
