/**
 * The event loop's stalls as a timer ticking every millisecond sees them: a tick that comes late
 * means the loop was held (by a parse, a read, an answer) for the time since the tick before.
 */
import { performance } from 'node:perf_hooks';

/** Gaps between ticks shorter than this are the timer's own jitter, not kept. */
const KEEP_OVER_MS = 3;

export interface LoopStalls {
  /** The longest gap between ticks that overlaps [from, to] (performance.now() times), ms; 0 when none. */
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
  const longest = (keep: (g: { start: number; end: number }) => boolean) => gaps.filter(keep).reduce((m, g) => Math.max(m, g.end - g.start), 0);
  return {
    longestWithin: (from, to) => longest((g) => g.start < to && g.end > from),
    longest: () => longest(() => true),
    stop: () => clearInterval(timer),
  };
}
