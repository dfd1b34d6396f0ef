/**
 * One writer: processes racing for a stale lock, and adding the same article at once. (`npm run
 * reliability` runs 8 rounds of 8 contenders and 4 rounds of 4 writers; this, 2 rounds of 4 and 1 of 2.)
 */
import fs from 'node:fs';
import { afterAll, expect, it } from 'vitest';
import { tempDir } from '../helpers/fixtures.js';
import { runWriters } from './lib/writers.js';

const root = tempDir('sitrep-writers-');
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

it('never lets two processes hold a lock at once, and stores an article added by several at once once', async () => {
  const result = await runWriters({ lockContenders: 4, lockRounds: 2, addWriters: 2, addRounds: 1 }, root);
  expect(result.failures).toEqual([]);
  expect(result.rows.map((r) => [r.count, r.held])).toEqual([[2, 2], [2, 2], [1, 1], [1, 1], [1, 1], [1, 1]]);
}, 180_000);
