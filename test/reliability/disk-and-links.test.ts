/**
 * A really full disk (a small tmpfs, where this machine lets the run mount one) and links with
 * credentials, through `addLink`. Where mounting is refused the disk rows say "not run here" and
 * count nothing; the links row always runs.
 */
import fs from 'node:fs';
import { afterAll, expect, it } from 'vitest';
import { tempDir } from '../helpers/fixtures.js';
import { runDiskAndLinks } from './lib/disk-and-links.js';

const root = tempDir('sitrep-disk-links-');
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

it('fails an /add on a full disk with its reason and no temp file, keeps the article when only the state cannot be saved, refuses links with credentials', async () => {
  const result = await runDiskAndLinks(root);
  expect(result.failures).toEqual([]);
  for (const row of result.rows) {
    if (row.count === 0) expect(row.figures).toMatch(/^not run here/);
    else expect(row.held).toBe(row.count);
  }
  expect(result.rows.at(-1)).toMatchObject({ count: 3, held: 3 });
}, 60_000);
