/**
 * Reads a corpus folder into articles: every supported file parsed, bad input skipped with a reason,
 * duplicates indexed once. Given what an earlier load learnt of each file (its size, mtime, hash and
 * what it yielded), a file whose size and mtime are unchanged is not read at all, and one whose
 * bytes still hash the same is not parsed again.
 */
import { DEFAULT_MAX_FILE_BYTES, isLineFormat, tooLargeReason } from './parse.js';
import { hashFile, readCorpusFile } from './read.js';
import { readRemoved, removedKey } from './removed.js';
import type { Article, CorpusFile, LoadedCorpus, SkippedInput } from './types.js';
import { walkCorpus } from './walk.js';

export interface LoadOptions {
  /**
   * Larger files are skipped without being read; in a `.jsonl` file, which is streamed, larger lines
   * (articles) are skipped and the others load. Default: 5 MB (`DEFAULT_MAX_FILE_BYTES`).
   */
  maxFileBytes?: number;
  /** Called once for each input passed over, in corpus order, as it happens. */
  onWarning?: (skipped: SkippedInput) => void;
  /**
   * Records of an earlier load, by corpus-relative path. A file whose size and mtime match its record
   * is taken as unchanged without being read; one whose size matches is hashed, and when its hash
   * matches too it is not parsed. A record whose mtime should not be trusted (see `FileRecord`)
   * carries NaN there, so it is compared by hash alone.
   */
  known?: ReadonlyMap<string, FileRecord>;
  /**
   * The articles of a file known unchanged (as its record lists them), when the caller still holds
   * them; undefined, and the file is read and parsed again.
   */
  articlesOf?: (file: string, record: FileRecord) => Article[] | undefined;
}

/** An article as a record remembers it: enough to find duplicates without its text. */
export interface ArticleRef {
  id: string;
  line?: number;
}

/** What a load learnt of one file: enough to know next time that it has not changed, and what it held. */
export interface FileRecord {
  size: number;
  mtimeMs: number;
  /** sha256 of its bytes, hex. */
  hash: string;
  /** The articles it yielded, in order, before duplicates across files were removed. */
  articles: ArticleRef[];
  /** Its own inputs that were passed over (duplicates of other files' articles are not listed). */
  skipped: SkippedInput[];
}

/** A file the scan found: the record that still describes it, when there is one. */
export interface ScannedFile {
  file: string;
  abs: string;
  size: number;
  mtimeMs: number;
  known?: FileRecord;
}

/** The corpus folder's files in order, with the inputs passed over before any was read. */
export interface CorpusScan {
  items: Array<ScannedFile | SkippedInput>;
  /** Files hashed to compare with their record (their mtime changed, their size did not). */
  hashed: number;
  /** Articles taken out with `npm run remove` from files that still hold them (`removedKey`s; see removed.ts). */
  removed: ReadonlySet<string>;
}

/** An article left out because `npm run remove` took it out of a file that still holds it. */
export interface RemovedRef {
  file: string;
  id: string;
}

export interface LoadResult extends LoadedCorpus {
  /** A record of every file read or known, for the next load's `known`. */
  records: Map<string, FileRecord>;
  /** Files read and parsed, and files whose articles came from `articlesOf`. */
  parsed: number;
  reused: number;
  /** The articles the removed list left out, in corpus order. */
  removed: RemovedRef[];
}

const isSkip = (item: ScannedFile | SkippedInput): item is SkippedInput => 'reason' in item;

type Located = Pick<Article, 'id' | 'file' | 'line'>;

const where = (a: Located) => (a.line === undefined ? a.file : `${a.file} line ${a.line}`);

/**
 * A filter that keeps the first copy of each article (by id) and returns, for a later copy, the
 * "duplicate of <file>" note that reports it.
 */
export function createDuplicateFilter(): (article: Located) => SkippedInput | undefined {
  const firstSeen = new Map<string, Located>();
  return (a) => {
    const first = firstSeen.get(a.id);
    if (!first) {
      firstSeen.set(a.id, a);
      return undefined;
    }
    const dup: SkippedInput = { file: a.file, reason: `duplicate of ${where(first)}` };
    if (a.line !== undefined) dup.line = a.line;
    return dup;
  };
}

/**
 * Whether each of a file's articles repeats one earlier in the same file: such a copy is left out
 * as a duplicate whatever the other files hold (the first copy, or an earlier file's, comes before
 * it), so a file known unchanged can be taken from the previous index without being parsed again.
 */
export function repeatsInFile(refs: readonly ArticleRef[]): boolean[] {
  const seen = new Set<string>();
  return refs.map((r) => seen.size === seen.add(r.id).size);
}

/** Removes later copies of the same article across `files` (in their order); files left empty are dropped. */
export function dedupeArticles(files: CorpusFile[]): { files: CorpusFile[]; duplicates: SkippedInput[] } {
  const duplicateOf = createDuplicateFilter();
  const duplicates: SkippedInput[] = [];
  const kept: CorpusFile[] = [];
  for (const f of files) {
    const articles = f.articles.filter((a) => {
      const dup = duplicateOf(a);
      if (dup) duplicates.push(dup);
      return !dup;
    });
    if (articles.length > 0) kept.push({ ...f, articles });
  }
  return { files: kept, duplicates };
}

/**
 * Lists the corpus folder's files and decides, by size and mtime (and by hash when only the mtime
 * changed), which of them an earlier load's records still describe. Reads only files whose mtime
 * changed but whose size did not.
 *
 * @throws CorpusError only when `dir` itself is missing or not a folder.
 */
