/**
 * The worker thread that reads a whole build's incident reports for `readIncidentsInThread`
 * (incident-thread.ts): the articles come in `workerData`, the `ReportsUpdate` (or the error's
 * message) goes out in one message, and the thread ends.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Article } from '../corpus/types.js';
import type { ReportFilter, SentenceModel } from '../incidents/index.js';
import { updateIncidents, type ReportsUpdate } from './incident-reports.js';

export type IncidentThreadResult = { ok: true; update: ReportsUpdate } | { ok: false; message: string };

const { articles, reportFilter, sentenceModel } = workerData as { articles: Article[]; reportFilter: ReportFilter | null; sentenceModel: SentenceModel | null };
let result: IncidentThreadResult;
try {
  result = { ok: true, update: updateIncidents(articles, null, undefined, reportFilter, sentenceModel) };
} catch (err) {
  result = { ok: false, message: err instanceof Error ? err.message : String(err) };
}
parentPort!.postMessage(result);
