/**
 * A feed listing more items than the seen list keeps, and links already in the corpus: neither is
 * fetched again. Before, a feed of over MAX_SEEN items had its oldest ones fetched again at every
 * read (forgotten from the seen list while still listed), and a link already stored was fetched
 * before the catalogue was asked.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config.js';
import { addInputs, fetcherFromConfig, ingestFeeds } from '../../src/ingest/index.js';
import { MAX_SEEN, markSeen, type FeedState } from '../../src/ingest/state.js';
import { tempDir } from '../helpers/fixtures.js';
import { TestSite } from './site.js';
import { ingestTestConfig } from './ingest-config.js';

describe('the seen list', () => {
  it('forgets the oldest keys past its size, but never one the feed still lists', () => {
    const feed: FeedState = { seen: ['a', 'b', 'c'] };
    markSeen(feed, ['d', 'e'], new Set(['a', 'e']), 3);
    expect(feed.seen).toEqual(['a', 'd', 'e']);
    // Everything listed: all kept, however many.
    markSeen(feed, ['f', 'g'], new Set(['a', 'd', 'e', 'f', 'g']), 3);
    expect(feed.seen).toEqual(['a', 'd', 'e', 'f', 'g']);
    markSeen(feed, [], new Set(), 3);
    expect(feed.seen).toEqual(['e', 'f', 'g']);
  });
});

describe('reading again', () => {
  let site: TestSite;
  let root: string;
  let config: Config;
  const fetcher = () => fetcherFromConfig(config, { retries: 0 });
  const itemHits = () => site.requests.filter((r) => r.path.startsWith('/gone-')).length;

  beforeAll(async () => {
    site = await TestSite.start();
    root = tempDir('sitrep-feed-seen-');
    config = ingestTestConfig(root, { FEED_MAX_ITEMS: '10000' });
  });
  afterAll(async () => {
    await site?.close();
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  it(`fetches none of a ${MAX_SEEN + 100}-item feed's items on the second read`, async () => {
    const n = MAX_SEEN + 100;
    // Every item is a 404: refused for good, so remembered only in the seen list, not the corpus.
    const items = Array.from({ length: n }, (_, i) => `<item><title>Item ${i}</title><link>${site.url(`/gone-${i}`)}</link><guid>gone-${i}</guid></item>`);
    // No ETag: the server sends the whole feed every time.
    const feed = site.serve('/big.rss', `<?xml version="1.0"?><rss version="2.0"><channel><title>Big</title>${items.join('')}</channel></rss>`, 'application/rss+xml');
    const [one] = await ingestFeeds(config, [feed], { fetcher: fetcher() });
    expect(one).toMatchObject({ status: 'read', items: n, fresh: n });
    expect(itemHits()).toBe(n);
    const [two] = await ingestFeeds(config, [feed], { fetcher: fetcher() });
    // It was 100 again, at every read.
    expect(two).toMatchObject({ status: 'read', items: n, fresh: 0 });
    expect(itemHits()).toBe(n);
    const state = JSON.parse(fs.readFileSync(config.INGEST_STATE_FILE, 'utf8'));
    expect(state.feeds[feed].seen).toHaveLength(n);
  }, 60_000);

  it('answers a link already in the corpus as a duplicate without fetching it', async () => {
    const url = site.url('/news/c');
    const [first] = await addInputs(config, [url], { fetcher: fetcher() });
    expect(first!.status).toBe('added');
    expect(site.hits('/news/c')).toBe(1);
    const [again] = await addInputs(config, [url], { fetcher: fetcher() });
    expect(again).toMatchObject({ status: 'duplicate', by: 'url', file: (first as { file: string }).file });
    expect(site.hits('/news/c')).toBe(1);
    // A feed read afresh (its state lost) costs no page request for what the corpus holds.
    const feed = site.serve('/one.rss', `<?xml version="1.0"?><rss version="2.0"><channel><title>One</title><item><title>C</title><link>${url}</link><guid>c</guid></item></channel></rss>`, 'application/rss+xml');
    const [read] = await ingestFeeds(config, [feed], { fetcher: fetcher() });
    expect(read!.outcomes.map((o) => o.status)).toEqual(['duplicate']);
    expect(site.hits('/news/c')).toBe(1);
  });
});