export async function scanCorpus(dir: string, options: Pick<LoadOptions, 'maxFileBytes' | 'known'> = {}): Promise<CorpusScan> {
  const limit = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const walked = await walkCorpus(dir);
  const removed = new Set((await readRemoved(dir)).map((r) => removedKey(r.file, r.id)));
  const items: CorpusScan['items'] = [...walked.skipped];
  let hashed = 0;
  for (const entry of walked.entries) {
    const { size, mtimeMs } = entry.stats;
    // Checked before reading, so a huge file never reaches memory; JSON Lines is limited by the line.
    if (size > limit && !isLineFormat(entry.file)) {
      items.push({ file: entry.file, reason: tooLargeReason(size, limit) });
      continue;
    }
    const scanned: ScannedFile = { file: entry.file, abs: entry.abs, size, mtimeMs };
    const record = options.known?.get(entry.file);
    if (record && record.size === size) {
      if (record.mtimeMs === mtimeMs) scanned.known = record;
      else {
        hashed++;
        // A file that cannot be read now is read (and reported) by the load.
        const hash = await hashFile(entry.abs).catch(() => null);
        if (hash === record.hash) scanned.known = { ...record, mtimeMs };
      }
    }
    items.push(scanned);
  }
  return { items, hashed, removed };
}

/**
 * What the corpus holds according to the scan's records alone, when every file is known: its files
 * with articles (path → hash), article count and skipped inputs, as a load would find them. Null
 * when some file must be read.
 */
export function recordedCorpus(scan: CorpusScan): { files: Record<string, string>; articles: number; skipped: SkippedInput[]; removed: RemovedRef[] } | null {
  const duplicateOf = createDuplicateFilter();
  const files: Record<string, string> = {};
  const skipped: SkippedInput[] = [];
  const removed: RemovedRef[] = [];
  let articles = 0;
  for (const item of scan.items) {
    if (isSkip(item)) {
      skipped.push(item);
      continue;
    }
    if (!item.known) return null;
    skipped.push(...item.known.skipped);
    let kept = 0;
    for (const ref of item.known.articles) {
      if (scan.removed.has(removedKey(item.file, ref.id))) {
        removed.push({ file: item.file, id: ref.id });
        continue;
      }
      const dup = duplicateOf({ ...ref, file: item.file });
      if (dup) skipped.push(dup);
      else kept++;
    }
    if (kept > 0) files[item.file] = item.known.hash;
    articles += kept;
  }
  return { files, articles, skipped, removed };
}

const refOf = (a: Article): ArticleRef => (a.line === undefined ? { id: a.id } : { id: a.id, line: a.line });

/** Reads (or takes from `articlesOf`) the articles of every scanned file, in order, and removes duplicates. */
export async function loadScanned(scan: CorpusScan, options: LoadOptions = {}): Promise<LoadResult> {
  const limit = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const skipped: SkippedInput[] = [];
  const report = (s: SkippedInput) => {
    skipped.push(s);
    options.onWarning?.(s);
  };
  const duplicateOf = createDuplicateFilter();
  const files: CorpusFile[] = [];
  const records = new Map<string, FileRecord>();
  const removed: RemovedRef[] = [];
  let parsed = 0;
  let reused = 0;
  const isRemoved = (file: string, id: string) => scan.removed.has(removedKey(file, id));
  for (const item of scan.items) {
    if (isSkip(item)) {
      report(item);
      continue;
    }
    let hash: string | null;
    // A copy repeating one earlier in its file is a `Located` stub when taken from the caller (below).
    let own: { articles: (Article | Located)[]; skipped: SkippedInput[] };
    let refs: ArticleRef[];
    // The caller is asked for the articles the removed list leaves of the file (its record lists them all).
    const listed = item.known && { ...item.known, articles: item.known.articles.filter((a) => !isRemoved(item.file, a.id)) };
    const kept = listed && options.articlesOf?.(item.file, listed);
    if (item.known && kept) {
      reused++;
      hash = item.known.hash;
      // The caller holds no copy that repeats one earlier in the file: each is judged again (a duplicate, reported as a parse would).
      const repeats = repeatsInFile(listed.articles);
      let next = 0;
      own = { articles: listed.articles.map((ref, i) => (repeats[i] ? { ...ref, file: item.file } : kept[next++]!)), skipped: item.known.skipped };
      refs = item.known.articles;
    } else {
      parsed++;
      const read = await readCorpusFile(item.abs, item.file, { maxFileBytes: limit, size: item.size });
      hash = read.hash;
      own = read;
      refs = read.articles.map(refOf);
    }
    own.skipped.forEach(report);
    if (hash !== null) records.set(item.file, { size: item.size, mtimeMs: item.mtimeMs, hash, articles: refs, skipped: own.skipped });
    for (const ref of refs) if (isRemoved(item.file, ref.id)) removed.push({ file: item.file, id: ref.id });
    // Left out before duplicates are judged: another file's copy of a removed article stays.
    const articles = own.articles.filter((a): a is Article => {
      if (isRemoved(item.file, a.id)) return false;
      const dup = duplicateOf(a);
      if (dup) report(dup);
      return !dup && 'text' in a;
    });
    if (articles.length > 0 && hash !== null) files.push({ file: item.file, hash, articles });
  }
  return { files, skipped, records, parsed, reused, removed };
}

/**
 * Loads every article under `dir` (recursively, in sorted order). Bad content never throws: it is
 * skipped with a reason, reported through `onWarning` and listed in `skipped`. Files that yield no
 * article are not listed in `files`.
 *
 * @throws CorpusError only when `dir` itself is missing or not a folder.
 * @example
 * const { files, skipped } = await loadCorpus('corpus', { onWarning: (s) => log.warn(s) });
 */
export async function loadCorpus(dir: string, options: LoadOptions = {}): Promise<LoadResult> {
  return loadScanned(await scanCorpus(dir, options), options);
}
