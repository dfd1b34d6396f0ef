/** `npm run add` and `npm run ingest` as a user runs them: separate processes, a summary, an updated index. */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readIndex } from '../../src/store/stored-index.js';
import { tempDir } from '../helpers/fixtures.js';
import { DEPOT, FEED_ONLY } from './pages.js';
import { TestSite } from './site.js';

let site: TestSite;
let root: string;
let env: Record<string, string>;

beforeAll(async () => {
  site = await TestSite.start();
  root = tempDir('sitrep-ingest-cli-');
  env = {
    CORPUS_DIR: path.join(root, 'corpus'),
    INDEX_DIR: path.join(root, 'index'),
    INGEST_STATE_FILE: path.join(root, 'ingest-state.json'),
    MODEL_CACHE_DIR: path.resolve('data/models'),
    FETCH_ALLOW_PRIVATE: '127.0.0.1',
    FEEDS: site.url('/feed.rss'),
  };
});
afterAll(async () => {
  await site?.close();
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

function run(script: string, args: string[] = []): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c) => (stdout += c));
  child.stderr.on('data', (c) => (stderr += c));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

/** The titles of the indexed articles, as a reader puts the list together (a base and the record segments of later adds). */
const indexedTitles = () => readIndex(env.INDEX_DIR!, { efSearch: 50 }).articles.map((a) => a.title);

describe('npm run add', () => {
  it('adds the links, lists every outcome, re-indexes, and exits 1 because one was skipped', async () => {
    const r = await run('scripts/add.ts', [site.url('/news/a'), site.url('/report.pdf')]);
    expect(r.code, r.stderr).toBe(1);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(new RegExp(`^added +${DEPOT.title} \\(${DEPOT.site}, ${DEPOT.published}\\) → 2031-04-08-`));
    expect(lines[1]).toMatch(/^skipped +\S+\/report\.pdf: not an article: the link serves application\/pdf/);
    expect(lines[2]).toBe('1 added, 0 already in the corpus, 1 skipped.');
    expect(lines[3]).toMatch(/^Index updated: 1 articles, \d+ passages/);
    expect(indexedTitles()).toContain(DEPOT.title);
  });
});

describe('npm run ingest', () => {
  it('reads FEEDS, adds the new items and re-indexes', async () => {
    const r = await run('scripts/ingest.ts');
    expect(r.stdout).toContain(`feed The Harbour Ledger <${site.url('/feed.rss')}>: 3 items, 3 new`);
    expect(r.stdout).toMatch(/2 added, 0 already in the corpus, 1 skipped\./);
    expect(r.stdout).toMatch(/Index updated: 3 articles/);
    expect(r.code).toBe(1);
    expect(indexedTitles()).toContain(FEED_ONLY.title);
  });
});
