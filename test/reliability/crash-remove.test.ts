/**
 * Crash during `npm run remove`: the command is killed with SIGKILL at moments spread over a whole
 * run (start-up, the removal, the build, its write). After every kill the export keeps its bytes,
 * the removed list is absent or whole, and the next build gives an index that holds the article
 * exactly when the list does not name it.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { writeBenchCorpus } from '../../src/bench/corpus.js';
import { readRemoved, REMOVED_FILE } from '../../src/corpus/index.js';
import { buildIndex } from '../../src/store/build.js';
import { readIndex } from '../../src/store/stored-index.js';
import { tempDir, testConfig } from '../helpers/fixtures.js';

const root = tempDir('sitrep-crash-remove-');
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

/** Runs `npm run remove -- <input>`; kills it after `killAfterMs` (never, when null). Resolves with its duration. */
function runRemove(env: Record<string, string>, input: string, killAfterMs: number | null): Promise<{ ms: number; code: number | null }> {
  const started = Date.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/remove.ts', input], { env: { ...process.env, ...env }, stdio: 'ignore' });
  const timer = killAfterMs === null ? null : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
  return new Promise((resolve) =>
    child.on('exit', (code) => {
      if (timer) clearTimeout(timer);
      resolve({ ms: Date.now() - started, code });
    }),
  );
}

it('leaves the article in or out, never half, after each SIGKILL of npm run remove', async () => {
  const corpusDir = path.join(root, 'corpus');
  fs.mkdirSync(corpusDir);
  writeBenchCorpus(corpusDir, 300, 1, { seed: 5 });
  const env = { CORPUS_DIR: corpusDir, INDEX_DIR: path.join(root, 'index'), INGEST_STATE_FILE: path.join(root, 'state.json') };
  const config = testConfig(env);
  await buildIndex(config);
  const exportFile = fs.readdirSync(corpusDir).find((n) => n.endsWith('.jsonl'))!;
  const bytes = fs.readFileSync(path.join(corpusDir, exportFile));
  const target = `${exportFile}:3`;
  const title = JSON.parse(bytes.toString('utf8').split('\n')[2]!).title as string;
  const titles = () => readIndex(config.INDEX_DIR, { efSearch: 50 }).articles.map((a) => a.title);

  // A whole run, unkilled, sets the span the kills are spread over.
  const whole = await runRemove(env, target, null);
  expect(whole.code).toBe(0);
  expect(titles()).not.toContain(title);

  const kills = 8;
  const outcomes: string[] = [];
  for (let k = 0; k < kills; k++) {
    // The article back in (its list entry gone), then a removal killed part-way.
    fs.rmSync(path.join(corpusDir, REMOVED_FILE), { force: true });
    await buildIndex(config);
    expect(titles()).toContain(title);
    // Start-up (tsx, modules) takes most of a run: the kills are spread over its second half, and past
    // its end in case a later run is slower.
    await runRemove(env, target, Math.round((0.5 + k / (kills - 1)) * whole.ms));

    expect(fs.readFileSync(path.join(corpusDir, exportFile)).equals(bytes)).toBe(true);
    const listed = (await readRemoved(corpusDir)).some((r) => r.file === exportFile && r.line === 3);
    await buildIndex(config);
    expect(titles().includes(title)).toBe(!listed);
    outcomes.push(listed ? 'out' : 'in');
  }
  // Kills late in the run land after the removal: some rounds end with the article out.
  expect(outcomes).toContain('out');
}, 240_000);
