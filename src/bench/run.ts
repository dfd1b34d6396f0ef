/**
 * `npm run bench`: per corpus size, generate the synthetic corpus, build its index in one process
 * and serve it in another, and gather the figures.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createWorkspace } from '../eval/workspace.js';
import { writeBenchCorpus, type BenchCorpus } from './corpus.js';
import type { AddFileResult, AddsResult, RemoveResult, WatcherResult } from './live.js';
import type { BuildResult, ServeResult, UpdateResult } from './phases.js';
import { splitOwnCorpus, writeOwnCorpus, type OwnCorpus } from './real-corpus.js';
import type { WorkerJob } from './worker.js';

export interface BenchOptions {
  sizes: number[];
  questions: number;
  warmup: number;
  /** Extra efSearch values whose recall is measured besides the configured one. */
  efSearch: number[];
  /** Environment overrides for Sitrep (EMBEDDING_MODEL, HNSW_*, …). */
  env: Record<string, string>;
  keep: boolean;
  log: (line: string) => void;
  /**
   * Passages added by incremental builds before recall is measured again, per size (default: a
   * tenth of the size, at most 10,000); 0 skips that phase.
   */
  adds?: number;
  /** Incremental builds those passages are added in. Default 10. */
  addBatches?: number;
  /** A corpus folder and question file to bench instead of the synthetic sizes (`--corpus`). */
  corpus?: OwnCorpus;
}

/** What one column of the bench runs on: a synthetic corpus of a size, or a copy of a corpus folder. */
interface CorpusPlan {
  /** Passages asked for, or null for a corpus folder (the build counts them). */
  size: number | null;
  label: string;
  write(dir: string): BenchCorpus;
}

function corpusPlans(options: BenchOptions): CorpusPlan[] {
  const own = options.corpus;
  if (own) return [{ size: null, label: own.dir, write: (dir) => writeOwnCorpus(own, dir) }];
  return options.sizes.map((size) => ({ size, label: `${size} passages`, write: (dir) => writeBenchCorpus(dir, size, options.questions) }));
}

/** A bot in another process answering from an article added while it runs. */
export interface BotResult {
  /** From the start of the add (`npm run add`'s work, before its embedder loads) to the first answer citing the article. */
  addToAnswerSeconds: number | null;
  /** From the new generation's publication to that answer: the watch interval and the reload. */
  publishToAnswerSeconds: number | null;
  add: AddFileResult;
  watcher: WatcherResult;
}

export interface SizeResult {
  size: number;
  /** The corpus folder benched instead of a synthetic corpus (`--corpus`). */
  corpus?: string;
  articles: number;
  build: BuildResult;
  /** Re-indexing after one article is added to the built index, and after it is removed again. */
  add: UpdateResult;
  /** `npm run remove` of that article (by its corpus file), then the build. */
  remove: RemoveResult;
  bot: BotResult;
  /** Recall after many incremental adds (a corpus of its own); null when skipped. */
  adds: AddsResult | null;
  serve: ServeResult;
  /** The HNSW row at the configured efSearch. */
  configured: ServeResult['recall'][number];
  /** Passages per second of the whole build, and of the embedding step alone. */
  buildRate: number;
  embedRate: number;
}

/** The article added to a built index, to time an update. */
const ADDED_ARTICLE = {
  file: 'bench-added-article.md',
  text: [
    '---',
    'title: Drone strike on a fuel depot',
    `source: ${JSON.stringify('Synthetic (benchmark)')}`,
    'published: 2024-05-02',
    '---',
    '',
    'A drone struck a fuel depot near the river port of Veldmarsk on Wednesday, officials said. Three guards were hurt.',
    '',
    'Fire crews worked through the night to contain the blaze. The depot supplied the power station.',
    '',
  ].join('\n'),
};

/**
 * A question only the added article answers, and its title. It names the article's invented port:
 * the synthetic corpus tells of drones striking fuel depots and guards hurt thousands of times at a
 * million passages, where a question without a name of its own was answered from another article.
 */
const ADDED_QUESTION = 'How many guards were hurt when a drone struck the fuel depot at Veldmarsk?';
const ADDED_TITLE = 'Drone strike on a fuel depot';

const WORKER = fileURLToPath(new URL('./worker.ts', import.meta.url));

/** Starts a phase's process; `ready` resolves when it says so (over IPC), `done` with its result. */
function startWorker<T>(dir: string, job: WorkerJob): { ready: Promise<void>; done: Promise<T> } {
  const jobFile = path.join(dir, `${job.phase}-job.json`);
  const resultFile = path.join(dir, `${job.phase}-result.json`);
  fs.writeFileSync(jobFile, JSON.stringify(job));
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER, jobFile, resultFile], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let failed: (err: Error) => void = () => undefined;
  const ready = new Promise<void>((resolve, reject) => {
    failed = reject;
    child.on('message', (m) => m === 'ready' && resolve());
  });
  const done = new Promise<T>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code !== 0) {
        const err = new Error(`the ${job.phase} phase failed (${signal ?? `exit ${code}`})`);
        failed(err);
        return reject(err);
      }
      resolve(JSON.parse(fs.readFileSync(resultFile, 'utf8')) as T);
    });
  });
  ready.catch(() => undefined);
  return { ready, done };
}

const runWorker = <T>(dir: string, job: WorkerJob): Promise<T> => startWorker<T>(dir, job).done;

/** The time from `from` to `to` in seconds, or null when `to` never came. */
const secondsBetween = (from: number, to: number | null) => (to === null ? null : (to - from) / 1000);

/**
 * A bot's index path in another process, answering a question every 100 ms, while `npm run add`'s
 * work adds the article that answers it.
 */
