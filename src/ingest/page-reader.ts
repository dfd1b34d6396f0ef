/**
 * Reading fetched pages off the main thread, with a time limit. A `Promise.race` on the same thread
 * cannot interrupt a parser that runs too long (a regular expression, Readability on a hostile
 * tree): the bot would stop answering meanwhile. Here pages go to a worker thread, one at a time,
 * and a worker still reading when its page's time is up is terminated; the page is refused with
 * that reason for good (a feed item is remembered as seen, not read again at every poll), and the
 * next page gets a fresh worker.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ParsedFeed } from './feeds.js';
import type { CandidateResult } from './page-article.js';
import type { ReaderRequest } from './page-reader-worker.js';
import type { ItemHints } from './types.js';

/** Reads the article in a fetched page. */
export type PageReader = (html: string, requested: string, finalUrl: string, hints?: ItemHints) => Promise<CandidateResult>;

/** A feed's items, or why it is not a feed (or could not be read in time). */
export type FeedResult = { ok: true; feed: ParsedFeed } | { ok: false; reason: string };

/** Reads the items of a fetched feed, at most `maxItems` of them (the newest). */
export type FeedReader = (xml: string, url: string, maxItems: number) => Promise<FeedResult>;

export interface PageReaderOptions {
  /** How long one page may take, from when the worker starts on it. Default PAGE_READ_MS. */
  timeoutMs?: number;
  /** How long a new worker may take to load its modules. Default START_MS. */
  startMs?: number;
}

/** A worker that has not loaded its modules by then never will: the page waiting on it fails (and is tried again later). */
export const START_MS = 30_000;

/** A 5 MB page (the most a fetch takes) of ordinary HTML reads in about 2 s here. */
export const PAGE_READ_MS = 5000;

export const timedOutReason = (ms: number) => `not an article: the page could not be read within ${ms / 1000} s`;
export const feedTimedOutReason = (ms: number) => `not a feed Sitrep can read: it could not be read within ${ms / 1000} s`;

/** The worker's entry; sources run as TypeScript get tsx's loader in the worker too. */
function startWorker(): Worker {
  const here = fileURLToPath(import.meta.url);
  if (!here.endsWith('.ts')) return new Worker(new URL('./page-reader-worker.js', import.meta.url));
  const entry = pathToFileURL(here.replace(/page-reader\.ts$/, 'page-reader-worker.ts')).href;
  // tsx's ESM API beside the CommonJS one it resolves to here; resolved from this file, not the cwd.
  const api = createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs');
  if (!fs.existsSync(api)) throw new Error(`cannot start the page reader: ${api} is missing`);
  const code = `import(${JSON.stringify(pathToFileURL(api).href)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); })`;
  return new Worker(code, { eval: true });
}

type Request = Omit<PageRequest, 'id'> | Omit<FeedRequest, 'id'>;

interface Job {
  request: Request;
  resolve: (result: CandidateResult | FeedResult) => void;
  reject: (err: Error) => void;
}

type PageRequest = Extract<ReaderRequest, { html: string }>;
type FeedRequest = Extract<ReaderRequest, { feed: unknown }>;

/**
 * A page reader with its own worker thread, started at the first page; `feed` reads feeds in the
 * same thread and under the same time limit (a feed of 8,000 items held the loop 0.2–0.4 s); `close`
 * ends it.
 */
export function createPageReader(options: PageReaderOptions = {}): PageReader & { feed: FeedReader; close: () => Promise<void> } {
  const timeoutMs = options.timeoutMs ?? PAGE_READ_MS;
  const startMs = options.startMs ?? START_MS;
  const waiting: Job[] = [];
  let worker: Worker | null = null;
  let ready = false;
  let busy: { job: Job; id: number; timer: NodeJS.Timeout } | null = null;
  let nextId = 1;

  const drop = (w: Worker) => {
    if (worker !== w) return;
    worker = null;
    ready = false;
    void w.terminate();
  };

  // An idle reader never keeps the process alive; one with pages to read must (a command-line run
  // has nothing else to wait on while the worker starts).
  const keepAliveWhileBusy = () => {
    if (!worker) return;
    if (busy || waiting.length > 0) worker.ref();
    else worker.unref();
  };

  const pump = () => {
    step();
    keepAliveWhileBusy();
  };

  const step = () => {
    if (busy || waiting.length === 0) return;
    if (!worker) {
      const w = startWorker();
      worker = w;
      const starting = setTimeout(() => fail(new Error(`it did not start within ${startMs / 1000} s`)), startMs);
      starting.unref();
      w.on('message', (m: { ready?: true; id?: number; result?: CandidateResult | FeedResult }) => {
        if (m.ready) {
          clearTimeout(starting);
          ready = true;
          return pump();
        }
        if (!busy || m.id !== busy.id || !m.result) return;
        const { job, timer } = busy;
        clearTimeout(timer);
        busy = null;
        job.resolve(m.result);
        pump();
      });
      const fail = (err: Error) => {
        clearTimeout(starting);
        if (worker !== w) return;
        drop(w);
        // Not the page's fault as far as anyone can tell (the thread could not start, ran out of
        // memory): an error, which a feed counts as passing and tries again.
        const job = busy?.job ?? waiting.shift();
        if (busy) clearTimeout(busy.timer);
        busy = null;
        job?.reject(new Error(`the page reader stopped (${err.message})`));
        pump();
      };
      w.on('error', fail);
      w.on('exit', (code) => fail(new Error(`exit code ${code}`)));
      return;
    }
    if (!ready) return;
    const job = waiting.shift()!;
    const id = nextId++;
    const w = worker;
    const timer = setTimeout(() => {
      if (busy?.id !== id) return;
      busy = null;
      drop(w);
      job.resolve({ ok: false, reason: 'feed' in job.request ? feedTimedOutReason(timeoutMs) : timedOutReason(timeoutMs) });
      pump();
    }, timeoutMs);
    busy = { job, id, timer };
    w.postMessage({ id, ...job.request } satisfies ReaderRequest);
  };

  const submit = <T extends CandidateResult | FeedResult>(request: Request) =>
    new Promise<T>((resolve, reject) => {
      waiting.push({ request, resolve: resolve as Job['resolve'], reject });
      pump();
    });

  const read: PageReader = (html, requested, finalUrl, hints) => {
    const request: Omit<PageRequest, 'id'> = { html, requested, finalUrl };
    if (hints) request.hints = hints;
    return submit<CandidateResult>(request);
  };
  const feed: FeedReader = (xml, url, maxItems) => submit<FeedResult>({ feed: { xml, url, maxItems } });

  return Object.assign(read, {
    feed,
    close: async () => {
      const w = worker;
      worker = null;
      if (w) await w.terminate();
    },
  });
}

let shared: ReturnType<typeof createPageReader> | undefined;

/**
 * The process's page reader, started at its first page: every ingestion run reads fetched pages
 * with it unless given another (the bot's `/add` and feed polls, `npm run add`, `npm run ingest`).
 */
export function defaultPageReader(): PageReader {
  return (shared ??= createPageReader());
}

/** The process's feed reader: the same worker as `defaultPageReader`. */
export function defaultFeedReader(): FeedReader {
  return (shared ??= createPageReader()).feed;
}
