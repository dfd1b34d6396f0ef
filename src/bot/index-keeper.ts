/**
 * Keeps the bot's index current: rebuilds it on /reindex (in a child process), and swaps to a new
 * generation whenever the `CURRENT` pointer moves, whoever moved it (`npm run index` included).
 * Reloads run one at a time; a reload that fails leaves the index in use untouched. A reload reads
 * the new generation in steps (`Sitrep.reload`, store/read-in-steps.ts), so questions are answered
 * from the index in use while it runs.
 */
import fs from 'node:fs';
import path from 'node:path';
import { resolveDir, type Config } from '../config.js';
import type { IndexSummary, Sitrep } from '../sitrep.js';
import { POINTER_FILE } from '../store/generations.js';
import { buildInChildProcess, type BuildRunner } from './build-in-child.js';
import type { Logger } from './logger.js';

/** How often the pointer file is checked for a new generation. */
export const DEFAULT_WATCH_INTERVAL_MS = 2000;

export class ReindexBusyError extends Error {
  override readonly name = 'ReindexBusyError';
  constructor() {
    super('A re-index is already running. Its result will be posted where it was started.');
  }
}

export interface RebuildResult {
  summary: IndexSummary;
  /** Whether the bot swapped to a new index (false when the corpus had not changed). */
  swapped: boolean;
}

export class IndexKeeper {
  private reloading: Promise<boolean> = Promise.resolve(false);
  private building: AbortController | null = null;
  private pointer: string;
  private watching = false;
  private readonly swapListeners: (() => void)[] = [];

  constructor(
    private readonly sitrep: Sitrep,
    private readonly config: Config,
    private readonly logger: Logger,
    private readonly build: BuildRunner = buildInChildProcess,
  ) {
    this.pointer = path.join(resolveDir(config.INDEX_DIR), POINTER_FILE);
  }

  get rebuilding(): boolean {
    return this.building !== null;
  }

  /** Swaps to the generation on disk if it is new; queued behind any reload in progress. */
  reload(): Promise<boolean> {
    const next = this.reloading.then(async () => {
      try {
        const swapped = await this.sitrep.reload();
        if (swapped) {
          this.logger.info({ index: this.sitrep.info() }, 'index reloaded');
          for (const listener of this.swapListeners) listener();
        }
        return swapped;
      } catch (err) {
        this.logger.error({ err }, 'the new index could not be loaded; still answering from the previous one');
        return false;
      }
    });
    this.reloading = next;
    return next;
  }

  /** Calls `listener` after every swap to a new index (it must not throw; it may start work of its own). */
  onSwap(listener: () => void): void {
    this.swapListeners.push(listener);
  }

  /** Rebuilds the index off the event loop, then swaps to it. Throws ReindexBusyError when one is running. */
  async rebuild(onProgress?: (done: number, total: number) => void): Promise<RebuildResult> {
    if (this.building) throw new ReindexBusyError();
    const controller = new AbortController();
    this.building = controller;
    try {
      const summary = await this.build(this.config, { onProgress, signal: controller.signal });
      const swapped = await this.reload();
      return { summary, swapped };
    } finally {
      this.building = null;
    }
  }

  /** Polls the pointer file (a stat per interval): it is replaced by rename, which a stat sees and an inotify watch on the old file would not. */
  watch(intervalMs = DEFAULT_WATCH_INTERVAL_MS): void {
    if (this.watching) return;
    this.watching = true;
    fs.watchFile(this.pointer, { interval: intervalMs, persistent: false }, (cur, prev) => {
      if (cur.mtimeMs !== prev.mtimeMs || cur.ino !== prev.ino) void this.reload();
    });
  }

  /** Stops watching and stops a build in progress (its half-written generation is never published). */
  stop(): void {
    if (this.watching) fs.unwatchFile(this.pointer);
    this.watching = false;
    this.building?.abort();
  }
}