async function benchBot(root: string, env: Record<string, string>, article: string): Promise<BotResult> {
  const watcher = startWorker<WatcherResult>(root, { phase: 'watch', env, question: ADDED_QUESTION, title: ADDED_TITLE });
  await watcher.ready;
  const add = await runWorker<AddFileResult>(root, { phase: 'add-file', env, input: article });
  const watched = await watcher.done;
  return {
    addToAnswerSeconds: secondsBetween(add.startedAt, watched.answeredAt),
    publishToAnswerSeconds: secondsBetween(add.publishedAt, watched.answeredAt),
    add,
    watcher: watched,
  };
}

/**
 * Recall after `adds` passages are added by incremental builds: a corpus of its own (a synthetic
 * one's first `size - adds` passages, or a corpus folder but for about `adds` passages' worth of
 * its JSON Lines articles), built whole, then the rest (synthetic ones of another seed, or the
 * folder's articles held back) written as `batches` JSONL files added one by one.
 */
async function benchAddsPhase(plan: CorpusPlan, size: number, options: BenchOptions, adds: number, efSearch: number[]): Promise<AddsResult> {
  const ws = createWorkspace('sitrep-bench-adds-');
  try {
    const { base, lines } = plan.size === null ? splitOwnCorpus(options.corpus!, ws.corpusDir, adds / size) : syntheticAdds(ws, plan.size, adds, options.questions);
    const incoming = path.join(ws.root, 'incoming');
    fs.mkdirSync(incoming);
    const batches = Math.max(1, Math.min(options.addBatches ?? 10, lines.length));
    const per = Math.ceil(lines.length / batches);
    const addFiles: string[] = [];
    for (let b = 0; b * per < lines.length; b++) {
      const file = path.join(incoming, `added-${String(b + 1).padStart(3, '0')}.jsonl`);
      fs.writeFileSync(file, `${lines.slice(b * per, (b + 1) * per).join('\n')}\n`);
      addFiles.push(file);
    }
    const env = { ...options.env, CORPUS_DIR: ws.corpusDir, INDEX_DIR: ws.indexDir };
    options.log(`${plan.label}: recall after ${lines.length} articles added in ${addFiles.length} incremental builds`);
    return await runWorker<AddsResult>(ws.root, { phase: 'adds', env, addFiles, questions: base.questions, efSearch });
  } finally {
    if (options.keep) options.log(`kept ${ws.root}`);
    else ws.dispose();
  }
}

/** A synthetic corpus of `size - adds` passages, and the JSONL lines of `adds` more of another seed (other incidents, as a day of feeds would bring), with questions about both. */
function syntheticAdds(ws: { root: string; corpusDir: string }, size: number, adds: number, questions: number): { base: BenchCorpus; lines: string[] } {
  const base = writeBenchCorpus(ws.corpusDir, size - adds, questions);
  const drafts = path.join(ws.root, 'drafts');
  fs.mkdirSync(drafts);
  const added = writeBenchCorpus(drafts, adds, Math.max(1, Math.round(questions / 10)), { seed: 29 });
  const lines = fs.readdirSync(drafts).sort().flatMap((n) => fs.readFileSync(path.join(drafts, n), 'utf8').split('\n').filter((l) => l !== ''));
  return { base: { ...base, questions: [...base.questions, ...added.questions] }, lines };
}

export async function runBench(options: BenchOptions): Promise<SizeResult[]> {
  const results: SizeResult[] = [];
  for (const plan of corpusPlans(options)) {
    const ws = createWorkspace('sitrep-bench-');
    const { label } = plan;
    try {
      options.log(`${label}: writing the corpus in ${ws.root}`);
      const corpus = plan.write(ws.corpusDir);
      const env = { ...options.env, CORPUS_DIR: ws.corpusDir, INDEX_DIR: ws.indexDir };
      options.log(`${label}: building${corpus.articles ? ` (${corpus.articles} articles)` : ''}`);
      const build = await runWorker<BuildResult>(ws.root, { phase: 'build', env });
      // One article in a file of its own, as `npm run add` and the feeds write them.
      const added = path.join(ws.corpusDir, ADDED_ARTICLE.file);
      fs.writeFileSync(added, ADDED_ARTICLE.text);
      options.log(`${label}: re-indexing with one article added`);
      const add = await runWorker<UpdateResult>(ws.root, { phase: 'add', env });
      options.log(`${label}: npm run remove of it, and re-indexing`);
      const remove = await runWorker<RemoveResult>(ws.root, { phase: 'remove', env, input: ADDED_ARTICLE.file });
      options.log(`${label}: a bot in another process answering from the article added again`);
      const incoming = path.join(ws.root, ADDED_ARTICLE.file);
      fs.writeFileSync(incoming, ADDED_ARTICLE.text);
      const bot = await benchBot(ws.root, env, incoming);
      options.log(`${label}: serving ${corpus.questions.length} questions`);
      const serve = await runWorker<ServeResult>(ws.root, {
        phase: 'serve',
        env,
        questions: corpus.questions,
        warmup: options.warmup,
        efSearch: options.efSearch,
      });
      const size = plan.size ?? build.passages;
      const addCount = options.adds ?? Math.min(10_000, Math.floor(size / 10));
      const adds = addCount > 0 ? await benchAddsPhase(plan, size, options, addCount, options.efSearch) : null;
      results.push({
        size,
        ...(plan.size === null ? { corpus: label } : {}),
        articles: corpus.articles || build.articles,
        build,
        add,
        remove,
        bot,
        adds,
        serve,
        configured: serve.recall.find((r) => r.efSearch === serve.configuredEfSearch)!,
        buildRate: build.passages / build.buildSeconds,
        embedRate: build.passages / build.embedSeconds,
      });
    } finally {
      if (options.keep) options.log(`kept ${ws.root}`);
      else ws.dispose();
    }
  }
  return results;
}
