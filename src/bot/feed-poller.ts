/**
 * With FEED_POLL_MINUTES set, the bot reads FEEDS once at start and then on that schedule, and swaps
 * in the new index. Polls never overlap; a failed poll is logged and the next one runs as planned.
 */
import type { BotContext } from './command.js';
import { pollFeedsAndIndex } from './ingest-flow.js';

export interface FeedPoller {
  /** The poll in progress, if any (tests and shutdown can wait for it). */
  readonly current: Promise<void> | null;
  stop(): void;
}

export function startFeedPoller(ctx: BotContext, intervalMs: number, poll: (ctx: BotContext) => Promise<unknown> = pollFeedsAndIndex): FeedPoller {
  let current: Promise<void> | null = null;
  let stopped = false;
  const run = () => {
    if (stopped || current) return;
    current = poll(ctx)
      .then(() => undefined)
      .catch((err: unknown) => ctx.logger.error({ err }, 'feed poll failed; the next one runs as planned'))
      .finally(() => (current = null));
  };
  const timer = setInterval(run, intervalMs);
  // The first read happens at start: a restarted bot catches up at once.
  setImmediate(run);
  return {
    get current() {
      return current;
    },
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}
