/**
 * Damaged index files: each stored file of a generation in turn is truncated, zeroed, or has bits
 * flipped. Loading must detect it, name the damaged file and say how to rebuild, both when read
 * whole (`readIndex`, at start) and in steps (`readIndexInSteps`, a running bot's swap); a running
 * Sitrep whose next generation is damaged must keep answering from the index it has.
 */
import fs from 'node:fs';
import path from 'node:path';
import { IndexKeeper } from '../../../src/bot/index-keeper.js';
import { createLogger } from '../../../src/bot/logger.js';
import { resolveDir, type Config } from '../../../src/config.js';
import type { Sitrep } from '../../../src/sitrep.js';
import { buildIndex } from '../../../src/store/build.js';
import { IndexError, REBUILD_HINT } from '../../../src/store/errors.js';
import { POINTER_FILE, currentGeneration } from '../../../src/store/generations.js';
import { lexicalLogName } from '../../../src/store/lexical-segments.js';
import { groupLogName } from '../../../src/store/incident-group-log.js';
import { incidentLogName } from '../../../src/store/incident-log.js';
import { recordLogName } from '../../../src/store/record-log.js';
import { readIndexInSteps } from '../../../src/store/read-in-steps.js';
import { readIndex } from '../../../src/store/stored-index.js';
import { nextLogName } from '../../../src/store/vector-log.js';
import { random } from './crash.js';
import { Tally, countsText, type CheckResult } from './report.js';

export type Damage = { kind: 'truncate'; length: number } | { kind: 'zero'; from: number; length: number } | { kind: 'flip'; offset: number; bit: number };

export function describeDamage(d: Damage): string {
  if (d.kind === 'truncate') return `truncated to ${d.length} bytes`;
  if (d.kind === 'zero') return `${d.length} bytes zeroed at ${d.from}`;
  return `bit ${d.bit} flipped at byte ${d.offset}`;
}

export function applyDamage(file: string, d: Damage): void {
  const bytes = fs.readFileSync(file);
  if (d.kind === 'truncate') fs.writeFileSync(file, bytes.subarray(0, d.length));
  else if (d.kind === 'zero') fs.writeFileSync(file, Buffer.concat([bytes.subarray(0, d.from), Buffer.alloc(d.length), bytes.subarray(d.from + d.length)]));
  else {
    bytes[d.offset] = bytes[d.offset]! ^ (1 << d.bit);
    fs.writeFileSync(file, bytes);
  }
}

/** Damages to try on a file of `size` bytes: truncations, zeroed runs, and `flips` single-bit flips. */
export function damagesFor(size: number, flips: number, rand: () => number): Damage[] {
  const at = (n: number) => Math.floor(rand() * n);
  const out: Damage[] = [
    { kind: 'truncate', length: 0 },
    { kind: 'truncate', length: at(size) },
    { kind: 'truncate', length: size - 1 },
    { kind: 'zero', from: 0, length: size },
  ];
  const run = Math.max(1, Math.min(size, 1 + at(64)));
  out.push({ kind: 'zero', from: at(size - run + 1), length: run });
  for (let i = 0; i < flips; i++) out.push({ kind: 'flip', offset: at(size), bit: at(8) });
  return out;
}

/**
 * Builds the index in `config` whole, then adds an article (`addArticle`) and builds again, so that
 * the generation the rounds damage holds a passage graph log (`vectors.log.1`) and its postings
 * segment (`lexical.log.1`) and record segment (`records.log.1`) besides the snapshot, the postings'
 * base and the lists' base.
 */
export async function buildWithLog(config: Config, addArticle: () => void): Promise<void> {
  await buildIndex(config);
  addArticle();
  await buildIndex(config);
  const log = readIndex(resolveDir(config.INDEX_DIR), { efSearch: config.HNSW_EF_SEARCH }).manifest.vectorLog;
  if (log.length === 0) throw new Error('the second build wrote a snapshot, not a log: the damage rounds would miss the log');
}

/** Whether loading refused the damaged file the way it must: an IndexError naming the file and the fix. */
export function detection(err: unknown, file: string): { detected: boolean; named: boolean; problem?: string } {
  if (!(err instanceof IndexError)) return { detected: false, named: false, problem: `not an IndexError: ${String(err)}` };
  const named = err.message.includes(path.basename(file)) && err.message.includes(REBUILD_HINT);
  return { detected: true, named, problem: named ? undefined : `message does not name ${path.basename(file)} and the rebuild: ${err.message}` };
}

const TRIMMED = new Set([POINTER_FILE, 'manifest.sha256']);

/** Every stored file of the current generation, and the pointer that names it. */
export function storedFiles(indexDir: string): string[] {
  const gen = currentGeneration(indexDir)!;
  return [...fs.readdirSync(gen).sort().map((n) => path.join(gen, n)), path.join(indexDir, POINTER_FILE)];
}

/** An error as it would be reported: class, code and message. */
function refusalText(err: unknown): string {
  return `${(err as Error).name} ${(err as IndexError).code ?? ''}: ${(err as Error).message}`;
}

/** What a read threw, as `refusalText` gives it (null when it read without complaint). */
async function refusalOf(read: () => unknown): Promise<string | null> {
  try {
    await read();
    return null;
  } catch (err) {
    return refusalText(err);
  }
}

/**
 * Damages each stored file of the index in `config` (built already) in every way of `damagesFor`,
 * restoring it after each try, and checks that loading detects it: read whole, and read in steps
 * as a running bot reads a new generation, which must refuse it with the same error.
 */
