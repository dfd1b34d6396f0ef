/**
 * Hostile pages and feeds through the real ingestion path. (`npm run reliability` reads each
 * slow-regex shape at 200 KB, 1 MB and 5 MB, a feed of 8,000 items, and an /add beside a slow poll;
 * this, 200 KB pages, a feed of 2,000 items and no /add beside a poll.) How long the loop stalled and
 * each case took are the report's figures, not asserted here: a parallel run jitters timers.
 */
import fs from 'node:fs';
import { afterAll, expect, it } from 'vitest';
import { tempDir } from '../helpers/fixtures.js';
import { runHostilePages } from './lib/hostile-pages.js';

const root = tempDir('sitrep-hostile-pages-');
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

it('adds or refuses with a reason every hostile page, caps feeds, keeps attribution and leaves replies inert', async () => {
  const result = await runHostilePages({ pageBytes: [200_000], feedItems: 2000, addBesidePoll: false }, root);
  expect(result.failures.filter((f) => !result.late.includes(f))).toEqual([]);
  // Five slow-regex shapes at one size, nesting by /add and by feed, the long feed, four attribution
  // checks, the reply, the feed past the seen list.
  expect(result.rows.map((r) => r.count)).toEqual([1, 1, 1, 1, 1, 2, 1, 4, 1, 1]);
}, 120_000);
