/**
 * Fetched pages read in a worker thread with a time limit: the event loop stays free while a page
 * is read, a page still being read when its time is up is refused with that reason (the worker is
 * terminated; a same-thread race could not interrupt the parser), and the next page gets a fresh
 * worker. Through a feed, such a page is refused for good: remembered as seen, not read at every poll.
 */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { watchLoop } from '../helpers/loop.js';
import { addInputs, addLink, fetcherFromConfig, ingestFeeds } from '../../src/ingest/index.js';
import { createPageReader, defaultPageReader, feedTimedOutReason, timedOutReason } from '../../src/ingest/page-reader.js';
import { parseFeedItems } from '../../src/ingest/feeds.js';
import { readPage } from '../../src/ingest/read-page.js';
import { tempDir, testConfig } from '../helpers/fixtures.js';
import { depotPage } from './pages.js';
import { TestSite } from './site.js';
import { ingestTestConfig } from './ingest-config.js';

const para = '<p>Shelling hit the depot near the river crossing on Tuesday, officials said.</p>\n';
/** 4.5 MB of ordinary paragraphs: about 0.6 s to read here. */
const bigPage = `<html><head><title>Big</title></head><body><article>${para.repeat(Math.floor(4_500_000 / para.length))}</article></body></html>`;

/**
 * The longest the event loop may stall while a page is read off it: well under the 0.6 s the same
 * read holds the loop on the main thread, and well over a busy machine's timer jitter (a 2-core
 * machine under a parallel test run showed 146 ms).
 */
const STALL_LIMIT_MS = 300;


describe('the page reader', () => {
  const reader = createPageReader({ timeoutMs: 5000 });
  const quick = createPageReader({ timeoutMs: 300 });
  afterAll(async () => {
    await reader.close();
    await quick.close();
  });

  it('reads a page as the same-thread reader does', async () => {
    const url = 'https://ledger.example/news/a';
    expect(await reader(depotPage('https://ledger.example'), url, url, { source: 'Wire' })).toEqual(readPage(depotPage('https://ledger.example'), url, url, { source: 'Wire' }));
  }, 20_000);

  it('reads a 4.5 MB page with the event loop free', async () => {
    const { value, stallMs } = await watchLoop(() => reader(bigPage, 'https://a.example/big', 'https://a.example/big'));
    expect(value.ok).toBe(true);
    expect(stallMs).toBeLessThan(STALL_LIMIT_MS);
  }, 20_000);

  it('refuses a page still being read when its time is up, then reads the next in a fresh worker', async () => {
    await quick(depotPage('https://a.example'), 'https://a.example/a', 'https://a.example/a');
    const started = performance.now();
    const { value, stallMs } = await watchLoop(() => quick(bigPage, 'https://a.example/big', 'https://a.example/big'));
    expect(value).toEqual({ ok: false, reason: timedOutReason(300) });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(stallMs).toBeLessThan(STALL_LIMIT_MS);
    // Several at once: each waits its turn, and its time starts when the worker takes it.
    const next = await Promise.all([1, 2].map((i) => quick(depotPage('https://a.example'), `https://a.example/${i}`, `https://a.example/${i}`)));
    expect(next.map((r) => r.ok)).toEqual([true, true]);
  }, 20_000);
});

describe('a page reader whose worker does not start', () => {
  it('fails the page waiting on it (a passing error, tried again later) instead of holding it for ever', async () => {
    const stuck = createPageReader({ startMs: 1 });
    try {
      await expect(stuck(depotPage('https://a.example'), 'https://a.example/a', 'https://a.example/a')).rejects.toThrow(/the page reader stopped \(it did not start within 0.001 s\)/);
    } finally {
      await stuck.close();
    }
  });
});

