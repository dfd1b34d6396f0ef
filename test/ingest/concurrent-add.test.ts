/**
 * Two `npm run add` at once, or cron beside the bot: separate processes writing one corpus folder
 * and one state file. Each stored the same story (`story.md` and `story-2.md`), and the state file
 * was last-writer-wins. Here the writers are real processes released at the same moment.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readState } from '../../src/ingest/state.js';
import { tempDir } from '../helpers/fixtures.js';
import { DEPOT, WIRE } from './pages.js';
import { writerWorkspace } from './lib/writers.js';
import { ATOM_LAST_MODIFIED, RSS_ETAG, TestSite } from './site.js';

let site: TestSite;
let root: string;
beforeAll(async () => {
  site = await TestSite.start();
  root = tempDir('sitrep-concurrent-add-');
});
afterAll(async () => {
  await site?.close();
  if (root) fs.rmSync(root, { recursive: true, force: true });
});
const workspace = (name: string) => writerWorkspace(root, name);

describe('writers in separate processes at the same time', () => {
  it('store an article that four of them add at once exactly once', async () => {
    const w = workspace('same-link');
    const outcomes = (await w.runAtOnce(Array.from({ length: 4 }, () => ['add', site.url('/news/a')]))).flat();
    expect(outcomes.map((o) => o.status).sort()).toEqual(['added', 'duplicate', 'duplicate', 'duplicate']);
    expect(outcomes.every((o) => o.status === 'skipped' || ('title' in o && o.title === DEPOT.title))).toBe(true);
    expect(w.articles()).toEqual([expect.stringMatching(/^2031-04-08-.*\.md$/)]);
  }, 60_000);

  it('store a story found at two addresses once, and keep the other address', async () => {
    const w = workspace('two-addresses');
    const [first, second] = await w.runAtOnce([['add', site.url('/wire/harbour')], ['add', site.url('/wire/dispatch')]]);
    const statuses = [...first!, ...second!].map((o) => o.status).sort();
    expect(statuses).toEqual(['added', 'duplicate']);
    expect(w.articles()).toEqual(['2031-06-03-patrol-boat-fired-on-in-the-selk-strait.md']);
    const text = fs.readFileSync(path.join(w.env.CORPUS_DIR, w.articles()[0]!), 'utf8');
    expect(text).toContain(WIRE.title);
    // Whichever came second is remembered as another address of the first.
    expect(text).toMatch(/also_at:\n {2}- http:\/\/127\.0\.0\.1:\d+\/wire\/(harbour|dispatch)/);
  }, 60_000);

  it("keep each one's feed state: two reading different feeds at once both leave theirs in the state file", async () => {
    const w = workspace('two-feeds');
    const [rss, atom] = await w.runAtOnce([['feeds', site.url('/feed.rss')], ['feeds', site.url('/feed.atom')]]);
    expect(rss!.length + atom!.length).toBeGreaterThan(0);
    const state = await readState(w.env.INGEST_STATE_FILE);
    expect(state.feeds[site.url('/feed.rss')]).toMatchObject({ etag: RSS_ETAG, seen: ['convoy-2031-05-10', 'dunmore-2031-06-12', 'missing-1'] });
    expect(state.feeds[site.url('/feed.atom')]).toMatchObject({ lastModified: ATOM_LAST_MODIFIED, seen: ['urn:test:bridge', 'urn:test:grell'] });
    // Every article once, whichever feed listed it.
    const titles = w.articles().map((f) => fs.readFileSync(path.join(w.env.CORPUS_DIR, f), 'utf8').match(/^title: (.*)$/m)![1]);
    expect(new Set(titles).size).toBe(titles.length);
  }, 60_000);
});
