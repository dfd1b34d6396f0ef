/**
 * Work cut into pieces: a generator yields between pieces, and is either run to its end at once (a
 * one-shot process) or a few milliseconds at a time with a turn of the event loop in between (a
 * running server, whose loop must keep answering).
 */
import { performance } from 'node:perf_hooks';

/** A turn of the event loop: timers and I/O callbacks waiting behind the work run first. */
export const nextTurn = (): Promise<void> => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Work done between two turns at most, give or take one piece: small enough that a question asked
 * meanwhile waits a few milliseconds, large enough that the turns themselves cost little.
 */
export const STEP_BUDGET_MS = 4;

/** Runs `work` to its end at once. */
export function runWhole<T>(work: Generator<void, T>): T {
  for (;;) {
    const next = work.next();
    if (next.done) return next.value;
  }
}

/** Runs `work` to its end, awaiting `step` after each `budgetMs` of it. */
export async function runInSteps<T>(work: Generator<void, T>, step: () => Promise<void> = nextTurn, budgetMs = STEP_BUDGET_MS): Promise<T> {
  let started = performance.now();
  for (;;) {
    const next = work.next();
    if (next.done) return next.value;
    if (performance.now() - started > budgetMs) {
      await step();
      started = performance.now();
    }
  }
}
