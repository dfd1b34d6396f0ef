/**
 * Lists the files of a corpus folder: recursive, sorted, dotfiles and dot-folders left out, and
 * symbolic links followed only while they stay inside the folder.
 */
import type { Dirent, Stats } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { SkippedInput } from './types.js';

export interface CorpusEntry {
  /** Corpus-relative path with `/` separators. */
  file: string;
  /** Absolute path to read (the link target, for a symbolic link). */
  abs: string;
  stats: Stats;
}

export class CorpusError extends Error {
  override readonly name = 'CorpusError';
  constructor(
    readonly code: 'CORPUS_NOT_FOUND' | 'CORPUS_NOT_A_FOLDER',
    message: string,
  ) {
    super(message);
  }
}

const codeOf = (err: unknown) => (err as NodeJS.ErrnoException).code ?? (err as Error).message;

function isInside(root: string, target: string): boolean {
  const rel = path.relative(root, target);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** Code-point order, the same on every machine and locale. */
const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Every file in `dir`, sorted by relative path, plus the entries that were passed over (links
 * leading outside the folder, broken links, unreadable folders, special files).
 *
 * @throws CorpusError when `dir` does not exist or is not a folder.
 */
export async function walkCorpus(dir: string): Promise<{ entries: CorpusEntry[]; skipped: SkippedInput[] }> {
  let root: string;
  try {
    root = await realpath(dir);
  } catch {
    throw new CorpusError('CORPUS_NOT_FOUND', `Corpus folder not found: ${dir} (set CORPUS_DIR to a folder of articles)`);
  }
  if (!(await stat(root)).isDirectory()) {
    throw new CorpusError('CORPUS_NOT_A_FOLDER', `Corpus path is not a folder: ${dir}`);
  }

  const entries: CorpusEntry[] = [];
  const skipped: SkippedInput[] = [];
  const visited = new Set<string>([root]);

  const visitDir = async (abs: string, rel: string): Promise<void> => {
    let children: Dirent[];
    try {
      children = await readdir(abs, { withFileTypes: true });
    } catch (err) {
      skipped.push({ file: rel || '.', reason: `cannot read folder (${codeOf(err)})` });
      return;
    }
    children.sort((a, b) => byCodePoint(a.name, b.name));
    for (const child of children) {
      if (child.name.startsWith('.')) continue;
      const childRel = rel ? `${rel}/${child.name}` : child.name;
      let target = path.join(abs, child.name);
      if (child.isSymbolicLink()) {
        try {
          target = await realpath(target);
        } catch {
          skipped.push({ file: childRel, reason: 'broken symbolic link' });
          continue;
        }
        if (!isInside(root, target)) {
          skipped.push({ file: childRel, reason: 'symbolic link leads outside the corpus folder' });
          continue;
        }
      }
      let stats: Stats;
      try {
        stats = await stat(target);
      } catch (err) {
        skipped.push({ file: childRel, reason: `cannot read file (${codeOf(err)})` });
        continue;
      }
      if (stats.isDirectory()) {
        // A link back to a folder already walked would loop forever.
        const real = child.isSymbolicLink() ? target : await realpath(target).catch(() => target);
        if (visited.has(real)) continue;
        visited.add(real);
        await visitDir(target, childRel);
      } else if (stats.isFile()) {
        entries.push({ file: childRel, abs: target, stats });
      } else {
        skipped.push({ file: childRel, reason: 'not a regular file' });
      }
    }
  };

  await visitDir(root, '');
  entries.sort((a, b) => byCodePoint(a.file, b.file));
  return { entries, skipped };
}
