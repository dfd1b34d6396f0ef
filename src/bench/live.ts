/**
 * The benchmark's live-corpus phases: removing one article as `npm run remove` does, a bot in
 * another process answering from an article added while it runs, and the passage graph's recall
 * after many incremental adds.
 */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { resolveDir, type Config } from '../config.js';
import { createEmbedder } from '../embed/index.js';
import { addInputs, removeArticle } from '../ingest/index.js';
import { IndexKeeper } from '../bot/index-keeper.js';
import { createLogger } from '../bot/logger.js';
import { openSitrep } from '../sitrep.js';
import { buildIndex } from '../store/build.js';
import { currentGeneration } from '../store/generations.js';
import { folderBytes } from '../eval/workspace.js';
import { watchLoopStalls } from './loop-stalls.js';
import { bytesWritten, measureRecall, type RecallResult, type UpdateResult } from './phases.js';

const mib = () => process.resourceUsage().maxRSS / 1024;
const written = (before: number | null) => {
  const after = bytesWritten();
  return before === null || after === null ? null : after - before;
};

export interface RemoveResult extends UpdateResult {
  /** `removeArticle` alone: finding the article and taking it out of the corpus, before the build. */
  removeSeconds: number;
}

/** `npm run remove -- <input>` in a fresh process with the embedder loaded, as a running bot has it. */
export async function benchRemove(config: Config, input: string): Promise<RemoveResult> {
  const embedder = await createEmbedder(config);
  const before = bytesWritten();
  const t = performance.now();
  const outcome = await removeArticle(config, input);
  if (outcome.status !== 'removed') throw new Error(`the benchmark could not remove ${input}: ${outcome.reason}`);
  const removeSeconds = (performance.now() - t) / 1000;
  const summary = await buildIndex(config, { embedder });
  return {
    seconds: (performance.now() - t) / 1000,
    removeSeconds,
    bytesWritten: written(before),
    generationBytes: folderBytes(currentGeneration(resolveDir(config.INDEX_DIR))!),
    filesParsed: summary.filesParsed ?? summary.files,
    passages: summary.passages,
    peakRssMiB: mib(),
  };
}

export interface AddFileResult {
  /** Wall-clock time (ms since the epoch) the add started and the new generation was published. */
  startedAt: number;
  publishedAt: number;
  seconds: number;
  /** Of which `addInputs`: the corpus catalog read (for duplicates) and the article written. */
  corpusSeconds: number;
  bytesWritten: number | null;
}

/** `npm run add -- <file>`: the article copied into the corpus, then the incremental build. */
export async function benchAddFile(config: Config, file: string): Promise<AddFileResult> {
  // `npm run add` loads the embedder too (inside its build): it counts.
  const startedAt = Date.now();
  const embedder = await createEmbedder(config);
  const before = bytesWritten();
  const outcomes = await addInputs(config, [file]);
  if (!outcomes.some((o) => o.status === 'added')) throw new Error(`the benchmark could not add ${file}: ${JSON.stringify(outcomes)}`);
  const corpusSeconds = (Date.now() - startedAt) / 1000;
  await buildIndex(config, { embedder });
  const publishedAt = Date.now();
  return { startedAt, publishedAt, seconds: (publishedAt - startedAt) / 1000, corpusSeconds, bytesWritten: written(before) };
}

export interface WatcherResult {
  /** Wall-clock times (ms since the epoch): the swap to the new generation, and the first answer citing the new article. */
  swappedAt: number | null;
  answeredAt: number | null;
  /** Questions asked before that answer (one every ASK_EVERY_MS). */
  asked: number;
  /** The longest a single answer took while the watcher waited (the first, warming up, left out), ms. */
  slowestAnswerMs: number;
  /** The reload that swapped: its wall time, and the longest the event loop was held while it ran (ms); null when none swapped. */
  swapMs: number | null;
  swapStallMs: number | null;
  /** The first answer from the new index (it builds what the index's first questions need), ms; null when none came. */
  firstAnswerAfterSwapMs: number | null;
  /** The longest the event loop was held at any time while the watcher waited (answers included), ms. */
  longestStallMs: number;
}

/** How often the watcher asks its question, as a stream of users would. */
const ASK_EVERY_MS = 100;
const WATCH_TIMEOUT_MS = 180_000;

