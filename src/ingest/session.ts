/**
 * One ingestion run: the corpus catalog and the state file loaded once, inputs fetched a few at a
 * time, and each one decided and written one after another so that two copies of a story are still
 * caught. Runs in one process go on at the same time (an `/add` does not wait for a feed poll's
 * fetches): runs open together on the same corpus share one catalog, one state and one queue of
 * decisions. Between processes (two `npm run add`, cron and the bot, two shards), each decision and
 * each state save holds the corpus writer lock (`.sitrep-writer.lock` in the corpus folder): the
 * catalog first reads the files another process added since (so one story is stored once), and the
 * state is merged with what the file holds (so no process's feeds or URLs are lost). Each run saves
 * the state at its end.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { resolveDir, type Config } from '../config.js';
import { readCorpusFile } from '../corpus/index.js';
import { withFileLock, type HeldLock } from '../corpus/file-lock.js';
import { addNewFiles, loadCatalog, type CatalogEntry, type CorpusCatalog, type Match } from './catalog.js';
import { isHtml } from './content-type.js';
import { CREDENTIALS_REFUSED, hasCredentials, withoutCredentials } from './credentials.js';
import { addAlsoAt, writeNewArticle } from './corpus-writer.js';
import { FetchError } from './errors.js';
import { fetcherFromConfig, type Fetcher } from './fetch.js';
import type { Candidate, CandidateResult } from './page-article.js';
import { defaultFeedReader, defaultPageReader, type FeedReader, type PageReader } from './page-reader.js';
import { prepareArticle } from './read-page.js';
import { baseOf, mergeState, readState, writeState, type IngestState, type StateBase } from './state.js';
import type { ItemHints, Outcome } from './types.js';

export interface IngestOptions {
  /** Default: a fetcher with the configured deadline and address allowance. */
  fetcher?: Fetcher;
  /** Problems that cost nothing but deserve a word (a damaged state file). */
  onWarning?: (message: string) => void;
  /** Inputs fetched at the same time. Default 4 (and at most 2 per host, by the fetcher). */
  concurrency?: number;
  /** Reads fetched pages. Default: the process's worker thread, with a time limit (page-reader.ts). */
  readPage?: PageReader;
  /** Reads fetched feeds. Default: the same worker thread (page-reader.ts). */
  readFeed?: FeedReader;
}

/** An input that looks like a URL (`scheme://…`) is fetched; anything else is a local path. */
export const looksLikeUrl = (input: string) => /^[a-z][a-z0-9+.-]*:\/\//i.test(input.trim());

/** What the runs open on one corpus and state file share: the only writer of both in this process. */
interface Shared {
  corpusDir: string;
  state: IngestState;
  /** The state as the file last held it (read or written here): what another process changed since shows against it. */
  base: StateBase;
  catalog: CorpusCatalog;
  /** Decisions and state saves, one at a time, across every run open on it. */
  queue: Promise<unknown>;
  /** The token of this run's last holding of the writer lock after which the catalog was complete. */
  syncedAt: string | null;
}

/** The lock every writer of a corpus folder (and of its state file) holds while it decides and writes. */
export const WRITER_LOCK = '.sitrep-writer.lock';
/** Each holder keeps the writer lock for one article's write; a minute of waiting means something is wrong. */
const WRITER_WAIT_MS = 60_000;

/**
 * Runs `fn` holding the corpus writer lock. `othersWrote` is true when another process (or another
 * shared catalog) held it since the catalog was last complete: files may have been added since.
 */
function asWriter<T>(shared: Shared, fn: (othersWrote: boolean, held: HeldLock) => Promise<T>): Promise<T> {
  return withFileLock(path.join(shared.corpusDir, WRITER_LOCK), { waitMs: WRITER_WAIT_MS }, (held) => fn(held.previousToken !== shared.syncedAt, held));
}

/** By corpus folder and state file; an entry lives while a run is open on it (saving included). */
const open = new Map<string, { shared: Promise<Shared>; runs: number }>();

function acquire(key: string, load: () => Promise<Shared>): { shared: Promise<Shared>; release: () => void } {
  let entry = open.get(key);
  if (!entry) {
    const created = { shared: load(), runs: 0 };
    // A failed load is not kept: the next run tries again.
    created.shared.catch(() => open.get(key) === created && open.delete(key));
    open.set(key, created);
    entry = created;
  }
  const held = entry;
  held.runs++;
  return {
    shared: held.shared,
    // The last run to close lets the catalog go: the next run reads the corpus afresh.
    release: () => void (--held.runs === 0 && open.get(key) === held && open.delete(key)),
  };
}