export async function runFileDamage(config: Config, flipsPerFile: number, seed: number): Promise<{ tally: Tally; tried: number }> {
  const tally = new Tally('damaged index files');
  const indexDir = resolveDir(config.INDEX_DIR);
  const rand = random(seed);
  const options = { efSearch: config.HNSW_EF_SEARCH };
  const read = () => readIndex(indexDir, options);
  const perFile: string[] = [];
  let tried = 0;
  let detected = 0;
  let named = 0;
  let sameInSteps = 0;
  const unchanged: string[] = [];
  for (const file of storedFiles(indexDir)) {
    const original = fs.readFileSync(file);
    // The pointer and the manifest's checksum end with a newline that is not part of what they hold.
    const size = TRIMMED.has(path.basename(file)) ? original.toString().trimEnd().length : original.length;
    for (const d of damagesFor(size, flipsPerFile, rand)) {
      applyDamage(file, d);
      if (fs.readFileSync(file).equals(original)) {
        unchanged.push(path.basename(file));
        continue;
      }
      tried++;
      try {
        let whole: unknown = null;
        try {
          read();
          tally.fail(`${path.basename(file)} ${describeDamage(d)}: loaded without complaint`);
        } catch (err) {
          whole = err;
          const r = detection(err, file);
          if (r.detected) detected++;
          if (r.named) named++;
          if (r.problem) tally.fail(`${path.basename(file)} ${describeDamage(d)}: ${r.problem}`);
        }
        const expected = whole === null ? null : refusalText(whole);
        const inSteps = await refusalOf(() => readIndexInSteps(indexDir, options));
        if (inSteps !== null && inSteps === expected) sameInSteps++;
        else tally.fail(`${path.basename(file)} ${describeDamage(d)}: read in steps ${inSteps === null ? 'loaded without complaint' : `refused otherwise: ${inSteps}`}, read whole: ${expected}`);
      } finally {
        fs.writeFileSync(file, original);
      }
    }
    perFile.push(path.basename(file));
  }
  tally.row(
    `truncate, zero, flip bits in each stored file (${perFile.join(', ')}), read whole and in steps`,
    tried,
    Math.min(detected, named, sameInSteps),
    `detected ${detected}, named the file and the rebuild ${named}, the same refusal read in steps ${sameInSteps}${unchanged.length ? `; ${unchanged.length} damages left the bytes unchanged (zeroing zeros), not counted` : ''}`,
  );
  return { tally, tried };
}

/**
 * A running Sitrep (behind the bot's IndexKeeper) meets a new generation with one damaged file, for
 * each stored file: reload fails, the old index stays in use and keeps answering.
 */
export async function runDamagedReload(config: Config, sitrep: Sitrep, question: string, tally: Tally, nextCorpus: (i: number) => void): Promise<void> {
  const indexDir = resolveDir(config.INDEX_DIR);
  const logs: string[] = [];
  const keeper = new IndexKeeper(sitrep, config, createLogger({ LOG_LEVEL: 'error', DISCORD_TOKEN: undefined }, { write: (l) => logs.push(l) }));
  // Each new generation holds the files of the one in use, and one more log segment with its postings, record, incident and group segments.
  const inUse = readIndex(indexDir, { efSearch: config.HNSW_EF_SEARCH }).manifest.vectorLog;
  const next = inUse.length > 0 ? [nextLogName(inUse), lexicalLogName(nextLogName(inUse)), recordLogName(nextLogName(inUse)), incidentLogName(nextLogName(inUse)), groupLogName(nextLogName(inUse))] : [];
  const names = [...fs.readdirSync(currentGeneration(indexDir)!), ...next].sort();
  let held = 0;
  const kept: string[] = [];
  for (const [i, name] of names.entries()) {
    const before = sitrep.info().location;
    nextCorpus(i);
    await buildIndex(config);
    const fresh = currentGeneration(indexDir)!;
    const file = path.join(fresh, name);
    // A file the new generation links from the one in use is damaged in its own copy, not through the link.
    const bytes = fs.readFileSync(file);
    fs.rmSync(file);
    fs.writeFileSync(file, bytes);
    applyDamage(file, { kind: 'flip', offset: Math.floor(fs.statSync(file).size / 2), bit: 3 });
    let direct: unknown = null;
    await sitrep.reload().catch((err) => (direct = err));
    const swapped = await keeper.reload();
    const answer = await sitrep.answer(question);
    const ok = detection(direct, file).named && !swapped && sitrep.info().location === before && !answer.abstained && logs.some((l) => l.includes(name));
    if (ok) held++;
    else tally.fail(`damaged ${name} in a new generation: reload error ${String(direct)}, swapped ${swapped}, location kept ${sitrep.info().location === before}, answered ${!answer.abstained}`);
    kept.push(ok ? 'kept' : 'lost');
    // Repair for the next file: rebuild from scratch so the pointer names a whole generation again.
    fs.rmSync(fresh, { recursive: true, force: true });
    fs.rmSync(path.join(indexDir, POINTER_FILE));
    fs.writeFileSync(path.join(indexDir, POINTER_FILE), `${path.basename(before)}\n`);
  }
  tally.row('a running bot meets a new generation with one damaged file, for each file', names.length, held, `old index kept and answering: ${countsText(kept)}; the failed reload is logged naming the file`);
}

export async function runDamage(config: Config, sitrep: Sitrep, question: string, sizes: { flipsPerFile: number; seed: number }, nextCorpus: (i: number) => void): Promise<CheckResult> {
  const { tally } = await runFileDamage(config, sizes.flipsPerFile, sizes.seed);
  await runDamagedReload(config, sitrep, question, tally, nextCorpus);
  return tally.result();
}
