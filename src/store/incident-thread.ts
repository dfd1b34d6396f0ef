/**
 * A whole build's incident reports read in a worker thread, while the build embeds its passages on
 * its own: the reading is all JavaScript on one core, as the embedding is, so on a machine with a
 * second core the build waits only for what is left of it when the embedding is done. Only a build
 * that reads every article's reports afresh and has many of them does so; an update that reads a few
 * articles, or a small corpus, reads them where it is (`updateIncidents`): a thread's start and the
 * copy of the articles would cost more than they save.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Article } from '../corpus/types.js';
import type { ReportFilter, SentenceModel } from '../incidents/index.js';
import { updateIncidents, type ReportsUpdate } from './incident-reports.js';
import type { IncidentThreadResult } from './incident-worker.js';

/** Articles to read below which a build reads them where it is. */
export const THREAD_MIN_ARTICLES = 2_000;

/** The worker's entry; sources run as TypeScript get tsx's loader in the worker too. */
function startWorker(articles: Article[], reportFilter: ReportFilter | null, sentenceModel: SentenceModel | null): Worker {
  const here = fileURLToPath(import.meta.url);
  const workerData = { articles, reportFilter, sentenceModel };
  if (!here.endsWith('.ts')) return new Worker(new URL('./incident-worker.js', import.meta.url), { workerData });
  const entry = pathToFileURL(here.replace(/incident-thread\.ts$/, 'incident-worker.ts')).href;
  // tsx's ESM API beside the CommonJS one it resolves to here; resolved from this file, not the cwd.
  const api = createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs');
  if (!fs.existsSync(api)) throw new Error(`cannot start the incident reader: ${api} is missing`);
  const code = `import(${JSON.stringify(pathToFileURL(api).href)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); })`;
  return new Worker(code, { eval: true, workerData });
}

/**
 * Every article's reports read afresh and grouped (`updateIncidents(articles, null)`), in a worker
 * thread. A thread that cannot start, fails or ends without an answer costs nothing but time: the
 * reports are then read here, so that a build never loses them.
 */
export function readIncidentsInThread(articles: Article[], reportFilter: ReportFilter | null = null, sentenceModel: SentenceModel | null = null): Promise<ReportsUpdate> {
  const here = () => updateIncidents(articles, null, undefined, reportFilter, sentenceModel);
  let worker: Worker;
  try {
    worker = startWorker(articles, reportFilter, sentenceModel);
  } catch {
    return Promise.resolve().then(here);
  }
  return new Promise<ReportsUpdate>((resolve, reject) => {
    let settled = false;
    const settle = (take: () => ReportsUpdate) => {
      if (settled) return;
      settled = true;
      try {
        resolve(take());
      } catch (err) {
        reject(err as Error);
      }
    };
    worker.once('message', (result: IncidentThreadResult) => {
      // An error of the reading itself is the build's error, as it would be read here.
      if (result.ok) settle(() => result.update);
      else settle(() => {
        throw new Error(`Sitrep: reading the incident reports failed: ${result.message}`);
      });
    });
    worker.once('error', () => settle(here));
    worker.once('exit', () => settle(here));
  });
}
