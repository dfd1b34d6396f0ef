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

/** @throws FeedFormatError when the text is not an RSS or Atom feed. */
export function parseFeedItems(xml: string, feedUrl: string): ParsedFeed {
  let feed: ReturnType<typeof parseFeed>;
  try {
    feed = parseFeed(xml);
  } catch (err) {
    throw new FeedFormatError(`not an RSS or Atom feed (${(err as Error).message})`);
  }
  const items: FeedItem[] = [];
  let ignored = 0;
  for (const item of feed.items) {
    const link = item.url && URL.canParse(item.url, feedUrl) ? new URL(item.url, feedUrl) : undefined;
    // A link with a user name or password is no link to store (see credentials.ts).
    if (!link || !/^https?:$/.test(link.protocol) || link.username || link.password) {
      ignored++;
      continue;
    }
    const out: FeedItem = { key: item.id?.trim() || link.href, url: link.href };
    const title = item.title?.replace(/\s+/g, ' ').trim();
    if (title) out.title = title;
    const published = day(item.published ?? item.updated);
    if (published) out.published = published;
    items.push(out);
  }
  const out: ParsedFeed = { items, ignored };
  const title = feed.title?.replace(/\s+/g, ' ').trim();
  if (title) out.title = title;
  return out;
}
