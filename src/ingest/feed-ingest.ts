/**
 * Reads feeds and adds the items not seen before. A feed unchanged since the last read costs one
 * conditional request (ETag / Last-Modified → 304). An item is remembered as seen once it is added,
 * found to be a duplicate, or refused for good; one that failed for a passing reason (a timeout, a
 * server error) is tried again on the next read, and so the feed's validators are kept back then.
 */
import { isXml } from './content-type.js';
import { FetchError } from './errors.js';
import type { IngestSession } from './session.js';
import { markSeen } from './state.js';
import type { FeedReport } from './types.js';

export async function readFeed(session: IngestSession, feed: string): Promise<FeedReport> {
  const state = (session.state.feeds[feed] ??= { seen: [] });
  const report = (r: Omit<FeedReport, 'feed' | 'items' | 'fresh' | 'outcomes'> & Partial<FeedReport>): FeedReport => ({
    feed,
    items: 0,
    fresh: 0,
    outcomes: [],
    ...r,
  });

  let fetched;
  try {
    fetched = await session.fetcher.fetch(feed, { etag: state.etag, lastModified: state.lastModified });
  } catch (err) {
    if (err instanceof FetchError) return report({ status: 'failed', reason: err.message });
    throw err;
  }
  state.readAt = new Date().toISOString();
  if (fetched.notModified) return report({ status: 'not-modified' });
  if (!isXml(fetched.mime)) return report({ status: 'failed', reason: `not a feed: the URL serves ${fetched.mime} (use npm run add for a page)` });

  // In the page reader's worker: parsing a long feed held the event loop for a third of a second.
  const read = await session.readFeed(fetched.text, fetched.url, session.config.FEED_MAX_ITEMS);
  if (!read.ok) return report({ status: 'failed', reason: read.reason });
  const parsed = read.feed;
  const seen = new Set(state.seen);
  // The first of each key not seen before; a set, as looking each key up in the list is quadratic.
  const fresh = parsed.items.filter((item) => !seen.has(item.key) && (seen.add(item.key), true));
  const outcomes = await session.addAll(
    fresh.map((item) => ({ input: item.url, hints: { title: item.title, published: item.published, source: parsed.title } })),
  );
  const retryLater = new Set(outcomes.filter((o) => o.status === 'skipped' && o.transient).map((o) => o.input));
  const listed = new Set(parsed.items.map((item) => item.key));
  markSeen(state, fresh.filter((item) => !retryLater.has(item.url)).map((item) => item.key), listed);
  if (retryLater.size === 0) {
    state.etag = fetched.etag;
    state.lastModified = fetched.lastModified;
  }
  const out = report({ status: 'read', items: parsed.items.length, fresh: fresh.length, outcomes });
  if (parsed.dropped > 0) out.dropped = parsed.dropped;
  if (parsed.title) out.title = parsed.title;
  return out;
}

/** Every feed once, one after another (each feed's items are fetched a few at a time). */
export async function readFeeds(session: IngestSession, feeds: readonly string[]): Promise<FeedReport[]> {
  const reports: FeedReport[] = [];
  for (const feed of feeds) reports.push(await readFeed(session, feed));
  return reports;
}
