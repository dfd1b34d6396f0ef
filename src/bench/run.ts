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
import type { BuildResult, ServeResult } from './phases.js';
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
  serve: ServeResult;
  /** The HNSW row at the configured efSearch. */
  configured: ServeResult['recall'][number];
  /** Passages per second of the whole build, and of the embedding step alone. */
  buildRate: number;
  embedRate: number;
}

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
