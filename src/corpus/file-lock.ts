/**
 * A lock between processes on one folder: the index build, the GloVe cache conversion and the
 * corpus writer (`npm run add`, `npm run ingest`, the bot) each hold one. It sits in the first stage
 * of the pipeline so that every later stage can use it.
 *
 * The lock is a folder of numbered holdings (`1`, `2`, …). To take the lock, a process creates the
 * number after the highest one, whole and exclusively (a hard link of a written file: `link()` fails
 * when the name exists), so of any number of processes that find the same holding stale, exactly one
 * creates the next. Nothing is deleted to take a lock over, so no process can remove a lock another
 * has just taken. A holding names its owner (a random token, pid and host) and its file's mtime is a
 * heartbeat, refreshed by a worker thread (a build's long synchronous stretches cannot hold it up).
 * A holding is stale when its heartbeat is older than `staleMs`, when its owner is a dead process on
 * this host, or when it names this process's own pid without being one of its holdings (left by an
 * earlier process that had the same pid: a container restarted). Releasing sets the mtime to 0.
 * A live holder on another host, or a reused pid, is judged by its heartbeat alone.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { heartbeat } from './lock-heartbeat.js';

/** A holder whose heartbeat is older than this is taken to be gone. */
export const STALE_MS = 30_000;
/** How often a holder refreshes its heartbeat. */
export const HEARTBEAT_MS = 2000;
/** How often a waiting process looks again. */
const POLL_MS = 100;
const TMP_PREFIX = '.tmp-';

export interface LockOwner {
  token: string;
  pid: number;
  host: string;
  /** ISO time the lock was taken. */
  since: string;
}

export interface FileLockOptions {
  /** How long to wait for a live holder. Default 0: fail at once with a LockBusyError. */
  waitMs?: number;
  /** Default STALE_MS (30 s). */
  staleMs?: number;
  /** Default HEARTBEAT_MS (2 s); keep it well under `staleMs`. */
  heartbeatMs?: number;
  /** Called once, when the lock is found held and waiting begins. */
  onWait?: (holder: LockOwner | null) => void;
}

/** The lock as it is held: its number, and the owner of the holding before it (null when there was none or it is gone). */
export interface HeldLock {
  epoch: number;
  token: string;
  previousToken: string | null;
}

export class LockBusyError extends Error {
  override readonly name = 'LockBusyError';
  readonly code = 'LOCK_BUSY';
  constructor(
    readonly lockDir: string,
    /** Null when the holding could not be read (written by an older version). */
    readonly holder: LockOwner | null,
  ) {
    super(`${lockDir} is held by ${holder ? `process ${holder.pid} on ${holder.host} since ${holder.since}` : 'another process'}`);
  }
}

/** Who this process is, for judging holdings. */
export interface Self {
  pid: number;
  host: string;
  /** Tokens of the holdings this process has now. */
  tokens: ReadonlySet<string>;
  isAlive: (pid: number) => boolean;
}

/**
 * Why a holding no longer holds the lock, or null when its holder is to be taken as alive.
 * `heartbeatAt` is the holding's mtime (0 once released); `owner` is null when the holding cannot
 * be read, and it is then judged by its heartbeat alone.
 */
export function staleReason(owner: LockOwner | null, heartbeatAt: number, now: number, staleMs: number, self: Self): string | null {
  const age = now - heartbeatAt;
  if (heartbeatAt <= 0) return 'released';
  if (age > staleMs) return `no heartbeat for ${Math.round(age / 1000)} s`;
  if (!owner || owner.host !== self.host) return null;
  if (owner.pid === self.pid && !self.tokens.has(owner.token)) return 'it names this process, which does not hold it (an earlier process with the same pid)';
  if (owner.pid !== self.pid && !self.isAlive(owner.pid)) return `process ${owner.pid} has exited`;
  return null;
}

