/** Feeds: RSS 2.0 and Atom read once, new items added, unchanged feeds cost a 304, failures retried. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { splitFrontMatter } from '../../src/corpus/index.js';
import type { Config } from '../../src/config.js';
import { fetcherFromConfig, formatFeedReports, ingestFeeds, parseFeedItems, type FeedReport } from '../../src/ingest/index.js';
import { tempDir } from '../helpers/fixtures.js';
import { ATOM_ONLY, BRIDGE, CONVOY, FEED_ONLY, atomFeed, rssFeed } from './pages.js';
import { ATOM_LAST_MODIFIED, RSS_ETAG, TestSite } from './site.js';
import { ingestTestConfig } from './ingest-config.js';

let site: TestSite;
let config: Config;
let root: string;
let first: FeedReport[];

const fetcher = () => fetcherFromConfig(config, { retryDelayMs: 20, retries: 0 });
const readState = () => JSON.parse(fs.readFileSync(config.INGEST_STATE_FILE, 'utf8'));
const frontMatter = (file: string) => {
  const fm = splitFrontMatter(fs.readFileSync(path.join(config.CORPUS_DIR, file), 'utf8'));
  return fm.ok ? fm.data : {};
};

beforeAll(async () => {
  site = await TestSite.start();
  root = tempDir('sitrep-feeds-');
  config = ingestTestConfig(root, { INGEST_STATE_FILE: path.join(root, 'data', 'ingest-state.json'), FETCH_TIMEOUT_MS: '300', FEEDS: [site.url('/feed.rss'), site.url('/feed.atom')].join(',') });
  first = await ingestFeeds(config, config.FEEDS, { fetcher: fetcher() });
});
afterAll(async () => {
  await site?.close();
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

describe('parsing feeds', () => {
  it('reads RSS 2.0 items: guid as key, relative links resolved, RFC 822 dates as days', () => {
    const feed = parseFeedItems(rssFeed('https://ledger.example'), 'https://ledger.example/feed.rss');
    expect(feed.title).toBe('The Harbour Ledger');
    expect(feed.items[1]).toEqual({ key: 'dunmore-2031-06-12', url: `https://ledger.example${FEED_ONLY.path}`, title: FEED_ONLY.title, published: '2031-06-12' });
  });

  it('reads Atom entries: id as key, the alternate link, the published date', () => {
    const feed = parseFeedItems(atomFeed('https://dispatch.example'), 'https://dispatch.example/feed.atom');
    expect(feed.items.map((i) => [i.key, i.url, i.published])).toEqual([
      ['urn:test:bridge', 'https://dispatch.example/news/b', BRIDGE.published],
      ['urn:test:grell', `https://dispatch.example${ATOM_ONLY.path}`, ATOM_ONLY.published],
    ]);
  });

  it('refuses a page that is not a feed', () => {
    expect(() => parseFeedItems('<html><body><p>hello</p></body></html>', 'https://x.example/')).toThrow(/not an RSS or Atom feed/);
  });
});

describe('reading FEEDS', () => {
  it('adds every new item of the RSS and the Atom feed, and reports the one that failed', () => {
    expect(first.map((r) => [r.status, r.title, r.items, r.fresh])).toEqual([
      ['read', 'The Harbour Ledger', 3, 3],
      ['read', 'Northern Dispatch', 2, 2],
    ]);
    expect(first[0]!.outcomes.map((o) => [o.input, o.status])).toEqual([
      [site.url('/news/convoy'), 'added'],
      [site.url(FEED_ONLY.path), 'added'],
      [site.url('/missing'), 'skipped'],
    ]);
    expect(first[1]!.outcomes.map((o) => o.status)).toEqual(['added', 'added']);
  });

  it("fills what the page does not say from the feed: the item's date, the feed's title as source", () => {
    expect(frontMatter(`2031-06-12-checkpoint-at-dunmore-crossing-shelled.md`)).toEqual({
      title: FEED_ONLY.title,
      source: 'The Harbour Ledger',
      published: '2031-06-12',
      url: site.url(FEED_ONLY.path),
    });
    expect(frontMatter(`2031-07-19-power-station-at-grell-hit-by-drones.md`)).toMatchObject({ source: 'Northern Dispatch', published: ATOM_ONLY.published });
    expect(frontMatter(`2031-05-10-supply-convoy-ambushed-on-the-northern-highway.md`)).toMatchObject({ title: CONVOY.title, published: CONVOY.published });
  });

  it('keeps the validators and the items seen in the state file', () => {
    const state = readState();
    expect(state.feeds[site.url('/feed.rss')]).toMatchObject({ etag: RSS_ETAG, seen: ['convoy-2031-05-10', 'dunmore-2031-06-12', 'missing-1'] });
    expect(state.feeds[site.url('/feed.atom')]).toMatchObject({ lastModified: ATOM_LAST_MODIFIED, seen: ['urn:test:bridge', 'urn:test:grell'] });
  });

  it('costs one conditional request per unchanged feed on the next read', async () => {
    const pagesBefore = site.requests.filter((r) => r.path.startsWith('/news/')).length;
    const again = await ingestFeeds(config, config.FEEDS, { fetcher: fetcher() });
    expect(again.map((r) => r.status)).toEqual(['not-modified', 'not-modified']);
    expect(site.requests.filter((r) => r.path.startsWith('/news/')).length).toBe(pagesBefore);
  });

  it('reads only unseen items when a feed has changed', async () => {
    const state = readState();
    delete state.feeds[site.url('/feed.rss')].etag;
    fs.writeFileSync(config.INGEST_STATE_FILE, JSON.stringify(state));
    const [rss] = await ingestFeeds(config, [site.url('/feed.rss')], { fetcher: fetcher() });
    expect(rss).toMatchObject({ status: 'read', items: 3, fresh: 0, outcomes: [] });
  });

  it('tries an item that timed out again on the next read, and keeps no validator until it succeeds', async () => {
    const feed = site.url('/feed-slow.rss');
    const [one] = await ingestFeeds(config, [feed], { fetcher: fetcher() });
    expect(one!.outcomes).toMatchObject([{ status: 'skipped', reason: 'timed out after 0.3 s', transient: true }]);
    expect(readState().feeds[feed]).toMatchObject({ seen: [] });
    expect(readState().feeds[feed].etag).toBeUndefined();
    const hits = site.hits('/slow');
    const [two] = await ingestFeeds(config, [feed], { fetcher: fetcher() });
    expect(two!.fresh).toBe(1);
    expect(site.hits('/slow')).toBe(hits + 1);
  });

  it('reports a feed URL that serves a page or nothing, and goes on with the others', async () => {
    const reports = await ingestFeeds(config, [site.url('/world'), site.url('/missing'), site.url('/feed.atom')], { fetcher: fetcher() });
    expect(reports.map((r) => [r.status, r.reason])).toEqual([
      ['failed', 'not a feed: the URL serves text/html (use npm run add for a page)'],
      ['failed', 'the server answered 404 Not Found'],
      ['not-modified', undefined],
    ]);
  });

  it('prints a summary per feed and item', () => {
    const lines = formatFeedReports(first);
    expect(lines[0]).toBe(`feed The Harbour Ledger <${site.url('/feed.rss')}>: 3 items, 3 new`);
    expect(lines).toContain(`  skipped    ${site.url('/missing')}: the server answered 404 Not Found`);
    expect(lines.at(-1)).toBe('2 feeds read: 4 added, 0 already in the corpus, 1 skipped.');
  });

  it('sets a damaged state file aside with a warning instead of failing', async () => {
    fs.writeFileSync(config.INGEST_STATE_FILE, '{ not json');
    const warnings: string[] = [];
    const reports = await ingestFeeds(config, [site.url('/feed.atom')], { fetcher: fetcher(), onWarning: (m) => warnings.push(m) });
    expect(warnings[0]).toMatch(/could not be read and was moved to ingest-state\.json\.damaged-\d+/);
    // Read afresh, every item is recognised as already in the corpus.
    expect(reports[0]!.outcomes.map((o) => o.status)).toEqual(['duplicate', 'duplicate']);
  });
});