/**
 * A running bot's index path in this process: `openSitrep`, then an IndexKeeper watching `CURRENT`
 * at the bot's interval. Says `ready` to the parent, then asks `question` every ASK_EVERY_MS until
 * the answer quotes the article titled `title`.
 */
export async function watchForArticle(config: Config, question: string, title: string, ready: () => void): Promise<WatcherResult> {
  const sitrep = await openSitrep(config);
  const logger = createLogger({ LOG_LEVEL: 'silent', DISCORD_TOKEN: config.DISCORD_TOKEN }, { write: () => undefined });
  // The keeper's reloads, timed: the stall that counts is the one while the swap runs.
  let swap = null as { from: number; to: number } | null;
  const timed = {
    ...sitrep,
    async reload() {
      const from = performance.now();
      const swapped = await sitrep.reload();
      if (swapped) swap ??= { from, to: performance.now() };
      return swapped;
    },
  };
  const keeper = new IndexKeeper(timed, config, logger);
  let swappedAt: number | null = null;
  keeper.onSwap(() => (swappedAt ??= Date.now()));
  keeper.watch();
  const stalls = watchLoopStalls();
  ready();
  const end = Date.now() + WATCH_TIMEOUT_MS;
  let asked = 0;
  let slowestAnswerMs = 0;
  let firstAnswerAfterSwapMs: number | null = null;
  const result = (answeredAt: number | null): WatcherResult => ({
    swappedAt,
    answeredAt,
    asked,
    slowestAnswerMs,
    swapMs: swap && swap.to - swap.from,
    swapStallMs: swap && stalls.longestWithin(swap.from, swap.to),
    firstAnswerAfterSwapMs,
    longestStallMs: stalls.longest(),
  });
  try {
    while (Date.now() < end) {
      const t = performance.now();
      const answer = await sitrep.answer(question);
      // The first answer warms the JIT and caches up: not a figure of the wait.
      if (asked > 0) slowestAnswerMs = Math.max(slowestAnswerMs, performance.now() - t);
      if (swap && t >= swap.to && firstAnswerAfterSwapMs === null) firstAnswerAfterSwapMs = performance.now() - t;
      asked++;
      const cited = answer.answer ? answer.sources[answer.answer.citation - 1] : undefined;
      if (cited?.title === title) return result(Date.now());
      await new Promise((r) => setTimeout(r, ASK_EVERY_MS));
    }
    return result(null);
  } finally {
    keeper.stop();
    stalls.stop();
  }
}

export interface AddsResult {
  /** Passages before the adds, and after. */
  basePassages: number;
  passages: number;
  /** Incremental builds, each adding one file of new articles. */
  builds: number;
  /** The builds' times: total, and the slowest. */
  addSeconds: number;
  slowestAddSeconds: number;
  recall: RecallResult[];
  configuredEfSearch: number;
  exactMsPerQuery: number;
}

/**
 * Builds the index of the corpus as it is, then moves each of `addFiles` into it in turn, with an
 * incremental build after each (every new passage is an `addPoint` on the previous graph), and
 * measures recall@10 against exact search over every vector at the end.
 */
export async function benchAdds(config: Config, addFiles: string[], questions: string[], efSearch: number[]): Promise<AddsResult> {
  const embedder = await createEmbedder(config);
  const base = await buildIndex(config, { embedder });
  const corpusDir = resolveDir(config.CORPUS_DIR);
  let addSeconds = 0;
  let slowestAddSeconds = 0;
  let passages = base.passages;
  for (const file of addFiles) {
    fs.renameSync(file, path.join(corpusDir, path.basename(file)));
    const summary = await buildIndex(config, { embedder });
    if (summary.reused < base.passages) throw new Error('an incremental build re-embedded passages it held: the benchmark expects the graph to be extended');
    addSeconds += summary.seconds;
    slowestAddSeconds = Math.max(slowestAddSeconds, summary.seconds);
    passages = summary.passages;
  }
  const { recall, exactMsPerQuery } = await measureRecall(config, questions, efSearch);
  return { basePassages: base.passages, passages, builds: addFiles.length, addSeconds, slowestAddSeconds, recall, configuredEfSearch: config.HNSW_EF_SEARCH, exactMsPerQuery };
}
