/**
 * The lock shared by index builds, the GloVe cache and the corpus writer: contenders run as real
 * processes (lib/lock-child.ts), released at the same moment, against a stale holding.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { acquireLock, LockBusyError, lockHolder, releaseLock, staleReason, withFileLock, type LockOwner, type Self } from '../../src/corpus/file-lock.js';
import { tempDir } from '../helpers/fixtures.js';
import { deadPid, plantHolding, race } from './lib/lock-race.js';

const roots: string[] = [];
afterAll(() => roots.forEach((r) => fs.rmSync(r, { recursive: true, force: true })));
const newRoot = () => {
  const r = tempDir('sitrep-lock-');
  roots.push(r);
  return r;
};

const me = (tokens: string[] = []): Self => ({ pid: 4242, host: 'here', tokens: new Set(tokens), isAlive: (pid) => pid === 4242 || pid === 77 });
const owner = (pid: number, host = 'here', token = 't'): LockOwner => ({ token, pid, host, since: '' });

describe('staleReason', () => {
  const now = 1_000_000;
  it('respects a live holder with a fresh heartbeat', () => {
    expect(staleReason(owner(77), now - 1000, now, 30_000, me())).toBeNull();
    expect(staleReason(owner(4242, 'here', 'mine'), now - 1000, now, 30_000, me(['mine']))).toBeNull();
    // Another host's pid says nothing about this host's processes.
    expect(staleReason(owner(5, 'elsewhere'), now - 1000, now, 30_000, me())).toBeNull();
    expect(staleReason(null, now - 1000, now, 30_000, me())).toBeNull();
  });
  it('takes over a holding whose heartbeat stopped, whoever it names', () => {
    expect(staleReason(owner(77), now - 31_000, now, 30_000, me())).toMatch(/no heartbeat for 31 s/);
    expect(staleReason(owner(5, 'elsewhere'), now - 31_000, now, 30_000, me())).toMatch(/no heartbeat/);
    expect(staleReason(null, now - 31_000, now, 30_000, me())).toMatch(/no heartbeat/);
  });
  it('takes over at once a holding that names this pid but is not this process\'s, or a dead process', () => {
    expect(staleReason(owner(4242, 'here', 'earlier'), now - 10, now, 30_000, me(['mine']))).toMatch(/earlier process with the same pid/);
    expect(staleReason(owner(99), now - 10, now, 30_000, me())).toMatch(/process 99 has exited/);
  });
  it('treats a released holding as free', () => {
    expect(staleReason(owner(77), 0, now, 30_000, me())).toBe('released');
  });
});

describe('withFileLock between processes', () => {
  it('never lets two of 8 processes that all find the same stale lock hold it at once', async () => {
    for (const [round, stale] of [
      ['a dead process', { pid: deadPid() }],
      ['a live process whose heartbeat stopped', { pid: process.pid, token: 'not-ours' }],
    ] as const) {
      const lockDir = path.join(newRoot(), 'lock');
      plantHolding(lockDir, 1, stale, round === 'a dead process' ? 0 : 10_000);
      const { ms: _ms, ...result } = await race(lockDir, newRoot(), 8, { holdMs: 40, staleMs: 3000, heartbeatMs: 200 });
      expect({ round, ...result }).toEqual({ round, holds: 8, overlaps: 0, alternates: true, codes: Array(8).fill(0) });
      expect(await lockHolder(lockDir)).toBeNull();
    }
  }, 120_000);

  it('keeps a holder whose main thread is blocked past the stale age: its heartbeat beats in a thread of its own', async () => {
    const lockDir = path.join(newRoot(), 'lock');
    const { ms: _ms, ...result } = await race(lockDir, newRoot(), 3, { holdMs: 1500, staleMs: 500, heartbeatMs: 100, block: true });
    expect(result).toEqual({ holds: 3, overlaps: 0, alternates: true, codes: [0, 0, 0] });
  }, 60_000);
});

describe('withFileLock in this process', () => {
  it('takes over a holding that names this very pid (an earlier process after a restart), heartbeat fresh or stale', async () => {
    for (const age of [0, 60_000]) {
      const lockDir = path.join(newRoot(), 'lock');
      plantHolding(lockDir, 3, { pid: process.pid, token: 'before-restart' }, age);
      const held = await acquireLock(lockDir);
      expect(held).toMatchObject({ epoch: 4, previousToken: 'before-restart' });
      expect((await lockHolder(lockDir))?.pid).toBe(process.pid);
      await releaseLock(lockDir, held);
      expect(await lockHolder(lockDir)).toBeNull();
    }
  });

  it('takes over a live but reused pid once its heartbeat is stale, and respects it while fresh', async () => {
    const lockDir = path.join(newRoot(), 'lock');
    // The parent of this test process is alive: a pid another process holds now.
    plantHolding(lockDir, 1, { pid: process.ppid }, 1000);
    await expect(acquireLock(lockDir, { staleMs: 30_000 })).rejects.toBeInstanceOf(LockBusyError);
    await expect(acquireLock(lockDir, { staleMs: 30_000 })).rejects.toThrow(new RegExp(`held by process ${process.ppid}`));
    const held = await acquireLock(lockDir, { staleMs: 500 });
    expect(held.epoch).toBe(2);
    await releaseLock(lockDir, held);
  });

  it('respects its own live holding, waits for it, and keeps only the last two holdings on disk', async () => {
    const lockDir = path.join(newRoot(), 'lock');
    const order: string[] = [];
    let second: Promise<void> | undefined;
    await withFileLock(lockDir, {}, async () => {
      await expect(acquireLock(lockDir)).rejects.toBeInstanceOf(LockBusyError);
      second = withFileLock(lockDir, { waitMs: 5000, onWait: () => order.push('waits') }, async () => void order.push('second'));
      await new Promise((r) => setTimeout(r, 150));
      order.push('first ends');
    });
    await second;
    expect(order).toEqual(['waits', 'first ends', 'second']);
    for (let i = 0; i < 5; i++) await withFileLock(lockDir, {}, async () => undefined);
    // Holdings 1 to 7: the refused try created none.
    expect(fs.readdirSync(lockDir).sort()).toEqual(['6', '7']);
  });

  it('replaces a lock file left by an older version', async () => {
    const dir = newRoot();
    const lockDir = path.join(dir, 'build.lock');
    fs.writeFileSync(lockDir, '12345');
    const seen = await withFileLock(lockDir, {}, async (held) => held.epoch);
    expect(seen).toBe(1);
    expect(fs.statSync(lockDir).isDirectory()).toBe(true);
  });
});