describe('a feed item that cannot be read in time', () => {
  let site: TestSite;
  let root: string;
  const reader = createPageReader({ timeoutMs: 300 });
  beforeAll(async () => {
    site = await TestSite.start();
    root = tempDir('sitrep-page-reader-');
  });
  afterAll(async () => {
    await reader.close();
    await site?.close();
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  it('is added, when read in time, with the event loop free through the whole add', async () => {
    const page = site.serve('/big-ok', bigPage);
    const config = testConfig({
      CORPUS_DIR: path.join(root, 'corpus-ok'),
      INDEX_DIR: path.join(root, 'index'),
      INGEST_STATE_FILE: path.join(root, 'state-ok.json'),
      FETCH_ALLOW_PRIVATE: '127.0.0.1',
    });
    const patient = createPageReader();
    try {
      await patient('<p>warm</p>', 'https://a.example/', 'https://a.example/');
      // Reading the stored article back (its content hash) is done in the worker too: 0.2 s here.
      const { value, stallMs } = await watchLoop(() => addLink(config, page, { fetcher: fetcherFromConfig(config, { retries: 0 }), readPage: patient }));
      expect(value.status).toBe('added');
      expect(stallMs).toBeLessThan(STALL_LIMIT_MS);
    } finally {
      await patient.close();
    }
  }, 20_000);

  it('is read in the worker by npm run add and npm run ingest too (no reader given), with the event loop free', async () => {
    const page = site.serve('/big-cli', bigPage);
    const config = testConfig({
      CORPUS_DIR: path.join(root, 'corpus-cli'),
      INDEX_DIR: path.join(root, 'index'),
      INGEST_STATE_FILE: path.join(root, 'state-cli.json'),
      FETCH_ALLOW_PRIVATE: '127.0.0.1',
    });
    // One reader for the process, the one every run gets; started before the measure, as above.
    expect(defaultPageReader()).toBe(defaultPageReader());
    await defaultPageReader()('<p>warm</p>', 'https://a.example/', 'https://a.example/');
    // What scripts/add.ts calls: on this thread, this page held the loop about 0.8 s.
    const { value, stallMs } = await watchLoop(() => addInputs(config, [page], { fetcher: fetcherFromConfig(config, { retries: 0 }) }));
    expect(value.map((o) => o.status)).toEqual(['added']);
    expect(stallMs).toBeLessThan(STALL_LIMIT_MS);
  }, 20_000);

  it('is refused with that reason, once: the next read does not fetch it again', async () => {
    const page = site.serve('/big', bigPage);
    const feed = site.serve('/big-page.rss', `<?xml version="1.0"?><rss version="2.0"><channel><title>Big</title><item><title>Big</title><link>${page}</link><guid>big</guid></item></channel></rss>`, 'application/rss+xml');
    const config = ingestTestConfig(root);
    const options = { fetcher: fetcherFromConfig(config, { retries: 0 }), readPage: reader };
    const [one] = await ingestFeeds(config, [feed], options);
    expect(one!.outcomes).toEqual([{ status: 'skipped', input: page, reason: timedOutReason(300), transient: false }]);
    const [two] = await ingestFeeds(config, [feed], options);
    expect(two).toMatchObject({ fresh: 0, outcomes: [] });
    expect(site.hits('/big')).toBe(1);
  }, 20_000);
});

describe('the feed reader', () => {
  const reader = createPageReader({ timeoutMs: 5000 });
  afterAll(() => reader.close());
  const items = (n: number) => Array.from({ length: n }, (_, i) => `<item><title>Item ${i}</title><link>https://a.example/news/${i}</link><guid>g-${i}</guid></item>`).join('');
  const rss = (n: number) => `<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>${items(n)}</channel></rss>`;

  it('reads a feed in the worker as parseFeedItems does, capped the same', async () => {
    expect(await reader.feed(rss(30), 'https://a.example/feed.rss', 10)).toEqual({ ok: true, feed: parseFeedItems(rss(30), 'https://a.example/feed.rss', 10) });
  }, 20_000);

  it('says why a text is not a feed, and the next feed is read as usual', async () => {
    const bad = await reader.feed('<html><body>not a feed</body></html>', 'https://a.example/x', 10);
    expect(bad.ok).toBe(false);
    expect((bad as { reason: string }).reason).toMatch(/^not an RSS or Atom feed/);
    expect((await reader.feed(rss(2), 'https://a.example/feed.rss', 10)).ok).toBe(true);
  }, 20_000);

  it('reads a feed of 8,000 items with the event loop free', async () => {
    const xml = rss(8000);
    await reader.feed(rss(1), 'https://a.example/feed.rss', 10);
    const { value, stallMs } = await watchLoop(() => reader.feed(xml, 'https://a.example/feed.rss', 200));
    expect(value).toMatchObject({ ok: true, feed: { dropped: 7800 } });
    expect(stallMs).toBeLessThan(STALL_LIMIT_MS);
  }, 20_000);

  it('fails a feed still being read when its time is up, with that reason', async () => {
    const quick = createPageReader({ timeoutMs: 50 });
    try {
      await quick.feed(rss(1), 'https://a.example/feed.rss', 10);
      expect(await quick.feed(rss(8000), 'https://a.example/feed.rss', 200)).toEqual({ ok: false, reason: feedTimedOutReason(50) });
    } finally {
      await quick.close();
    }
  }, 20_000);
});