/**
 * Saves the state; a failure (a full disk) is a warning, not the run's outcome. The articles are
 * already in the corpus and must still be indexed: losing the state costs only re-reading feeds.
 */
async function saveState(file: string, shared: Shared, onWarning?: (message: string) => void): Promise<void> {
  try {
    await asWriter(shared, async (othersWrote, held) => {
      // Read, merged and written under the lock: another process's save in between is kept.
      mergeState(shared.state, shared.base, await readState(file, onWarning));
      await writeState(file, shared.state);
      shared.base = baseOf(shared.state);
      if (!othersWrote) shared.syncedAt = held.token;
    });
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    onWarning?.(`the ingestion state could not be saved (${reason}); feeds may be read again, duplicates are still recognised`);
  }
}

/** Runs `fn` after every other step queued on `shared`. */
function inTurn<T>(shared: Shared, fn: () => Promise<T>): Promise<T> {
  const run = shared.queue.then(fn, fn);
  shared.queue = run.catch(() => undefined);
  return run;
}

export class IngestSession {
  private constructor(
    readonly config: Config,
    readonly fetcher: Fetcher,
    private readonly shared: Shared,
    private readonly concurrency: number,
    private readonly reader: PageReader,
    readonly readFeed: FeedReader,
  ) {}

  /** The state file's contents, shared with the other runs open on the same corpus. */
  get state(): IngestState {
    return this.shared.state;
  }

  private get catalog(): CorpusCatalog {
    return this.shared.catalog;
  }

  /**
   * Opens a session, runs `fn` with it, saves the state. Runs open at the same time share the
   * catalog, the state and the queue of decisions (the corpus is read once, when the first opens).
   */
  static async run<T>(config: Config, options: IngestOptions, fn: (session: IngestSession) => Promise<T>): Promise<T> {
    const stateFile = resolveDir(config.INGEST_STATE_FILE);
    const corpusDir = resolveDir(config.CORPUS_DIR);
    const key = `${corpusDir}\0${stateFile}`;
    const { shared: opening, release } = acquire(key, async () => {
      const state = await readState(stateFile, options.onWarning);
      const catalog = await loadCatalog(corpusDir, { maxFileBytes: config.MAX_FILE_BYTES, alsoAt: state.alsoAt });
      return { corpusDir, state, base: baseOf(state), catalog, queue: Promise.resolve(), syncedAt: null };
    });
    try {
      const shared = await opening;
      const session = new IngestSession(config, options.fetcher ?? fetcherFromConfig(config), shared, options.concurrency ?? 4, options.readPage ?? defaultPageReader(), options.readFeed ?? defaultFeedReader());
      try {
        return await fn(session);
      } finally {
        await inTurn(shared, () => saveState(stateFile, shared, options.onWarning));
      }
    } finally {
      release();
    }
  }

