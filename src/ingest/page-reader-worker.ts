/**
 * The worker thread that reads fetched pages and feeds for `createPageReader` (page-reader.ts): one
 * request at a time, `{ id, html, requested, finalUrl, hints }` (a page) or `{ id, feed }` in,
 * `{ id, result }` out. It says `ready` once its modules are loaded, so the time a page is given
 * does not include the thread's start.
 */
import { parentPort } from 'node:worker_threads';
import { FeedFormatError, parseFeedItems } from './feeds.js';
import type { FeedResult } from './page-reader.js';
import { readPage } from './read-page.js';
import type { ItemHints } from './types.js';

export interface PageRequest {
  id: number;
  html: string;
  requested: string;
  finalUrl: string;
  hints?: ItemHints;
}

export interface FeedRequest {
  id: number;
  feed: { xml: string; url: string; maxItems: number };
}

export type ReaderRequest = PageRequest | FeedRequest;

function readFeedText({ xml, url, maxItems }: FeedRequest['feed']): FeedResult {
  try {
    return { ok: true, feed: parseFeedItems(xml, url, maxItems) };
  } catch (err) {
    if (err instanceof FeedFormatError) return { ok: false, reason: err.message };
    throw err;
  }
}

const port = parentPort;
if (port) {
  port.on('message', (m: ReaderRequest) => {
    port.postMessage({ id: m.id, result: 'feed' in m ? readFeedText(m.feed) : readPage(m.html, m.requested, m.finalUrl, m.hints) });
  });
  port.postMessage({ ready: true });
}
