/**
 * The event loop's stalls as a timer ticking every millisecond sees them: a tick that comes late
 * means the loop was held (by a parse, a read, an answer) for the time since the tick before.
 */
import { performance } from 'node:perf_hooks';

/** Gaps between ticks shorter than this are the timer's own jitter, not kept. */
const KEEP_OVER_MS = 3;

export interface LoopStalls {
  /**
   * The longest the loop was held inside [from, to] (performance.now() times), ms: each gap between
   * ticks clipped to the window, so that work just before or after it (a question answered the moment
   * a swap ends, before the next tick) is not counted as its own; 0 when none.
   */
  longestWithin(from: number, to: number): number;
  /** The longest gap seen since the start, ms. */
  longest(): number;
  stop(): void;
}

export function watchLoopStalls(tickMs = 1): LoopStalls {
  const gaps: { start: number; end: number }[] = [];
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    if (now - last > KEEP_OVER_MS) gaps.push({ start: last, end: now });
    last = now;
  }, tickMs);
  timer.unref();
  return {
    longestWithin: (from, to) => gaps.reduce((m, g) => Math.max(m, Math.min(g.end, to) - Math.max(g.start, from)), 0),
    longest: () => gaps.reduce((m, g) => Math.max(m, g.end - g.start), 0),
    stop: () => clearInterval(timer),
  };
}