export function isAlive(pid: number): boolean {
  // 0 and negatives address process groups, for which kill(0) always succeeds.
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const heldTokens = new Set<string>();
const self = (): Self => ({ pid: process.pid, host: os.hostname(), tokens: heldTokens, isAlive });

/** Runs `fn` holding the lock `lockDir` (a folder, created when missing), then releases it. */
export async function withFileLock<T>(lockDir: string, options: FileLockOptions, fn: (held: HeldLock) => Promise<T>): Promise<T> {
  const held = await acquireLock(lockDir, options);
  try {
    return await fn(held);
  } finally {
    await releaseLock(lockDir, held);
  }
}

/** Takes the lock, waiting up to `waitMs` for a live holder; throws LockBusyError after that. */
export async function acquireLock(lockDir: string, options: FileLockOptions = {}): Promise<HeldLock> {
  const staleMs = options.staleMs ?? STALE_MS;
  const heartbeatMs = options.heartbeatMs ?? HEARTBEAT_MS;
  const deadline = Date.now() + (options.waitMs ?? 0);
  let announced = false;
  await ensureLockDir(lockDir);
  for (;;) {
    const outcome = await tryOnce(lockDir, staleMs);
    if ('epoch' in outcome) {
      await heartbeat.add(epochFile(lockDir, outcome.epoch), heartbeatMs);
      await prune(lockDir, outcome.epoch, staleMs);
      return outcome;
    }
    if (Date.now() >= deadline) throw new LockBusyError(lockDir, outcome.holder);
    if (!announced) options.onWait?.(outcome.holder);
    announced = true;
    await new Promise((r) => setTimeout(r, Math.min(POLL_MS, Math.max(1, deadline - Date.now()))));
  }
}

export async function releaseLock(lockDir: string, held: HeldLock): Promise<void> {
  const file = epochFile(lockDir, held.epoch);
  // The heartbeat stops first, or it could refresh the holding after it was released.
  await heartbeat.remove(file);
  heldTokens.delete(held.token);
  await fs.utimes(file, 0, 0).catch(() => undefined);
}

/** The live holder of `lockDir`, or null when the lock is free. */
export async function lockHolder(lockDir: string, staleMs = STALE_MS): Promise<LockOwner | null> {
  const epochs = await listEpochs(lockDir).catch(() => []);
  const top = epochs.at(-1);
  if (top === undefined) return null;
  const seen = await readHolding(lockDir, top);
  if (!seen || staleReason(seen.owner, seen.mtimeMs, Date.now(), staleMs, self()) !== null) return null;
  return seen.owner ?? { token: '', pid: 0, host: '', since: '' };
}

const epochFile = (lockDir: string, epoch: number) => path.join(lockDir, String(epoch));

async function tryOnce(lockDir: string, staleMs: number): Promise<HeldLock | { holder: LockOwner | null }> {
  for (;;) {
    const epochs = await listEpochs(lockDir);
    const top = epochs.at(-1) ?? 0;
    let previousToken: string | null = null;
    if (top > 0) {
      const seen = await readHolding(lockDir, top);
      if (!seen) continue; // a contender that lost took its holding back: look again
      if (staleReason(seen.owner, seen.mtimeMs, Date.now(), staleMs, self()) === null) return { holder: seen.owner };
      previousToken = seen.owner?.token ?? null;
    }
    const epoch = top + 1;
    const token = randomBytes(12).toString('hex');
    if (!(await createHolding(lockDir, epoch, { token, pid: process.pid, host: os.hostname(), since: new Date().toISOString() }))) continue;
    // A number freed by pruning can be created again by a process that read the folder long ago:
    // only the highest holding holds the lock.
    const after = await listEpochs(lockDir);
    if (after.at(-1) !== epoch) {
      await fs.rm(epochFile(lockDir, epoch), { force: true });
      continue;
    }
    heldTokens.add(token);
    return { epoch, token, previousToken };
  }
}

/** Creates the folder; a plain file in its place is an older version's lock, replaced. */
async function ensureLockDir(lockDir: string): Promise<void> {
  const info = await fs.lstat(lockDir).catch(() => null);
  if (info && !info.isDirectory()) await fs.rm(lockDir, { force: true });
  await fs.mkdir(lockDir, { recursive: true });
}

async function listEpochs(lockDir: string): Promise<number[]> {
  return (await fs.readdir(lockDir))
    .filter((n) => /^[1-9]\d{0,15}$/.test(n))
    .map(Number)
    .sort((a, b) => a - b);
}

async function readHolding(lockDir: string, epoch: number): Promise<{ owner: LockOwner | null; mtimeMs: number } | null> {
  const file = epochFile(lockDir, epoch);
  try {
    const [text, info] = await Promise.all([fs.readFile(file, 'utf8'), fs.stat(file)]);
    return { owner: parseOwner(text), mtimeMs: info.mtimeMs };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

function parseOwner(text: string): LockOwner | null {
  try {
    const o = JSON.parse(text) as Partial<LockOwner>;
    if (typeof o.token === 'string' && typeof o.pid === 'number' && typeof o.host === 'string' && typeof o.since === 'string') {
      return { token: o.token, pid: o.pid, host: o.host, since: o.since };
    }
  } catch {
    // not JSON: judged by its heartbeat alone
  }
  return null;
}

/** Writes the holding aside, then links it into place: it appears whole, and only if the number is free. */
async function createHolding(lockDir: string, epoch: number, owner: LockOwner): Promise<boolean> {
  const tmp = path.join(lockDir, `${TMP_PREFIX}${owner.token}`);
  try {
    await fs.writeFile(tmp, JSON.stringify(owner));
    await fs.link(tmp, epochFile(lockDir, epoch));
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  } finally {
    await fs.rm(tmp, { force: true });
  }
}

/** Removes holdings below the one before `epoch`, and temporary files of processes killed while taking the lock. */
async function prune(lockDir: string, epoch: number, staleMs: number): Promise<void> {
  for (const name of await fs.readdir(lockDir).catch(() => [] as string[])) {
    const n = Number(name);
    if (/^\d+$/.test(name) && n < epoch - 1) await fs.rm(path.join(lockDir, name), { force: true });
    if (name.startsWith(TMP_PREFIX)) {
      const info = await fs.stat(path.join(lockDir, name)).catch(() => null);
      if (info && Date.now() - info.mtimeMs > staleMs) await fs.rm(path.join(lockDir, name), { force: true });
    }
  }
}
