/** Reads a corpus folder into articles: every supported file parsed, bad input skipped with a reason, duplicates indexed once. */
import { readFile } from 'node:fs/promises';
import { sha256Hex } from './hash.js';
import { DEFAULT_MAX_FILE_BYTES, parseCorpusFile, tooLargeReason } from './parse.js';
import type { Article, CorpusFile, LoadedCorpus, SkippedInput } from './types.js';
import { walkCorpus } from './walk.js';

export interface LoadOptions {
  /** Larger files are skipped without being read. Default: 5 MB (`DEFAULT_MAX_FILE_BYTES`). */
  maxFileBytes?: number;
  /** Called once for each input passed over, in corpus order, as it happens. */
  onWarning?: (skipped: SkippedInput) => void;
}

const where = (a: Article) => (a.line === undefined ? a.file : `${a.file} line ${a.line}`);

/**
 * A filter that keeps the first copy of each article (by id) and returns, for a later copy, the
 * "duplicate of <file>" note that reports it.
 */
export function createDuplicateFilter(): (article: Article) => SkippedInput | undefined {
  const firstSeen = new Map<string, Article>();
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
 * Loads every article under `dir` (recursively, in sorted order). Bad content never throws: it is
 * skipped with a reason, reported through `onWarning` and listed in `skipped`. Files that yield no
 * article are not listed in `files`.
 *
 * @throws CorpusError only when `dir` itself is missing or not a folder.
 * @example
 * const { files, skipped } = await loadCorpus('corpus', { onWarning: (s) => log.warn(s) });
 */
export async function loadCorpus(dir: string, options: LoadOptions = {}): Promise<LoadedCorpus> {
  const limit = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const skipped: SkippedInput[] = [];
  const report = (s: SkippedInput) => {
    skipped.push(s);
    options.onWarning?.(s);
  };

  const walked = await walkCorpus(dir);
  walked.skipped.forEach(report);

  const duplicateOf = createDuplicateFilter();
  const files: CorpusFile[] = [];
  for (const entry of walked.entries) {
    // Checked before reading, so a huge file never reaches memory.
    if (entry.stats.size > limit) {
      report({ file: entry.file, reason: tooLargeReason(entry.stats.size, limit) });
      continue;
    }
    let bytes: Buffer;
    try {
      bytes = await readFile(entry.abs);
    } catch (err) {
      report({ file: entry.file, reason: `cannot read file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})` });
      continue;
    }
    const parsed = parseCorpusFile(entry.file, bytes, { maxFileBytes: limit });
    parsed.skipped.forEach(report);
    const articles = parsed.articles.filter((a) => {
      const dup = duplicateOf(a);
      if (dup) report(dup);
      return !dup;
    });
    if (articles.length > 0) files.push({ file: entry.file, hash: sha256Hex(bytes), articles });
  }
  return { files, skipped };
}
