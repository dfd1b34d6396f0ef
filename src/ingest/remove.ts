/**
 * Taking an article out of the corpus (a correction, a retraction, a mistaken add), by its corpus
 * file or by a URL it is known at. A file that holds one article (Markdown, text, HTML), or a whole
 * JSONL file, is moved into `.removed/` in the corpus folder (a dot-folder: never read, and moving
 * it back restores it); one article of a JSONL file is put on the removed list (removed.ts), so the
 * file keeps its bytes and its other articles cost nothing. Either step is one atomic rename, made
 * holding the corpus writer lock that `/add`, `npm run add` and the feed poller hold. Re-indexing is
 * the caller's step, as after an add: the incremental build then drops only that article's passages.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { resolveDir, type Config } from '../config.js';
import { isLineFormat, readCorpusFile, readRemoved, REMOVED_FILE as REMOVED_LIST_NAME, syncFolder, writeRemoved, type Article, type RemovedArticle } from '../corpus/index.js';
import { withFileLock } from '../corpus/file-lock.js';
import { loadCatalog } from './catalog.js';
import { hasCredentials, withoutCredentials } from './credentials.js';
import { looksLikeUrl, WRITER_LOCK } from './session.js';
import { readState } from './state.js';

/** The folder, inside the corpus folder, that removed files are moved to. */
export const REMOVED_FOLDER = '.removed';
const WRITER_WAIT_MS = 60_000;

export interface RemovedArticleInfo {
  /** Corpus-relative file, with `:line` for an article of a JSONL file. */
  file: string;
  title: string;
  source?: string;
  published?: string;
  url?: string;
}

export type RemoveOutcome =
  | {
      status: 'removed';
      input: string;
      articles: RemovedArticleInfo[];
      /** `moved`: the file went to `.removed/` (`movedTo`, corpus-relative); `listed`: the article is on the removed list. */
      how: 'moved' | 'listed';
      movedTo?: string;
    }
  | { status: 'not-found'; input: string; reason: string };

export interface RemoveOptions {
  /**
   * Input from chat: a path is read only relative to the corpus folder (never the working folder).
   * Default false (`npm run remove` also takes a path as the shell gives it).
   */
  fromChat?: boolean;
}

/** A corpus-relative file, with the line of one article for a JSONL file. */
interface FileTarget {
  file: string;
  line?: number;
}

/**
 * Takes the article(s) `input` names out of the corpus.
 * @example
 * const outcome = await removeArticle(config, 'https://example.com/news/story');
 * if (outcome.status === 'removed') await buildIndex(config);
 */
export async function removeArticle(config: Config, input: string, options: RemoveOptions = {}): Promise<RemoveOutcome> {
  const corpusDir = resolveDir(config.CORPUS_DIR);
  const trimmed = input.trim();
  if (trimmed === '') return { status: 'not-found', input, reason: 'give a corpus file or the URL of an article' };
  if (looksLikeUrl(trimmed) && hasCredentials(trimmed)) {
    return { status: 'not-found', input: withoutCredentials(trimmed), reason: 'no article is stored at a URL with a user name or password' };
  }
  const exists = await fs.stat(corpusDir).then((s) => s.isDirectory(), () => false);
  if (!exists) return { status: 'not-found', input, reason: `the corpus folder ${corpusDir} does not exist` };
  return withFileLock(path.join(corpusDir, WRITER_LOCK), { waitMs: WRITER_WAIT_MS }, async () => {
    const target = looksLikeUrl(trimmed) ? await findByUrl(config, corpusDir, trimmed) : await fileTarget(corpusDir, trimmed, options);
    if ('reason' in target) return { status: 'not-found', input: trimmed, reason: target.reason };
    return removeFrom(config, corpusDir, trimmed, target);
  });
}

/** The article the corpus knows at `url` (its `url`, `also_at`, same-site canonical, or a URL the state file recorded). */
async function findByUrl(config: Config, corpusDir: string, url: string): Promise<FileTarget | { reason: string }> {
  const state = await readState(resolveDir(config.INGEST_STATE_FILE));
  const catalog = await loadCatalog(corpusDir, { maxFileBytes: config.MAX_FILE_BYTES, alsoAt: state.alsoAt });
  const match = catalog.findByUrl([url]);
  if (!match) return { reason: 'no article in the corpus is known at this URL' };
  return parseFileTarget(match.entry.file);
}

/** `file` or `file:LINE`, corpus-relative. */
function parseFileTarget(s: string): FileTarget {
  const m = /^(.*\.jsonl):(\d+)$/i.exec(s);
  return m ? { file: m[1]!, line: Number(m[2]) } : { file: s };
}

