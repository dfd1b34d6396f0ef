/**
 * Load: 1,000 questions in flight through the answer API, alone and while a re-index runs in its
 * child process and swaps, and 200 through the fake Discord while an owner's /reindex runs. None is
 * lost or answered twice. `npm run reliability` also runs the Discord burst without a re-index.
 * Latency and event-loop delay are printed by `npm run reliability`, not asserted here.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeBenchCorpus } from '../../src/bench/corpus.js';
import { openSitrep, type Sitrep } from '../../src/sitrep.js';
import { startHarness, type Harness } from '../bot/harness.js';
import { tempDir, testConfig } from '../helpers/fixtures.js';
import { answerBurst, discordBurst, instrument, type Reload } from './lib/load.js';

const root = tempDir('sitrep-load-');
const corpusDir = path.join(root, 'corpus');
const env = { CORPUS_DIR: corpusDir, INDEX_DIR: path.join(root, 'index') };
const config = testConfig(env);
let questions: string[];
let sitrep: Sitrep;
let h: Harness;
let reloads: Reload[];

beforeAll(async () => {
  fs.mkdirSync(corpusDir);
  questions = writeBenchCorpus(corpusDir, 300, 1000, { seed: 5 }).questions.map((q) => q.question);
  sitrep = await openSitrep(config, { buildIfMissing: true });
  h = await startHarness({ ...env, MODEL_CACHE_DIR: config.MODEL_CACHE_DIR }, {
    wrapSitrep: (s) => {
      const probe = instrument(s);
      reloads = probe.reloads;
      return probe.sitrep;
    },
  });
});
afterAll(async () => {
  await h?.close();
  fs.rmSync(root, { recursive: true, force: true });
});

describe('many questions at once', () => {
  it('answers 1,000 questions in flight through the answer API, each once, with its own answer', async () => {
    const f = await answerBurst(sitrep, questions);
    expect({ asked: f.asked, answered: f.answered, lost: f.lost }).toEqual({ asked: 1000, answered: 1000, lost: 0 });
  });

  it('keeps answering all of them while a re-index rebuilds in its child process and swaps', async () => {
    const before = sitrep.info().location;
    const f = await answerBurst(sitrep, questions, { config, round: 1 });
    expect(f.lost).toBe(0);
    expect(f.answered).toBe(f.asked);
    expect(f.reindex).toMatchObject({ swapped: true, duringAnswers: true });
    expect(sitrep.info().location).not.toBe(before);
  });

  it('lets other work run between the answers of a burst', async () => {
    let done = 0;
    let doneWhenTimerRan = -1;
    setTimeout(() => (doneWhenTimerRan = done), 0);
    await Promise.all(questions.slice(0, 50).map((q) => sitrep.answer(q).then(() => done++)));
    expect(doneWhenTimerRan).toBeGreaterThanOrEqual(0);
    expect(doneWhenTimerRan).toBeLessThan(5);
  });

  it('answers 200 /ask dispatched at once through Discord while an owner re-indexes: one deferral and one answer each, no apology', async () => {
    const f = await discordBurst(h, questions, 200, { round: 2, reloads });
    expect(f.asked).toBeGreaterThanOrEqual(200);
    expect({ lost: f.lost, duplicated: f.duplicated }).toEqual({ lost: 0, duplicated: 0 });
    expect(f.reindex).toMatchObject({ swapped: true, duringAnswers: true });
  });
});
