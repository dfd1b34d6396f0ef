/** Reads a corpus folder into articles: every supported file parsed, bad input skipped with a reason, duplicates indexed once. */
import { DEFAULT_MAX_FILE_BYTES } from './parse.js';
import { readCorpusFile } from './read.js';
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
    const parsed = await readCorpusFile(entry.abs, entry.file, { maxFileBytes: limit, size: entry.stats.size });
    parsed.skipped.forEach(report);
    const articles = parsed.articles.filter((a) => {
      const dup = duplicateOf(a);
      if (dup) report(dup);
      return !dup;
    });
    if (articles.length > 0 && parsed.hash !== null) files.push({ file: entry.file, hash: parsed.hash, articles });
  }
  return { files, skipped };
}