/** A path that names a file inside the corpus folder (not in a dot-folder), as a corpus-relative path. */
async function fileTarget(corpusDir: string, input: string, options: RemoveOptions): Promise<FileTarget | { reason: string }> {
  const parsed = parseFileTarget(input);
  const roots = [...new Set([path.resolve(corpusDir), await fs.realpath(corpusDir)])];
  // From the shell, a path is the shell's (the working folder's); from chat, only the corpus folder's.
  const candidates = [...(options.fromChat || path.isAbsolute(parsed.file) ? [] : [path.resolve(parsed.file)]), ...roots.map((r) => path.resolve(r, parsed.file))];
  for (const abs of candidates) {
    const info = await fs.lstat(abs).catch(() => null);
    if (info === null) continue;
    const rel = roots.map((r) => path.relative(r, abs)).find((r) => r !== '' && !r.startsWith('..') && !path.isAbsolute(r));
    if (rel === undefined) return { reason: `${parsed.file} is not inside the corpus folder` };
    const parts = rel.split(path.sep);
    if (parts.some((p) => p.startsWith('.'))) return { reason: `${parsed.file} is not read as part of the corpus (the loader leaves out dot-files and dot-folders)` };
    if (!info.isFile()) return { reason: `${parsed.file} is not a file` };
    return { ...parsed, file: parts.join('/') };
  }
  return { reason: `no file ${parsed.file} in the corpus folder` };
}

const infoOf = (a: Article): RemovedArticleInfo => {
  const info: RemovedArticleInfo = { file: a.line === undefined ? a.file : `${a.file}:${a.line}`, title: a.title };
  if (a.source) info.source = a.source;
  if (a.published) info.published = a.published;
  if (a.url) info.url = a.url;
  return info;
};

async function removeFrom(config: Config, corpusDir: string, input: string, target: FileTarget): Promise<RemoveOutcome> {
  const abs = path.join(corpusDir, target.file);
  const maxFileBytes = config.MAX_FILE_BYTES;
  const listed = await readRemoved(corpusDir);
  const isListed = (file: string, id: string) => listed.some((r) => r.file === file && r.id === id);

  if (target.line !== undefined && isLineFormat(target.file)) {
    const read = await readCorpusFile(abs, target.file, { maxFileBytes, onlyLine: target.line });
    const article = read.articles.find((a) => a.line === target.line);
    if (!article) return { status: 'not-found', input, reason: `line ${target.line} of ${target.file} holds no article` };
    if (isListed(target.file, article.id)) return { status: 'not-found', input, reason: `${target.file}:${target.line} was removed before` };
    const entry: RemovedArticle = { file: target.file, id: article.id, line: target.line, title: article.title, removedAt: new Date().toISOString() };
    if (article.url) entry.url = article.url;
    await writeRemoved(corpusDir, [...listed, entry]);
    return { status: 'removed', input, articles: [infoOf(article)], how: 'listed' };
  }

  const read = await readCorpusFile(abs, target.file, { maxFileBytes });
  const articles = read.articles.filter((a) => !isListed(target.file, a.id));
  if (articles.length === 0) {
    const why = read.articles.length > 0 ? 'every article in it was removed before' : `the loader reads no article from it${read.skipped[0] ? ` (${read.skipped[0].reason})` : ''}`;
    return { status: 'not-found', input, reason: `${target.file}: ${why}` };
  }
  const movedTo = await moveAside(corpusDir, target.file);
  // The file is gone from the corpus: its entries on the removed list name nothing now.
  if (listed.some((r) => r.file === target.file)) await writeRemoved(corpusDir, listed.filter((r) => r.file !== target.file));
  return { status: 'removed', input, articles: articles.map(infoOf), how: 'moved', movedTo };
}

/** Moves a corpus file into `.removed/` (same relative path, `-2`, `-3`, … when taken) in one rename. */
async function moveAside(corpusDir: string, file: string): Promise<string> {
  const ext = path.posix.extname(file);
  const stem = file.slice(0, file.length - ext.length);
  for (let n = 1; n < 1000; n++) {
    const rel = `${REMOVED_FOLDER}/${stem}${n === 1 ? '' : `-${n}`}${ext}`;
    const dest = path.join(corpusDir, rel);
    // Under the writer lock no other Sitrep process moves files here; rename would replace a file silently.
    if (await fs.stat(dest).then(() => true, () => false)) continue;
    await fs.mkdir(path.dirname(dest), { recursive: true });
    await fs.rename(path.join(corpusDir, file), dest);
    await syncFolder(path.dirname(path.join(corpusDir, file)));
    await syncFolder(path.dirname(dest));
    return rel;
  }
  throw new Error(`no free name for ${file} in ${REMOVED_FOLDER}/`);
}

/** The outcome as lines for a terminal. */
export function formatRemoveOutcome(o: RemoveOutcome): string[] {
  if (o.status === 'not-found') return [`Nothing removed: ${o.input}: ${o.reason}.`];
  const where =
    o.how === 'moved'
      ? `moved to ${o.movedTo} in the corpus folder (move it back to restore it)`
      : `left in its file, listed in ${REMOVED_LIST_NAME} in the corpus folder (delete its entry there to restore it)`;
  return [
    ...o.articles.map((a) => `removed    ${a.title} (${[a.source, a.published ?? 'no date'].filter(Boolean).join(', ')}) ← ${a.file}`),
    `${o.articles.length} article${o.articles.length === 1 ? '' : 's'} removed: ${where}.`,
  ];
}
