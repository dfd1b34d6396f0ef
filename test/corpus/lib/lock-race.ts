/**
 * Racing real processes for a file lock (lock-child.ts): plant a stale holding as another process
 * would leave it, start contenders, release them at the same moment, read what each did.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { LockOwner } from '../../../src/corpus/file-lock.js';

const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const CHILD = path.resolve('test/corpus/lib/lock-child.ts');

/** A holding as another process left it: numbered `epoch`, naming `owner`, its heartbeat `ageMs` old. */
export function plantHolding(lockDir: string, epoch: number, owner: Partial<LockOwner>, ageMs: number): void {
  fs.mkdirSync(lockDir, { recursive: true });
  const file = path.join(lockDir, String(epoch));
  fs.writeFileSync(file, JSON.stringify({ token: 'planted', pid: 1, host: os.hostname(), since: new Date(0).toISOString(), ...owner }));
  const at = new Date(Date.now() - ageMs);
  fs.utimesSync(file, at, at);
}

/** The pid of a process that has exited. */
export const deadPid = () => spawnSync(process.execPath, ['-e', '0']).pid!;

export interface Race {
  holds: number;
  overlaps: number;
  /** Whether the log reads in, out, in, out… with each out by the process of the in before it. */
  alternates: boolean;
  codes: Array<number | null>;
  /** From the release of the contenders to the last one's exit. */
  ms: number;
}

export interface RaceArgs {
  holdMs: number;
  staleMs: number;
  heartbeatMs: number;
  /** Hold with the main thread busy (a synchronous loop) instead of waiting. */
  block?: boolean;
}

/** Starts `n` contenders for `lockDir`, waits until each has loaded, releases them at once, reads their log. */
export async function race(lockDir: string, workRoot: string, n: number, args: RaceArgs): Promise<Race> {
  fs.mkdirSync(workRoot, { recursive: true });
  const work = fs.mkdtempSync(path.join(workRoot, 'race-'));
  const argv = [lockDir, work, String(args.holdMs), String(args.staleMs), String(args.heartbeatMs), ...(args.block ? ['block'] : [])];
  const children = Array.from({ length: n }, () => spawn(process.execPath, ['--import', TSX, CHILD, ...argv], { stdio: ['ignore', 'ignore', 'inherit'] }));
  const exited = children.map((c) => new Promise<number | null>((resolve) => c.on('exit', (code) => resolve(code))));
  const readyDir = path.join(work, 'ready');
  while ((fs.existsSync(readyDir) ? fs.readdirSync(readyDir).length : 0) < n) await new Promise((r) => setTimeout(r, 20));
  const started = performance.now();
  fs.writeFileSync(path.join(work, 'go'), '');
  const codes = await Promise.all(exited);
  const ms = performance.now() - started;
  const log = path.join(work, 'log');
  const lines = fs.existsSync(log) ? fs.readFileSync(log, 'utf8').trim().split('\n').map((l) => l.split(' ')) : [];
  const events = lines.filter(([kind]) => kind !== 'overlap');
  const alternates = events.every(([kind, pid], i) => (i % 2 === 0 ? kind === 'in' : kind === 'out' && pid === events[i - 1]![1]));
  return { holds: events.filter(([k]) => k === 'in').length, overlaps: lines.filter(([k]) => k === 'overlap').length, alternates, codes, ms };
}
