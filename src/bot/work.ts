/** Tracks work in flight so that shutdown can stop taking new work and wait for the rest. */
export class WorkTracker {
  private readonly inFlight = new Set<Promise<unknown>>();
  private closed = false;

  get closing(): boolean {
    return this.closed;
  }

  get size(): number {
    return this.inFlight.size;
  }

  /** Runs `fn`, counting it as in flight until it settles. */
  run<T>(fn: () => Promise<T>): Promise<T> {
    const p = fn();
    this.inFlight.add(p);
    const forget = () => this.inFlight.delete(p);
    p.then(forget, forget);
    return p;
  }

  /** Stops taking new work; resolves true when all work in flight settled within `timeoutMs`. */
  async close(timeoutMs: number): Promise<boolean> {
    this.closed = true;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
    const drained = (async () => {
      while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
      return true as const;
    })();
    try {
      return await Promise.race([drained, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
