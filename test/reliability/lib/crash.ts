/**
 * Crash during re-index: the bot's own build child (`src/bot/build-child.ts`, as /reindex runs it)
 * builds a changed corpus and is killed with SIGKILL at a random moment, either anywhere in its build
 * or once it has begun writing the new generation (from its temporary folder to its exit: files,
 * fsyncs, rename, pointer, pruning). After each kill the index folder must load and be exactly
 * the old index or exactly the new one.
 */
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import type { BuildMessage } from '../../../src/bot/build-in-child.js';
import { resolveDir, type Config } from '../../../src/config.js';
import { lockHolder } from '../../../src/corpus/file-lock.js';
import { loadCorpus } from '../../../src/corpus/index.js';
import { terms } from '../../../src/store/analyze.js';
import { LOCK_FILE, POINTER_FILE } from '../../../src/store/generations.js';
import { readIndex } from '../../../src/store/stored-index.js';
import { Tally, countsText, ms, quantile, type CheckResult } from './report.js';

const CHILD = path.resolve('src/bot/build-child.ts');
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

export interface ChildRun {
  child: ChildProcess;
  /** Hands the child its config: the build starts. */
  start(config: Config): void;
  /** Resolves when the child has exited: how it ended, and whether it reported `done`. */
  ended: Promise<{ signal: NodeJS.Signals | null; code: number | null; done: boolean; error?: string }>;
  /** When `start` was called (performance.now()). */
  startedAt: number;
}

/**
 * Forks the bot's build child as /reindex does; it loads its modules and waits for its config.
 * Forking the next child early keeps module loading (seconds under tsx) out of the kill rounds.
 */
export function forkBuild(): ChildRun {
  const child = fork(CHILD, [], { execArgv: ['--import', TSX], stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-2000)));
  let done = false;
  let error: string | undefined;
  child.on('message', (m: BuildMessage) => {
    if (m.type === 'done') done = true;
    if (m.type === 'error') error = m.message;
  });
  const ended = new Promise<{ signal: NodeJS.Signals | null; code: number | null; done: boolean; error?: string }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, done, error: error ?? (code ? stderr : undefined) })),
  );
  const run: ChildRun = {
    child,
    ended,
    startedAt: Number.NaN,
    start(config) {
      run.startedAt = performance.now();
      child.send({ config });
    },
  };
  return run;
}

const sameFiles = (a: Record<string, string>, b: Record<string, string>) =>
  JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());

/** A word no other article holds, for round `n`: present in the index exactly when the new corpus is. */
const roundWord = (n: number) => `zarvok${n.toString(26).replace(/\d/g, (d) => 'qrstuvwxyz'[Number(d)]!)}qx`;

function writeRoundArticle(corpusDir: string, n: number): void {
  fs.writeFileSync(
    path.join(corpusDir, `round-${n}.md`),
    `---\ntitle: Round ${n} report\nsource: Wire\npublished: 2024-04-01\n---\n\nA drone struck the ${roundWord(n)} depot on Monday, officials said. Repairs began at once.\n`,
  );
}

/** What a kill left in the index folder, by the dead child's pid; `current` is the generation the pointer names. */
function leftovers(indexDir: string, pid: number, current: string | null): string {
  const names = fs.readdirSync(indexDir);
  if (names.some((n) => n.startsWith('.tmp-gen-') && n.includes(`-${pid}-`))) return 'mid-write (temp generation left)';
  if (names.some((n) => n === `CURRENT.tmp-${pid}`)) return 'while moving the pointer';
  if (names.some((n) => n.startsWith('gen-') && n.includes(`-${pid}-`) && path.join(indexDir, n) !== current)) return 'written, pointer not yet moved';
  return '';
}

export interface CrashSizes {
  /** Kills to land (children that finish before their kill are not counted). */
  kills: number;
  seed: number;
}

/** Deterministic pseudo-random numbers in [0, 1). */
export function random(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}

/**
 * Runs kill rounds on an index folder whose corpus and first index already exist (`config`).
 * Returns the report rows; failures list every round whose index did not load whole.
 */
