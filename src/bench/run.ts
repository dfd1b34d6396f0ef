/**
 * `npm run bench`: per corpus size, generate the synthetic corpus, build its index in one process
 * and serve it in another, and gather the figures.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createWorkspace } from '../eval/workspace.js';
import { writeBenchCorpus } from './corpus.js';
import type { BuildResult, ServeResult, UpdateResult } from './phases.js';
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
}

export interface SizeResult {
  size: number;
  articles: number;
  build: BuildResult;
  /** Re-indexing after one article is added to the built index, and after it is removed again. */
  add: UpdateResult;
  remove: UpdateResult;
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
    'A drone struck a fuel depot near the river port on Wednesday, officials said. Three guards were hurt.',
    '',
    'Fire crews worked through the night to contain the blaze. The depot supplied the power station.',
    '',
  ].join('\n'),
};

const WORKER = fileURLToPath(new URL('./worker.ts', import.meta.url));

function runWorker<T>(dir: string, job: WorkerJob): Promise<T> {
  const jobFile = path.join(dir, `${job.phase}-job.json`);
  const resultFile = path.join(dir, `${job.phase}-result.json`);
  fs.writeFileSync(jobFile, JSON.stringify(job));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WORKER, jobFile, resultFile], { stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code !== 0) return reject(new Error(`the ${job.phase} phase failed (${signal ?? `exit ${code}`})`));
      resolve(JSON.parse(fs.readFileSync(resultFile, 'utf8')) as T);
    });
  });
}

export async function runBench(options: BenchOptions): Promise<SizeResult[]> {
  const results: SizeResult[] = [];
  for (const size of options.sizes) {
    const ws = createWorkspace('sitrep-bench-');
    try {
      options.log(`${size} passages: writing the synthetic corpus in ${ws.root}`);
      const corpus = writeBenchCorpus(ws.corpusDir, size, options.questions);
      const env = { ...options.env, CORPUS_DIR: ws.corpusDir, INDEX_DIR: ws.indexDir };
      options.log(`${size} passages: building (${corpus.articles} articles)`);
      const build = await runWorker<BuildResult>(ws.root, { phase: 'build', env });
      // One article in a file of its own, as `npm run add` and the feeds write them.
      const added = path.join(ws.corpusDir, ADDED_ARTICLE.file);
      fs.writeFileSync(added, ADDED_ARTICLE.text);
      options.log(`${size} passages: re-indexing with one article added`);
      const add = await runWorker<UpdateResult>(ws.root, { phase: 'add', env });
      fs.rmSync(added);
      options.log(`${size} passages: re-indexing with it removed`);
      const remove = await runWorker<UpdateResult>(ws.root, { phase: 'remove', env });
      options.log(`${size} passages: serving ${corpus.questions.length} questions`);
      const serve = await runWorker<ServeResult>(ws.root, {
        phase: 'serve',
        env,
        questions: corpus.questions,
        warmup: options.warmup,
        efSearch: options.efSearch,
      });
      results.push({
        size,
        articles: corpus.articles,
        build,
        add,
        remove,
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