  /** Each input (URL or local path) in order, a few fetched at a time; one outcome per article. */
  async addAll(inputs: Array<{ input: string; hints?: ItemHints }>): Promise<Outcome[]> {
    const results: Outcome[][] = new Array(inputs.length);
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < inputs.length; i = next++) {
        const { input, hints } = inputs[i]!;
        try {
          results[i] = looksLikeUrl(input) ? [await this.addUrl(input.trim(), hints)] : await this.addPath(input);
        } catch (err) {
          // A failure of one input (a full disk, a parser bug) is its own outcome; the others go on.
          results[i] = [{ status: 'skipped', input, reason: `failed: ${(err as Error).message}`, transient: true }];
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, inputs.length) }, worker));
    return results.flat();
  }

  async addUrl(url: string, hints?: ItemHints): Promise<Outcome> {
    if (hasCredentials(url)) return { status: 'skipped', input: withoutCredentials(url), reason: CREDENTIALS_REFUSED, transient: false };
    // Known at this URL already: no request at all (a feed read again re-lists what the corpus holds).
    const known = this.catalog.findByUrl([url]);
    if (known) return duplicate(url, known);
    let result: CandidateResult;
    try {
      const fetched = await this.fetcher.fetch(url);
      result = isHtml(fetched.mime)
        ? await this.reader(fetched.text, url, fetched.url, hints)
        : { ok: false, reason: 'not an article: this is a feed (XML); add it to FEEDS to follow it' };
    } catch (err) {
      if (!(err instanceof FetchError)) throw err;
      return { status: 'skipped', input: url, reason: err.message, transient: err.transient };
    }
    if (!result.ok) return { status: 'skipped', input: url, reason: result.reason, transient: false };
    return this.decide(url, result.candidate);
  }

  /** A local file in any corpus format; a JSONL file may hold several articles. */
  async addPath(input: string): Promise<Outcome[]> {
    const abs = path.resolve(input);
    let size: number;
    try {
      const stats = await fs.stat(abs);
      if (!stats.isFile()) return [{ status: 'skipped', input, reason: 'not a file', transient: false }];
      size = stats.size;
    } catch (err) {
      return [{ status: 'skipped', input, reason: `cannot read file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`, transient: false }];
    }
    // The loader's own reading: the size limit holds for the file, or for each line of a JSONL file.
    const parsed = await readCorpusFile(abs, path.basename(abs), { maxFileBytes: this.config.MAX_FILE_BYTES, size });
    const outcomes: Outcome[] = parsed.skipped.map((s) => ({
      status: 'skipped' as const,
      input: s.line ? `${input}:${s.line}` : input,
      reason: s.reason,
      transient: false,
    }));
    for (const a of parsed.articles) {
      if (a.url && hasCredentials(a.url)) {
        outcomes.push({ status: 'skipped', input: a.line ? `${input}:${a.line}` : input, reason: `its url is ${CREDENTIALS_REFUSED}`, transient: false });
        continue;
      }
      const meta = { title: a.title, source: a.source, published: a.published, url: a.url };
      outcomes.push(await this.decide(a.line ? `${input}:${a.line}` : input, { meta, body: a.text, urls: a.url ? [a.url] : [] }));
    }
    return outcomes;
  }

  /** Duplicate or new, decided and written one at a time. */
  private decide(input: string, candidate: Candidate): Promise<Outcome> {
    return inTurn(this.shared, () => this.decideNow(input, candidate));
  }

  private async decideNow(input: string, c: Candidate): Promise<Outcome> {
    const known = this.catalog.findByUrl(c.urls);
    if (known) return duplicate(input, known);

    // The article as the loader will read it back: its id is the content hash duplicates are judged by.
    const { slug, content, article, refused } = c.prepared ?? prepareArticle(c);
    if (!article) return { status: 'skipped', input, reason: refused ?? 'no text after cleaning', transient: false };

    const corpusDir = resolveDir(this.config.CORPUS_DIR);
    return asWriter(this.shared, async (othersWrote, held) => {
      if (othersWrote) await addNewFiles(this.catalog, corpusDir, { maxFileBytes: this.config.MAX_FILE_BYTES, alsoAt: this.state.alsoAt });
      this.shared.syncedAt = held.token;

      const byUrl = this.catalog.findByUrl(c.urls);
      if (byUrl) return duplicate(input, byUrl);
      const byContent = this.catalog.findById(article.id);
      if (byContent) {
        await this.rememberUrls(byContent.entry, c.urls);
        return duplicate(input, byContent);
      }

      const file = await writeNewArticle(corpusDir, slug, content);
      const entry: CatalogEntry = { file, title: article.title };
      if (article.source) entry.source = article.source;
      if (article.published) entry.published = article.published;
      if (article.url) entry.url = article.url;
      this.catalog.files.add(file);
      this.catalog.add(entry, article.id, c.urls);
      return { status: 'added', input, ...entry };
    });
  }

  /** The same story at another URL: kept in the file's `also_at` when it is Markdown, else in the state file. */
  private async rememberUrls(entry: CatalogEntry, urls: string[]): Promise<void> {
    const fresh = urls.filter((u) => !this.catalog.findByUrl([u]));
    if (fresh.length === 0) return;
    this.catalog.addUrls(entry, fresh);
    const isMarkdown = /\.(md|markdown)$/i.test(entry.file);
    if (isMarkdown && (await addAlsoAt(path.join(resolveDir(this.config.CORPUS_DIR), entry.file), fresh).catch(() => false))) return;
    const list = (this.state.alsoAt[entry.file] ??= []);
    for (const u of fresh) if (!list.includes(u)) list.push(u);
  }
}

function duplicate(input: string, match: Match): Outcome {
  const { file, title, source, published } = match.entry;
  const out: Outcome = { status: 'duplicate', input, file, title, by: match.by };
  if (source) out.source = source;
  if (published) out.published = published;
  return out;
}
