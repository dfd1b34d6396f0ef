/** A per-user sliding-window limit on questions. */

export interface RateLimitOptions {
  /** Questions allowed per window. */
  max: number;
  windowMs: number;
  /** Clock, for tests. Default: `Date.now`. */
  now?: () => number;
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

export class RateLimiter {
  private readonly hits = new Map<string, number[]>();
  private readonly now: () => number;

  constructor(private readonly options: RateLimitOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Records a question by `userId` when allowed; otherwise says how long until the next one is. */
  take(userId: string): RateDecision {
    const now = this.now();
    const since = now - this.options.windowMs;
    const recent = (this.hits.get(userId) ?? []).filter((t) => t > since);
    if (recent.length >= this.options.max) {
      this.hits.set(userId, recent);
      return { allowed: false, retryAfterMs: recent[0]! + this.options.windowMs - now };
    }
    recent.push(now);
    this.hits.set(userId, recent);
    this.prune(since);
    return { allowed: true };
  }

  /** Forgets users with no question in the window, so the map does not grow with every user ever seen. */
  private prune(since: number): void {
    if (this.hits.size < 1000) return;
    for (const [user, times] of this.hits) if (times[times.length - 1]! <= since) this.hits.delete(user);
  }
}

export function retryMessage(retryAfterMs: number): string {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return `You're asking questions faster than I can take them. Please try again in ${seconds} s.`;
}
