import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BotContext } from '../../src/bot/command.js';
import { startFeedPoller } from '../../src/bot/feed-poller.js';

afterEach(() => {
  vi.useRealTimers();
});

const ctx = (errors: unknown[] = []) => ({ logger: { error: (o: unknown) => errors.push(o) } }) as unknown as BotContext;

describe('the feed poller', () => {
  it('reads at start, then once per interval, never two polls at once, and stops', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'setImmediate'] });
    let running = 0;
    let most = 0;
    let calls = 0;
    let release: () => void = () => undefined;
    const poll = () => {
      calls++;
      running++;
      most = Math.max(most, running);
      return new Promise<void>((resolve) => (release = () => (running--, resolve())));
    };
    const poller = startFeedPoller(ctx(), 1000, poll);
    vi.advanceTimersByTime(0);
    expect(calls).toBe(1);
    // A poll still running when the next is due: the next one is skipped, not stacked.
    vi.advanceTimersByTime(3000);
    expect(calls).toBe(1);
    release();
    await poller.current;
    vi.advanceTimersByTime(1000);
    expect(calls).toBe(2);
    release();
    await poller.current;
    poller.stop();
    vi.advanceTimersByTime(5000);
    expect(calls).toBe(2);
    expect(most).toBe(1);
  });

  it('logs a failed poll and polls again on schedule', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'setImmediate'] });
    const errors: unknown[] = [];
    let calls = 0;
    const poller = startFeedPoller(ctx(errors), 1000, async () => {
      calls++;
      throw new Error('feed host unreachable');
    });
    vi.advanceTimersByTime(0);
    await poller.current;
    vi.advanceTimersByTime(1000);
    await poller.current;
    poller.stop();
    expect(calls).toBe(2);
    expect(errors).toHaveLength(2);
  });
});
