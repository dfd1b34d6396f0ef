/**
 * Feeds are read in time linear in their items and at most FEED_MAX_ITEMS of them, the newest: a
 * feed of 8,000 items took 32 s in the parser, on the main thread, and every item was then fetched.
 */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetcherFromConfig, formatFeedReports, ingestFeeds, parseFeedItems } from '../../src/ingest/index.js';
import { tempDir } from '../helpers/fixtures.js';
import { TestSite } from './site.js';
import { ingestTestConfig } from './ingest-config.js';

const day = (n: number) => new Date(Date.UTC(2031, 0, 1 + n)).toUTCString();
const item = (i: number, date: string | null) =>
  `<item><title>Item ${i}</title><link>https://a.example/news/${i}</link><guid>g-${i}</guid>${date ? `<pubDate>${date}</pubDate>` : ''}</item>`;
const rss = (items: string[]) => `<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><link>https://a.example/</link>${items.join('')}</channel></rss>`;

describe('parsing a long feed', () => {
  it('takes 8,000 items in well under the 32 s it took, and keeps the 200 newest', () => {
    const xml = rss(Array.from({ length: 8000 }, (_, i) => item(i, day(i % 365))));
    const started = performance.now();
    const all = parseFeedItems(xml, 'https://a.example/feed.rss', Infinity);
    const ms = performance.now() - started;
    expect(all.items).toHaveLength(8000);
    expect(ms).toBeLessThan(5000);
    const capped = parseFeedItems(xml, 'https://a.example/feed.rss');
    expect(capped.items).toHaveLength(200);
    expect(capped.dropped).toBe(7800);
    // Days 364 down to 359 occur 21–22 times each in 8,000 items: the 200 newest are from those days.
    expect(new Set(capped.items.map((i) => i.published)).size).toBeLessThanOrEqual(10);
    expect(capped.items.every((i) => i.published! >= '2031-12-20')).toBe(true);
  });

  it('keeps the newest by date, undated last, in the order the feed lists them', () => {
    const xml = rss([item(0, day(5)), item(1, null), item(2, day(9)), item(3, day(1)), item(4, day(7))]);
    expect(parseFeedItems(xml, 'https://a.example/f', 2).items.map((i) => i.key)).toEqual(['g-2', 'g-4']);
    expect(parseFeedItems(xml, 'https://a.example/f', 5).items.map((i) => i.key)).toEqual(['g-0', 'g-1', 'g-2', 'g-3', 'g-4']);
    expect(parseFeedItems(rss([item(0, null), item(1, null), item(2, day(3))]), 'https://a.example/f', 2).items.map((i) => i.key)).toEqual(['g-0', 'g-2']);
  });
});

describe('reading a long feed', () => {
  let site: TestSite;
  let root: string;
  beforeAll(async () => {
    site = await TestSite.start();
    root = tempDir('sitrep-feed-cap-');
  });
  afterAll(async () => {
    await site?.close();
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  it('fetches only FEED_MAX_ITEMS items and says how many it left out', async () => {
    const items = Array.from({ length: 6 }, (_, i) => `<item><title>Item ${i}</title><link>${site.url(`/missing-${i}`)}</link><guid>m-${i}</guid><pubDate>${day(i)}</pubDate></item>`);
    const url = site.serve('/long.rss', rss(items), 'application/rss+xml');
    const config = ingestTestConfig(root, { FEED_MAX_ITEMS: '2' });
    const reports = await ingestFeeds(config, [url], { fetcher: fetcherFromConfig(config, { retries: 0 }) });
    expect(reports[0]).toMatchObject({ status: 'read', items: 2, fresh: 2, dropped: 4 });
    expect([0, 1, 2, 3, 4, 5].map((i) => site.hits(`/missing-${i}`))).toEqual([0, 0, 0, 0, 1, 1]);
    expect(formatFeedReports(reports)[0]).toContain('4 older items left out, past FEED_MAX_ITEMS');
  });
});
