/**
 * The file lock's heartbeat (see file-lock.ts): the mtime of every holding this process has is
 * refreshed now and then, so other processes can tell a live holder from a gone one.
 */
import fs from 'node:fs/promises';
import { Worker } from 'node:worker_threads';

/**
 * The heartbeat: one worker thread per process refreshes the mtime of every holding this process
 * has. A thread of its own keeps beating while the main thread runs a long synchronous step (an
 * HNSW graph build); if no worker can start, a timer on this thread does it.
 */
const HEARTBEAT_CODE = `
const fs = require('node:fs');
const { parentPort } = require('node:worker_threads');
const timers = new Map();
parentPort.on('message', (m) => {
  if (m.add) {
    timers.set(m.add, setInterval(() => { try { const t = new Date(); fs.utimesSync(m.add, t, t); } catch {} }, m.every));
  } else if (m.remove) {
    clearInterval(timers.get(m.remove));
    timers.delete(m.remove);
  }
  parentPort.postMessage({ done: m.id });
});
`;

export const heartbeat = (() => {
  let worker: Worker | null = null;
  let nextId = 1;
  const pending = new Map<number, () => void>();
  /** Every holding beating now, and how often, whichever thread beats it. */
  const beating = new Map<string, number>();
  const local = new Map<string, NodeJS.Timeout>();

  const beatHere = (file: string, every: number) => {
    const timer = setInterval(() => void fs.utimes(file, new Date(), new Date()).catch(() => undefined), every);
    timer.unref();
    local.set(file, timer);
  };

  const start = (): Worker | null => {
    if (worker) return worker;
    try {
      const w = new Worker(HEARTBEAT_CODE, { eval: true });
      w.unref();
      w.on('message', (m: { done: number }) => {
        pending.get(m.done)?.();
        pending.delete(m.done);
        // Idle, the heartbeat never keeps the process alive; waited on, it must.
        if (pending.size === 0) w.unref();
      });
      w.on('error', () => undefined);
      w.on('exit', () => {
        if (worker !== w) return;
        worker = null;
        for (const done of pending.values()) done();
        pending.clear();
        // A thread that died must not take the holdings with it: this thread beats them from now on.
        for (const [file, every] of beating) if (!local.has(file)) beatHere(file, every);
      });
      worker = w;
      return w;
    } catch {
      return null;
    }
  };

  const send = (w: Worker, message: object): Promise<void> =>
    new Promise((resolve) => {
      const id = nextId++;
      pending.set(id, resolve);
      w.ref();
      w.postMessage({ ...message, id });
    });

  return {
    async add(file: string, every: number): Promise<void> {
      beating.set(file, every);
      const w = start();
      if (w) return send(w, { add: file, every });
      beatHere(file, every);
    },
    async remove(file: string): Promise<void> {
      beating.delete(file);
      clearInterval(local.get(file));
      local.delete(file);
      if (worker) await send(worker, { remove: file });
    },
  };
})();
