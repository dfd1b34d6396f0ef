/**
 * Secrets and permissions: the token never shows in logs, errors or replies; /reindex and /add are
 * refused to all but Manage Server holders and OWNER_IDS; nothing reads outside the corpus folder.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIndex } from '../../src/store/build.js';
import { startHarness, type Harness } from '../bot/harness.js';
import { tempDir, testConfig } from '../helpers/fixtures.js';
import { Tally } from './lib/report.js';
import { explodingAnswers, plantOutside, runPermissions, runSecrets } from './lib/secrets.js';

const root = tempDir('sitrep-secrets-');
const corpusDir = path.join(root, 'corpus');
const modelCache = testConfig({}).MODEL_CACHE_DIR;
let h: Harness;
let gate: Harness;
let planted: ReturnType<typeof plantOutside>;

beforeAll(async () => {
  fs.cpSync(path.resolve('corpus'), corpusDir, { recursive: true });
  planted = plantOutside(root, corpusDir);
  h = await startHarness(
    { CORPUS_DIR: corpusDir, INDEX_DIR: path.join(root, 'index'), MODEL_CACHE_DIR: modelCache, RATE_LIMIT_QUESTIONS: '1000' },
    { wrapSitrep: explodingAnswers },
  );
  // The permission gate is under test there, not the build: it builds in-process, quickly.
  gate = await startHarness({ MODEL_CACHE_DIR: modelCache }, { buildRunner: (config, o) => buildIndex(config, { onProgress: o?.onProgress }) });
});
afterAll(async () => {
  await h?.close();
  await gate?.close();
  fs.rmSync(root, { recursive: true, force: true });
});

describe('secrets and paths', () => {
  it('reads nothing outside the corpus folder and never shows the token, whatever fails', async () => {
    const result = await runSecrets(h, { CORPUS_DIR: corpusDir, INDEX_DIR: path.join(root, 'index-start') }, planted);
    expect(result.failures).toEqual([]);
    for (const row of result.rows) expect(row.held).toBe(row.count);
  }, 120_000);
});

describe('permissions', () => {
  it('lets only Manage Server holders and OWNER_IDS re-index or add articles', async () => {
    const tally = new Tally('secrets and permissions');
    await runPermissions(gate, tally);
    expect(tally.failures).toEqual([]);
    expect(tally.rows.map((r) => r.held)).toEqual(tally.rows.map((r) => r.count));
  }, 60_000);
});
