/**
 * An /add goes on while a feed poll is still fetching: it waited for the whole poll before (19.8 s
 * for a fast page behind 20 slow feed items). Runs open together share one catalog, one state and
 * one queue of writes, so one story is still stored once and no run's state is lost.
 */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config.js';
import { addLink, fetcherFromConfig, ingestFeeds } from '../../src/ingest/index.js';
import { defaultPageReader } from '../../src/ingest/page-reader.js';
import { tempDir } from '../helpers/fixtures.js';
import { TestSite } from './site.js';
import { ingestTestConfig } from './ingest-config.js';

let site: TestSite;
let root: string;
let config: Config;
const fetcher = () => fetcherFromConfig(config, { retries: 0 });
const mdFiles = () => fs.readdirSync(config.CORPUS_DIR).filter((f) => f.endsWith('.md')).sort();

beforeAll(async () => {
  site = await TestSite.start();
  root = tempDir('sitrep-add-beside-poll-');
  config = ingestTestConfig(root, { FETCH_TIMEOUT_MS: '1000' });
  // The page reader's worker starts once per process (about 1.5 s under tsx): not what is measured here.
  await defaultPageReader()('<p>warm</p>', 'https://a.example/', 'https://a.example/');
});
afterAll(async () => {
  await site?.close();
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

describe('an /add during a feed poll', () => {
  it('is added while the poll still waits on its slow items, and both are saved', async () => {
    // 12 items that each time out after 1 s, 2 at a time on one host: the poll takes about 6 s.
    const items = Array.from({ length: 12 }, (_, i) => `<item><title>Slow ${i}</title><link>${site.url(`/slow?i=${i}`)}</link><guid>slow-${i}</guid></item>`);
    const feed = site.serve('/slow-items.rss', `<?xml version="1.0"?><rss version="2.0"><channel><title>Slow</title>${items.join('')}</channel></rss>`, 'application/rss+xml');
    const started = performance.now();
    let pollEnded = 0;
    const poll = ingestFeeds(config, [feed], { fetcher: fetcher() }).then((r) => ((pollEnded = performance.now() - started), r));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const added = await addLink(config, site.url('/news/a'), { fetcher: fetcher() });
    const addEnded = performance.now() - started;
    expect(added.status).toBe('added');
    const [report] = await poll;
    expect(report!.outcomes.every((o) => o.status === 'skipped' && o.transient)).toBe(true);
    // It was behind the whole poll: after pollEnded.
    expect(addEnded).toBeLessThan(1000);
    expect(pollEnded).toBeGreaterThan(5000);
    const state = JSON.parse(fs.readFileSync(config.INGEST_STATE_FILE, 'utf8'));
    expect(state.feeds[feed].readAt).toBeDefined();
  }, 20_000);

  it('stores a story given twice at once a single time', async () => {
    const url = site.url('/news/b');
    const outcomes = await Promise.all([addLink(config, url, { fetcher: fetcher() }), addLink(config, url, { fetcher: fetcher() })]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(['added', 'duplicate']);
    expect(mdFiles().filter((f) => f.includes('tolvan'))).toHaveLength(1);
  });

  it("keeps every run's state: a run that ends first is not overwritten by the one still open", async () => {
    const slow = site.serve('/slow-one.rss', `<?xml version="1.0"?><rss version="2.0"><channel><title>Slow one</title><item><title>S</title><link>${site.url('/slow?i=last')}</link><guid>slow-last</guid></item></channel></rss>`, 'application/rss+xml');
    const fast = site.serve('/fast.rss', `<?xml version="1.0"?><rss version="2.0"><channel><title>Fast</title><item><title>G</title><link>${site.url('/gone-fast')}</link><guid>gone-fast</guid></item></channel></rss>`, 'application/rss+xml');
    const poll = ingestFeeds(config, [slow], { fetcher: fetcher() });
    await new Promise((resolve) => setTimeout(resolve, 200));
    await ingestFeeds(config, [fast], { fetcher: fetcher() });
    await poll;
    const state = JSON.parse(fs.readFileSync(config.INGEST_STATE_FILE, 'utf8'));
    expect(state.feeds[fast].seen).toEqual(['gone-fast']);
    expect(state.feeds[slow].readAt).toBeDefined();
  }, 20_000);
});
