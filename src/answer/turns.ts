/**
 * Answers take turns on the event loop. An answer is CPU work whose awaits resolve at once (GloVe
 * embeds synchronously), so a burst of questions would run back to back in one stretch of
 * microtasks and hold the loop for their combined time: 200 /ask at once held it for 3.9 s, long
 * enough for new interactions to miss Discord's 3-second acknowledgement. Each turn starts in a
 * loop iteration of its own, so timers, network I/O and heartbeats run between two answers.
 */
export type TakeTurn = () => Promise<void>;

/** A queue of turns, granted one per event-loop iteration, first come first served. */
export function createTurns(): TakeTurn {
  const waiting: Array<() => void> = [];
  let scheduled = false;
  const grant = () => {
    scheduled = false;
    waiting.shift()?.();
    // Scheduled from inside the check phase, the next grant waits for the next loop iteration.
    if (waiting.length > 0) schedule();
  };
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(grant);
  };
  return () =>
    new Promise<void>((resolve) => {
      waiting.push(resolve);
      schedule();
    });
}
