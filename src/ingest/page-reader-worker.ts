/**
 * The worker thread that reads fetched pages for `createPageReader` (page-reader.ts): one request
 * at a time, `{ id, html, requested, finalUrl, hints }` in, `{ id, result }` out. It says `ready`
 * once its modules are loaded, so the time a page is given does not include the thread's start.
 */
import { parentPort } from 'node:worker_threads';
import { readPage } from './read-page.js';
import type { ItemHints } from './types.js';

export interface PageRequest {
  id: number;
  html: string;
  requested: string;
  finalUrl: string;
  hints?: ItemHints;
}

const port = parentPort;
if (port) {
  port.on('message', (m: PageRequest) => {
    port.postMessage({ id: m.id, result: readPage(m.html, m.requested, m.finalUrl, m.hints) });
  });
  port.postMessage({ ready: true });
}
