/**
 * One benchmark phase in a process of its own (so that its peak RSS is its own):
 * `node --import tsx src/bench/worker.ts <job.json> <result.json>`.
 */
import fs from 'node:fs';
import { loadConfig } from '../config.js';
import { benchBuild, benchServe, benchUpdate } from './phases.js';
import type { BenchQuestion } from './corpus.js';

export interface WorkerJob {
  phase: 'build' | 'serve' | 'add' | 'remove';
  env: Record<string, string>;
  questions?: BenchQuestion[];
  warmup?: number;
  efSearch?: number[];
}

const [jobFile, resultFile] = process.argv.slice(2);
const job = JSON.parse(fs.readFileSync(jobFile!, 'utf8')) as WorkerJob;
const config = loadConfig({ ...process.env, ...job.env });
const result =
  job.phase === 'build'
    ? await benchBuild(config)
    : job.phase === 'add' || job.phase === 'remove'
      ? await benchUpdate(config)
      : await benchServe(config, job.questions ?? [], { warmup: job.warmup ?? 20, efSearch: job.efSearch ?? [] });
fs.writeFileSync(resultFile!, JSON.stringify(result));
