/**
 * Crash during re-index: the bot's build child is killed with SIGKILL at random moments of its build
 * and of its write. After every kill the index loads, whole, as the old index or the new one.
 * (`npm run reliability` lands at least 50 kills; this lands 8: each kill needs a fresh child, whose
 * modules alone take seconds to load under tsx.)
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { writeBenchCorpus } from '../../src/bench/corpus.js';
import { buildIndex } from '../../src/store/build.js';
import { tempDir, testConfig } from '../helpers/fixtures.js';
import { runCrashRounds } from './lib/crash.js';

const root = tempDir('sitrep-crash-');
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

it('leaves the whole old index or the whole new one after each SIGKILL of a re-index, and the next build cleans up', async () => {
  const corpusDir = path.join(root, 'corpus');
  fs.mkdirSync(corpusDir);
  writeBenchCorpus(corpusDir, 100, 1, { seed: 9 });
  const config = testConfig({ CORPUS_DIR: corpusDir, INDEX_DIR: path.join(root, 'index') });
  await buildIndex(config);

  const result = await runCrashRounds(config, { kills: 8, seed: 21 });
  expect(result.failures).toEqual([]);
  const [kills, cleanup] = result.rows;
  expect(kills!.count).toBe(8);
  expect(kills!.held).toBe(8);
  expect(cleanup!.held).toBe(1);
}, 180_000);

it('clears the temporary pointer file a build killed while moving the pointer leaves behind', async () => {
  const corpusDir = path.join(root, 'pointer-corpus');
  fs.mkdirSync(corpusDir);
  writeBenchCorpus(corpusDir, 20, 1, { seed: 2 });
  const indexDir = path.join(root, 'pointer-index');
  const config = testConfig({ CORPUS_DIR: corpusDir, INDEX_DIR: indexDir });
  await buildIndex(config);
  // The pid of a process that has exited: what a SIGKILLed build leaves in the name.
  const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
  fs.writeFileSync(path.join(indexDir, `CURRENT.tmp-${dead}`), 'gen-half\n');
  fs.writeFileSync(path.join(corpusDir, 'new.md'), '---\ntitle: New\n---\n\nA drone hit the depot on Friday, officials said.\n');
  await buildIndex(config);
  expect(fs.readdirSync(indexDir).filter((n) => n.includes('.tmp'))).toEqual([]);
});
