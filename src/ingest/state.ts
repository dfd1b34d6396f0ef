/**
 * The small JSON file ingestion keeps (INGEST_STATE_FILE): per feed, the validators of the last
 * read and the items already handled; per corpus file that cannot carry them itself, the other URLs
 * its article was found at. Losing it costs only re-reading: duplicates are still recognised from
 * the corpus, so a damaged file is set aside with a warning rather than stopping ingestion.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

/**
 * Item keys remembered per feed besides the ones it still lists: those are never forgotten, or a
 * feed listing more than this (FEED_MAX_ITEMS allows 10,000) had its oldest items fetched again at
 * every read.
 */
export const MAX_SEEN = 2000;

const feedStateSchema = z.object({
  etag: z.string().optional(),
  lastModified: z.string().optional(),
  readAt: z.string().optional(),
  seen: z.array(z.string()).default([]),
});

const stateSchema = z.object({
  version: z.literal(1),
  feeds: z.record(z.string(), feedStateSchema).default({}),
  alsoAt: z.record(z.string(), z.array(z.string())).default({}),
});

export type FeedState = z.infer<typeof feedStateSchema>;
export type IngestState = z.infer<typeof stateSchema>;

export const emptyState = (): IngestState => ({ version: 1, feeds: {}, alsoAt: {} });

/** Reads the state file; a missing one is empty, a damaged one is renamed aside and reported. */
export async function readState(file: string, onWarning?: (message: string) => void): Promise<IngestState> {
  let raw: string;
  try {
    raw = await fs.readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return emptyState();
    throw err;
  }
  let parsed: ReturnType<typeof stateSchema.safeParse>;
  try {
    parsed = stateSchema.safeParse(JSON.parse(raw));
  } catch {
    parsed = stateSchema.safeParse(undefined);
  }
  if (parsed.success) return parsed.data;
  const aside = `${file}.damaged-${Date.now()}`;
  await fs.rename(file, aside).catch(() => undefined);
  onWarning?.(`${file} could not be read and was moved to ${path.basename(aside)}; feeds will be read afresh (duplicates are still recognised)`);
  return emptyState();
}

/** Writes the state atomically: a reader never sees half a file, and a failed write (a full disk) leaves no temporary file. */
export async function writeState(file: string, state: IngestState): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await fs.writeFile(tmp, `${JSON.stringify(state, null, 2)}\n`);
    await fs.rename(tmp, file);
  } catch (err) {
    await fs.rm(tmp, { force: true });
    throw err;
  }
}

/**
 * Adds item keys to a feed's seen list, newest last. Past `max` keys the oldest are forgotten, but
 * never one in `listed` (what the feed lists now): it would be taken for a new item at the next read.
 */
export function markSeen(feed: FeedState, keys: string[], listed: ReadonlySet<string> = new Set(), max = MAX_SEEN): void {
  const set = new Set(feed.seen);
  for (const k of keys) if (!set.has(k)) feed.seen.push(k), set.add(k);
  let excess = feed.seen.length - max;
  if (excess <= 0) return;
  feed.seen = feed.seen.filter((k) => listed.has(k) || excess-- <= 0);
}

/** What a state held when it was last read from or written to its file: each feed's entry as JSON. */
export type StateBase = Record<string, string>;

export const baseOf = (state: IngestState): StateBase => Object.fromEntries(Object.entries(state.feeds).map(([k, f]) => [k, JSON.stringify(f)]));

/**
 * Merges what the file holds now (`disk`, written by another process since `base` was taken) into
 * `ours`, in place (runs still hold references to its feed entries): a feed only one side changed
 * takes that side's entry; a feed both read meanwhile keeps the items either has seen and the
 * validators of the later read; `also_at` lists are joined. Nothing another writer saved is lost.
 */
export function mergeState(ours: IngestState, base: StateBase, disk: IngestState): void {
  for (const [key, theirs] of Object.entries(disk.feeds)) {
    const mine = ours.feeds[key];
    if (!mine) {
      ours.feeds[key] = theirs;
      continue;
    }
    const mineChanged = JSON.stringify(mine) !== base[key];
    const theirsChanged = JSON.stringify(theirs) !== base[key];
    if (!theirsChanged) continue;
    const seen = mineChanged ? [...new Set([...theirs.seen, ...mine.seen])] : theirs.seen;
    if (!mineChanged || (theirs.readAt ?? '') > (mine.readAt ?? '')) {
      for (const field of ['etag', 'lastModified', 'readAt'] as const) {
        if (theirs[field] === undefined) delete mine[field];
        else mine[field] = theirs[field];
      }
    }
    mine.seen = seen;
  }
  for (const [file, urls] of Object.entries(disk.alsoAt)) {
    ours.alsoAt[file] = [...new Set([...(ours.alsoAt[file] ?? []), ...urls])];
  }
}
