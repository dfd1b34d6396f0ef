/**
 * Index generations: each build writes a complete new folder beside the old one, then moves the
 * `CURRENT` pointer to it in one atomic rename. A reader follows the pointer, so it finds the old
 * index or the new one, never a mix, whenever a build dies.
 */
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import os from 'node:os';
import path from 'node:path';
import { acquireLock, isAlive, LockBusyError, releaseLock, type FileLockOptions, type HeldLock } from '../corpus/file-lock.js';
import { RECORDS_FILE } from './corpus-records.js';
import { IndexError, REBUILD_HINT } from './errors.js';
import { replaceAtomically, syncDir } from './files.js';

export const POINTER_FILE = 'CURRENT';
/** The build lock's folder in the index folder. */
export const LOCK_FILE = 'build.lock';
const TMP_PREFIX = '.tmp-';
/** Generations kept besides the current one, so a reader that just followed the old pointer can finish. */
const KEEP_PREVIOUS = 1;

/** Folder of the generation the pointer names, or null when there is none yet. */
export function currentGeneration(indexDir: string): string | null {
  let name: string;
  try {
    name = fs.readFileSync(path.join(indexDir, POINTER_FILE), 'utf8').trim();
  } catch {
    return null;
  }
  const pointer = path.join(indexDir, POINTER_FILE);
  if (!/^gen-[\w.-]+$/.test(name)) {
    throw new IndexError('INDEX_DAMAGED', `${pointer} does not name an index generation. ${REBUILD_HINT}`);
  }
  // A damaged pointer can still look like a name; say so rather than blame a missing manifest.
  if (!fs.existsSync(path.join(indexDir, name))) {
    throw new IndexError('INDEX_DAMAGED', `${pointer} names ${name}, which is not in ${indexDir}. ${REBUILD_HINT}`);
  }
  return path.join(indexDir, name);
}

/**
 * A name that starts with its time to the microsecond, so that generations sort in the order they
 * were made (the clean-up takes the one before the live generation by name): at millisecond
 * resolution two publishes in one millisecond sorted by their random tails.
 */
function newGenerationName(): string {
  const now = performance.timeOrigin + performance.now();
  const ms = Math.floor(now);
  const micros = String(Math.floor((now - ms) * 1000)).padStart(3, '0');
  const stamp = new Date(ms).toISOString().replace(/[:.]/g, '-').replace('Z', `${micros}Z`);
  return `gen-${stamp}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
}

/** Writes a new generation with `write(folder)`, makes it durable, then points CURRENT at it. */
export function publishGeneration(indexDir: string, write: (folder: string) => void): string {
  fs.mkdirSync(indexDir, { recursive: true });
  const name = newGenerationName();
  const tmp = path.join(indexDir, TMP_PREFIX + name);
  fs.mkdirSync(tmp);
  try {
    write(tmp);
    syncDir(tmp);
    fs.renameSync(tmp, path.join(indexDir, name));
    syncDir(indexDir);
  } catch (err) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
  // The generation readers follow now: the one kept beside the new, whatever its name.
  const live = pointedName(indexDir);
  try {
    replaceAtomically(path.join(indexDir, POINTER_FILE), `${name}\n`);
  } catch (err) {
    // A full disk: the pointer still names the old generation, so the new one is an orphan.
    fs.rmSync(`${path.join(indexDir, POINTER_FILE)}.tmp-${process.pid}`, { force: true });
    if (pointedName(indexDir) !== name) fs.rmSync(path.join(indexDir, name), { recursive: true, force: true });
    throw err;
  }
  pruneGenerations(indexDir, [name, live]);
  return path.join(indexDir, name);
}

/**
 * What a build that writes nothing (the index is up to date) still clears: the leftovers of builds
 * that died, and generations besides the live one and the one before it (by name, which starts with
 * its time; an orphan of a build that died before moving the pointer is newer than the live one).
 */
export function clearLeftovers(indexDir: string): void {
  const live = pointedName(indexDir);
  if (!live) return;
  const before = fs.readdirSync(indexDir).filter((n) => n.startsWith('gen-') && n < live).sort().at(-1) ?? null;
  pruneGenerations(indexDir, [live, before]);
}

/** The name CURRENT holds, or null when there is none or it names no generation. */
function pointedName(indexDir: string): string | null {
  try {
    const name = fs.readFileSync(path.join(indexDir, POINTER_FILE), 'utf8').trim();
    return /^gen-[\w.-]+$/.test(name) ? name : null;
  } catch {
    return null;
  }
}

/**
 * Removes every generation but the new one and the one that was live until it (KEEP_PREVIOUS), and
 * leftovers of builds that died. Kept by what CURRENT named, not by name order: after a publish that
 * failed, its orphan sorts after the live generation, and was kept while the live one was deleted.
 */
function pruneGenerations(indexDir: string, keep: Array<string | null>): void {
  const kept = new Set([...keep.slice(0, 1 + KEEP_PREVIOUS), pointedName(indexDir)].filter((n): n is string => n !== null));
  for (const old of fs.readdirSync(indexDir).filter((n) => n.startsWith('gen-') && !kept.has(n))) {
    fs.rmSync(path.join(indexDir, old), { recursive: true, force: true });
  }
  for (const n of fs.readdirSync(indexDir)) {
    if (n.startsWith(TMP_PREFIX) && !isOwnedByLiveProcess(n)) fs.rmSync(path.join(indexDir, n), { recursive: true, force: true });
    // A build killed while replacing the pointer or the corpus records leaves its temporary file (`CURRENT.tmp-<pid>`).
    const pointerOwner = Number(new RegExp(`^(?:${POINTER_FILE}|${RECORDS_FILE.replace('.', '\\.')})\\.tmp-(\\d+)$`).exec(n)?.[1]);
    if (Number.isInteger(pointerOwner) && pointerOwner !== process.pid && !isAlive(pointerOwner)) fs.rmSync(path.join(indexDir, n), { force: true });
  }
}

function isOwnedByLiveProcess(tmpName: string): boolean {
  const pid = Number(/-(\d+)-[a-z0-9]+$/.exec(tmpName)?.[1]);
  return Number.isInteger(pid) && pid !== process.pid && isAlive(pid);
}

/**
 * Runs `fn` holding the index folder's build lock (`build.lock`, see file-lock.ts); one held by a
 * live build refuses this one at once, one left by a dead or stalled build is taken over.
 */
export async function withBuildLock<T>(indexDir: string, fn: () => Promise<T>, options: FileLockOptions = {}): Promise<T> {
  fs.mkdirSync(indexDir, { recursive: true });
  let held: HeldLock;
  try {
    held = await acquireLock(path.join(indexDir, LOCK_FILE), options);
  } catch (err) {
    if (!(err instanceof LockBusyError)) throw err;
    const who = err.holder ? `process ${err.holder.pid}${err.holder.host === os.hostname() ? '' : ` on ${err.holder.host}`}` : 'another process';
    throw new IndexError('INDEX_LOCKED', `Another index build is running (${who}). Try again when it ends.`);
  }
  try {
    return await fn();
  } finally {
    await releaseLock(path.join(indexDir, LOCK_FILE), held);
  }
}
