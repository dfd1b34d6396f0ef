/**
 * RSS 2.0 and Atom (and RSS 1.0) feeds to a list of items, with @rowanmanning/feed-parser: it is
 * built on fast-xml-parser (no DOM, no script, no network), normalises both formats to one shape
 * (link from `<link>` or `<link rel="alternate">`, date from `pubDate`, `published`, `updated` or
 * `dc:date`), resolves relative links, and is tested against real-world feeds that bend the specs.
 */
import { parseFeed } from '@rowanmanning/feed-parser';
import { normaliseDate } from '../corpus/metadata.js';

export interface FeedItem {
  /** What identifies the item across reads: its guid / id, else its link. */
  key: string;
  url: string;
  title?: string;
  /** `YYYY-MM-DD`. */
  published?: string;
}

export interface ParsedFeed {
  title?: string;
  items: FeedItem[];
  /** Items passed over (no usable link, or one with a user name or password). */
  ignored: number;
  /** Older items left out, past the most a read takes (FEED_MAX_ITEMS). */
  dropped: number;
}

export class FeedFormatError extends Error {
  override readonly name = 'FeedFormatError';
}

function day(date: Date | null): string | undefined {
  if (!date) return undefined;
  try {
    return normaliseDate(date);
  } catch {
    return undefined;
  }
}

export const DEFAULT_FEED_MAX_ITEMS = 200;

type Feed = ReturnType<typeof parseFeed>;

/**
 * The parser with the feed's own URL read once. It reads it again for every item, to resolve the
 * item's link, by scanning every element of the feed: time grew with the square of the items
 * (measured: 8,000 items, 1.2 MB, took 32 s; read once, 0.45 s).
 */
function parseOnce(xml: string): Feed {
  const feed = parseFeed(xml);
  Object.defineProperty(feed, 'url', { value: feed.url });
  return feed;
}

/**
 * The `max` newest of `items` (by date; undated ones after the dated, by their place in the feed),
 * still in the feed's order.
 */
function newest<T extends { date: Date | null }>(items: T[], max: number): T[] {
  if (items.length <= max) return items;
  const rank = items.map((item, at) => ({ at, time: item.date?.getTime() ?? -Infinity }));
  rank.sort((a, b) => b.time - a.time || a.at - b.at);
  const kept = new Set(rank.slice(0, max).map((r) => r.at));
  return items.filter((_, at) => kept.has(at));
}

/**
 * The feed's items with a usable link, at most `maxItems` of them, the newest.
 * @throws FeedFormatError when the text is not an RSS or Atom feed.
 */
export function parseFeedItems(xml: string, feedUrl: string, maxItems = DEFAULT_FEED_MAX_ITEMS): ParsedFeed {
  let feed: Feed;
  try {
    feed = parseOnce(xml);
  } catch (err) {
    throw new FeedFormatError(`not an RSS or Atom feed (${(err as Error).message})`);
  }
  const all = feed.items.map((item) => ({ item, date: item.published ?? item.updated }));
  const kept = newest(all, maxItems);
  const items: FeedItem[] = [];
  let ignored = 0;
  for (const { item, date } of kept) {
    const link = item.url && URL.canParse(item.url, feedUrl) ? new URL(item.url, feedUrl) : undefined;
    // A link with a user name or password is no link to store (see credentials.ts).
    if (!link || !/^https?:$/.test(link.protocol) || link.username || link.password) {
      ignored++;
      continue;
    }
    const out: FeedItem = { key: item.id?.trim() || link.href, url: link.href };
    const title = item.title?.replace(/\s+/g, ' ').trim();
    if (title) out.title = title;
    const published = day(date);
    if (published) out.published = published;
    items.push(out);
  }
  const out: ParsedFeed = { items, ignored, dropped: all.length - kept.length };
  const title = feed.title?.replace(/\s+/g, ' ').trim();
  if (title) out.title = title;
  return out;
}