export async function runCrashRounds(config: Config, sizes: CrashSizes): Promise<CheckResult> {
  const tally = new Tally('crash during re-index');
  const indexDir = resolveDir(config.INDEX_DIR);
  const corpusDir = resolveDir(config.CORPUS_DIR);
  const rand = random(sizes.seed);
  const read = () => readIndex(indexDir, { efSearch: config.HNSW_EF_SEARCH });

  // Two children load their modules ahead of the rounds that will use them.
  const spares = [forkBuild(), forkBuild()];
  const next = (): ChildRun => {
    const run = spares.shift()!;
    spares.push(forkBuild());
    run.start(config);
    return run;
  };
  // Resolves when child `pid` creates its temporary generation folder: its write has begun. The
  // pointer's replacement (a rename onto CURRENT) is noted too: it ends the write.
  const writers = new Map<number, () => void>();
  let pointerAt = 0;
  const watcher = fs.watch(indexDir, (_event, name) => {
    if (name === POINTER_FILE) pointerAt = performance.now();
    const pid = Number(/^\.tmp-gen-.*-(\d+)-[a-z0-9]+$/.exec(String(name ?? ''))?.[1]);
    writers.get(pid)?.();
  });
  const writeStarts = (run: ChildRun) => new Promise<void>((resolve) => writers.set(run.child.pid!, resolve));

  try {
    // Builds that run to the end time the windows the kills are drawn from: the build, from its
    // config to its exit, and its write, from its temporary folder to the pointer's move. Two
    // calibration builds first (the second by a child already loaded), then every build that beats
    // its kill.
    const lives: number[] = [];
    const writes: number[] = [];
    const noteWrite = (writeAt: number) => {
      if (Number.isFinite(writeAt) && pointerAt > writeAt) writes.push(Math.max(2, pointerAt - writeAt));
    };
    const watchWrite = (run: ChildRun) => {
      let writeAt = Number.NaN;
      void writeStarts(run).then(() => (writeAt = performance.now()));
      return () => {
        lives.push(performance.now() - run.startedAt);
        noteWrite(writeAt);
      };
    };
    let round = 0;
    for (let c = 0; c < 2; c++) {
      writeRoundArticle(corpusDir, ++round);
      const run = next();
      const finished = watchWrite(run);
      const exit = await run.ended;
      finished();
      if (!exit.done || writes.length !== c + 1) tally.fail(`a calibration build did not finish and publish: ${exit.error ?? exit.signal}`);
    }
    lives.shift(); // the first child may still have been loading its modules
    const median = (xs: number[]) => quantile(xs, 0.5);

    const ended = { old: 0, new: 0 };
    const landed: string[] = [];
    const reloadMs: number[] = [];
    let kills = 0;
    let finishedFirst = 0;
    while (kills < sizes.kills && round < sizes.kills * 4) {
      round++;
      const before = read();
      writeRoundArticle(corpusDir, round);
      const expected = Object.fromEntries((await loadCorpus(corpusDir)).files.map((f) => [f.file, f.hash]));
      const run = next();
      // A third of the kills anywhere in the build, a third inside the write (temp folder to the
      // pointer's move), a third just after it (up to twice as long again: rename, pointer, pruning).
      const mode = kills % 3;
      const inWrite = mode !== 0;
      const delay = mode === 0 ? rand() * median(lives) : mode === 1 ? rand() * median(writes) : (1 + 2 * rand()) * median(writes);
      let writeAt = Number.NaN;
      const finished = inWrite ? () => noteWrite(writeAt) : watchWrite(run);
      const trigger = inWrite ? writeStarts(run).then(() => void (writeAt = performance.now())) : Promise.resolve();
      void trigger.then(() => setTimeout(() => run.child.kill('SIGKILL'), delay));
      const exit = await run.ended;
      writers.delete(run.child.pid!);
      if (exit.signal !== 'SIGKILL') {
        finished();
        finishedFirst++;
        if (!exit.done) tally.fail(`round ${round}: the build ended without a kill and without finishing (${exit.error ?? exit.code})`);
        continue;
      }
      kills++;
      const started = performance.now();
      let after;
      try {
        after = read();
      } catch (err) {
        tally.fail(`round ${round}: after a kill, the index did not load: ${(err as Error).message}`);
        continue;
      }
      const where = leftovers(indexDir, run.child.pid!, after.location);
      reloadMs.push(performance.now() - started);
      const state = {
        moved: after.location !== before.location,
        oldFiles: sameFiles(after.manifest.files, before.manifest.files),
        newFiles: sameFiles(after.manifest.files, expected),
        hasRound: after.articles.some((a) => a.file === `round-${round}.md`),
        findsRound: after.lexical.search(terms(roundWord(round)).map((term) => ({ term, weight: 1 })), 1).length > 0,
        whole: after.passages.length === after.manifest.counts.passages && after.articles.length === after.manifest.counts.articles,
      };
      if (!state.moved && state.oldFiles && !state.hasRound && !state.findsRound && state.whole) {
        ended.old++;
        landed.push(where || 'before the write');
      } else if (state.moved && state.newFiles && state.hasRound && state.findsRound && state.whole) {
        ended.new++;
        landed.push(where || 'after publishing');
      } else {
        tally.fail(`round ${round}: after a kill ${where}, the index is neither the old nor the new one: ${JSON.stringify(state)} (${after.location})`);
      }
    }

    // A build that runs to the end afterwards takes over the dead builds' lock and clears their leftovers.
    const final = await next().ended;
    const left = fs.readdirSync(indexDir).filter((n) => n.startsWith('.tmp') || n.includes('.tmp-'));
    if (await lockHolder(path.join(indexDir, LOCK_FILE))) left.push(LOCK_FILE);
    const gens = fs.readdirSync(indexDir).filter((n) => n.startsWith('gen-')).length;
    const cleanHeld = final.done && left.length === 0 && gens <= 2;
    if (!cleanHeld) tally.fail(`the build after the kills: finished ${final.done}, leftovers ${JSON.stringify(left)}, ${gens} generations`);

    tally.row(
      `SIGKILL of the build child at a random moment: ⅓ anywhere in its build (median ${Math.round(median(lives))} ms), ⅓ in its write (temp folder to pointer, median ${Math.round(median(writes))} ms), ⅓ in the two write-lengths after`,
      kills,
      ended.old + ended.new,
      `old intact ${ended.old}, new intact ${ended.new}, failures ${kills - ended.old - ended.new}; killed ${countsText(landed)}; ${finishedFirst} builds finished before their kill (not counted); load after kill p95 ${ms(quantile(reloadMs, 0.95))}`,
    );
    tally.row('a full build after the kills', 1, cleanHeld ? 1 : 0, `stale lock taken over, ${left.length} leftovers, ${gens} generations kept`);
    return tally.result();
  } finally {
    // Unused spares, or every child still alive when a round went wrong, end with the check.
    for (const s of spares) s.child.kill('SIGKILL');
    watcher.close();
  }
}
