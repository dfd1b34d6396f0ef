/**
 * One benchmark phase in a process of its own (so that its peak RSS is its own):
 * `node --import tsx src/bench/worker.ts <job.json> <result.json>`.
 */
import fs from 'node:fs';
import { loadConfig } from '../config.js';
import { benchAddFile, benchAdds, benchRemove, watchForArticle } from './live.js';
import { benchBuild, benchServe, benchUpdate } from './phases.js';
import type { BenchQuestion } from './corpus.js';

export interface WorkerJob {
  phase: 'build' | 'serve' | 'add' | 'remove' | 'add-file' | 'watch' | 'adds';
  env: Record<string, string>;
  questions?: BenchQuestion[];
  warmup?: number;
  efSearch?: number[];
  /** `remove`: what to remove; `add-file`: the file to add. */
  input?: string;
  /** `watch`: the question to ask, and the title of the article that must answer it. */
  question?: string;
  title?: string;
  /** `adds`: the files to move into the corpus, one incremental build each. */
  addFiles?: string[];
}

const [jobFile, resultFile] = process.argv.slice(2);
const job = JSON.parse(fs.readFileSync(jobFile!, 'utf8')) as WorkerJob;
const config = loadConfig({ ...process.env, ...job.env });
const questions = (job.questions ?? []).map((q) => q.question);
const result = await (() => {
  switch (job.phase) {
    case 'build':
      return benchBuild(config);
    case 'add':
      return benchUpdate(config);
    case 'remove':
      return benchRemove(config, job.input!);
    case 'add-file':
      return benchAddFile(config, job.input!);
    case 'watch':
      // The parent starts the add once this process answers from the index it opened.
      return watchForArticle(config, job.question!, job.title!, () => process.send?.('ready'));
    case 'adds':
      return benchAdds(config, job.addFiles ?? [], questions, job.efSearch ?? []);
    case 'serve':
      return benchServe(config, job.questions ?? [], { warmup: job.warmup ?? 20, efSearch: job.efSearch ?? [] });
  }
})();
fs.writeFileSync(resultFile!, JSON.stringify(result));
// The watcher's IPC channel would keep the process alive.
process.exit(0);
