/** Event-loop watching for tests and the reliability suite. */
import { performance } from 'node:perf_hooks';

/** Runs `fn` and reports the longest gap between ticks of a 10 ms timer meanwhile, and how long it took. */
export async function watchLoop<T>(fn: () => Promise<T>): Promise<{ value: T; stallMs: number; tookMs: number }> {
  const started = performance.now();
  let last = started;
  let stallMs = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    stallMs = Math.max(stallMs, now - last);
    last = now;
  }, 10);
  try {
    const value = await fn();
    const end = performance.now();
    return { value, stallMs: Math.max(stallMs, end - last), tookMs: end - started };
  } finally {
    clearInterval(timer);
  }
}
