/**
 * Articles taken out of a file that holds several (a JSONL export) without rewriting the file: a
 * list at the top of the corpus folder (`.sitrep-removed.json`, a dot-file, so never read as an
 * article) names each by its file and id, and the loader leaves them out. The file keeps its bytes,
 * so its other articles are neither parsed nor embedded again, and removing one costs that article.
 * An id is a hash of the article's text: a line edited later is another article, and loads again.
 * The list is replaced whole and atomically (written aside, fsynced, renamed), so a crash leaves the
 * old list or the new one.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

export const REMOVED_FILE = '.sitrep-removed.json';
const VERSION = 1;

export interface RemovedArticle {
  /** Corpus-relative path of the file that still holds it, `/`-separated. */
  file: string;
  /** The loader's article id (a hash of its text). */
  id: string;
  line?: number;
  title: string;
  url?: string;
  /** ISO time of the removal. */
  removedAt: string;
}

const entrySchema = z.object({
  file: z.string().min(1),
  id: z.string().min(1),
  line: z.number().int().positive().optional(),
  title: z.string(),
  url: z.string().optional(),
  removedAt: z.string(),
});
const listSchema = z.object({ version: z.literal(VERSION), removed: z.array(entrySchema) });

/** Thrown when the list exists but cannot be trusted: loading on would bring removed articles back. */
export class RemovedListError extends Error {
  override readonly name = 'RemovedListError';
  readonly code = 'REMOVED_LIST_DAMAGED';
}

/** The key the loader matches an article by. */
export const removedKey = (file: string, id: string) => `${file}\0${id}`;

/** The list in `corpusDir`; empty when there is none. */
export async function readRemoved(corpusDir: string): Promise<RemovedArticle[]> {
  const file = path.join(corpusDir, REMOVED_FILE);
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new RemovedListError(`Cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}), the list of removed articles.`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    raw = null;
  }
  const parsed = listSchema.safeParse(raw);
  if (!parsed.success) {
    throw new RemovedListError(
      `${file}, the list of articles taken out with \`npm run remove\`, is damaged. Restore it from a backup, or delete it to bring every listed article back.`,
    );
  }
  return parsed.data.removed.map((e) => stripUndefined(e));
}

/** Replaces the list in `corpusDir` atomically. */
export async function writeRemoved(corpusDir: string, entries: RemovedArticle[]): Promise<void> {
  const file = path.join(corpusDir, REMOVED_FILE);
  const tmp = path.join(corpusDir, `.sitrep-${randomBytes(6).toString('hex')}.tmp`);
  const handle = await fs.open(tmp, 'wx');
  try {
    await handle.writeFile(`${JSON.stringify({ version: VERSION, removed: entries }, null, 1)}\n`);
    await handle.sync();
  } catch (err) {
    await handle.close();
    await fs.rm(tmp, { force: true });
    throw err;
  }
  await handle.close();
  try {
    await fs.rename(tmp, file);
  } catch (err) {
    await fs.rm(tmp, { force: true });
    throw err;
  }
  await syncFolder(corpusDir);
}

/** Forces a folder's entries (a rename) to disk. */
export async function syncFolder(dir: string): Promise<void> {
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function stripUndefined(e: z.infer<typeof entrySchema>): RemovedArticle {
  const out: RemovedArticle = { file: e.file, id: e.id, title: e.title, removedAt: e.removedAt };
  if (e.line !== undefined) out.line = e.line;
  if (e.url !== undefined) out.url = e.url;
  return out;
}
