/**
 * Feeds hostile files to the corpus loaders and checks the promise: every input loads or is skipped
 * with a reason naming it, nothing throws, and the good articles beside them are still loaded.
 */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import fc from 'fast-check';
import { loadCorpus, parseCorpusFile, type LoadedCorpus, type SkippedInput } from '../../../src/corpus/index.js';
import { FUZZ_KINDS, INPUTS, anyInput, hugeSingleLines, type CorpusInput } from './corpus-inputs.js';
import { Tally, countsText, ms, quantile, type CheckResult } from './report.js';

export interface ParseOutcome {
  ended: 'loaded' | 'skipped' | 'partly loaded';
  reasons: string[];
  ms: number;
  /** What broke the promise, or null when it held. */
  problem: string | null;
}

/** "invalid JSON (Unexpected token…)" → "invalid JSON": the kind of reason, for counting. */
export const reasonKind = (reason: string): string =>
  reason.startsWith('duplicate of') ? 'duplicate' : reason.replace(/\s*[(:"].*$/s, '') || reason;

const polluted = () => (Object.prototype as Record<string, unknown>).polluted !== undefined;

/** Parses one input as the loader would and says whether it ended as it must. */
export function checkParse(input: CorpusInput, options: { maxFileBytes?: number } = {}): ParseOutcome {
  const started = performance.now();
  let result: ReturnType<typeof parseCorpusFile>;
  try {
    result = parseCorpusFile(input.name, input.bytes, options);
  } catch (err) {
    return { ended: 'skipped', reasons: [], ms: performance.now() - started, problem: `${input.name}: threw ${(err as Error).stack ?? String(err)}` };
  }
  const took = performance.now() - started;
  const { articles, skipped } = result;
  const ended = articles.length === 0 ? 'skipped' : skipped.length === 0 ? 'loaded' : 'partly loaded';
  const outcome = (problem: string | null): ParseOutcome => ({ ended, reasons: skipped.map((s) => s.reason), ms: took, problem: problem && `${JSON.stringify(input.name)} (${input.kind}): ${problem}` });

  if (articles.length === 0 && skipped.length === 0) return outcome('neither loaded nor skipped');
  const unnamed = skipped.find((s) => s.file !== input.name || !s.reason.trim());
  if (unnamed) return outcome(`a skip that does not name the file or give a reason: ${JSON.stringify(unnamed)}`);
  const bad = articles.find((a) => a.file !== input.name || !a.title.trim() || !a.text.trim());
  if (bad) return outcome(`an article without file, title or text: ${JSON.stringify({ file: bad.file, title: bad.title })}`);
  if (input.expect === 'skip') {
    if (articles.length > 0) return outcome('loaded, but must be skipped');
    if (input.reason && !skipped.some((s) => input.reason!.test(s.reason))) return outcome(`skipped for "${skipped[0]?.reason}", expected ${input.reason}`);
  }
  if (input.expect === 'load' && articles.length === 0) return outcome(`skipped (${skipped.map((s) => s.reason).join('; ')}), but it is a good article`);
  if (articles.some((a) => (a.text + a.title).includes('\0'))) return outcome('a NUL character reached the article text');
  if (input.forbidden && articles.some((a) => (a.text + a.title).includes(input.forbidden!))) return outcome('script or style content reached the article text');
  if (input.lines) {
    if (articles.length !== input.lines.good) return outcome(`${articles.length} of ${input.lines.good} good lines loaded`);
    const lined = skipped.filter((s) => Number.isInteger(s.line));
    if (lined.length !== input.lines.bad || lined.length !== skipped.length) return outcome(`${lined.length} of ${input.lines.bad} bad lines skipped with their line number`);
  }
  if (polluted()) return outcome('Object.prototype was polluted');
  return outcome(null);
}

/** Good articles with facts of their own, written beside the hostile ones. */
export const SENTINELS = [
  { name: 'sentinel-bridge.md', question: 'How many drones struck the Zorvath bridge?', answer: '17', text: '---\ntitle: Drones strike the Zorvath bridge\nsource: Wire\npublished: 2024-03-04\n---\n\nAt least 17 drones struck the Zorvath bridge on Sunday, officials said. The bridge was closed to traffic.\n' },
  { name: 'sentinel-depot.txt', question: 'When was the Kelmarsh depot hit?', answer: 'Tuesday', text: 'Rocket hits the Kelmarsh depot\n\nA rocket hit the Kelmarsh fuel depot on Tuesday, the army said. Nobody was hurt.\n' },
  { name: 'sentinel-claims.jsonl', question: 'Who claimed the attack on the Ostrava checkpoint?', answer: 'Brigade', text: `${JSON.stringify({ title: 'Checkpoint attack claimed', source: 'Wire', published: '2024-03-06', text: 'The Red Hawk Brigade claimed the attack on the Ostrava checkpoint in a statement on Wednesday.' })}\n` },
];

/** Writes the inputs (first of each name wins) and the sentinels into `dir`; returns the names written. */
export function writeInputs(dir: string, inputs: CorpusInput[]): string[] {
  const written: string[] = [];
  for (const s of SENTINELS) {
    fs.writeFileSync(path.join(dir, s.name), s.text);
    written.push(s.name);
  }
  for (const input of inputs) {
    if (written.includes(input.name)) continue;
    fs.writeFileSync(path.join(dir, input.name), input.bytes);
    written.push(input.name);
  }
  return written;
}

/** Loads a corpus folder written by `writeInputs`; returns what broke the promise. */
export async function checkCorpusLoad(dir: string, written: string[], maxFileBytes?: number): Promise<{ corpus: LoadedCorpus | null; problems: string[] }> {
  const warned: SkippedInput[] = [];
  let corpus: LoadedCorpus;
  try {
    corpus = await loadCorpus(dir, { maxFileBytes, onWarning: (s) => warned.push(s) });
  } catch (err) {
    return { corpus: null, problems: [`loadCorpus threw: ${(err as Error).stack ?? String(err)}`] };
  }
  const problems: string[] = [];
  const loaded = new Set(corpus.files.map((f) => f.file));
  const skipped = new Set(corpus.skipped.map((s) => s.file));
  for (const name of written) {
    if (!loaded.has(name) && !skipped.has(name)) problems.push(`${JSON.stringify(name)} was neither loaded nor skipped`);
  }
  for (const s of SENTINELS) if (!loaded.has(s.name)) problems.push(`the good article ${s.name} was not loaded`);
  const unknown = [...loaded, ...skipped].filter((n) => !written.includes(n));
  if (unknown.length > 0) problems.push(`entries for files never written: ${JSON.stringify(unknown)}`);
  if (warned.length !== corpus.skipped.length) problems.push(`${warned.length} warnings for ${corpus.skipped.length} skipped inputs`);
  return { corpus, problems };
}

export interface CorpusFuzzSizes {
  /** Random inputs per kind, parsed one by one. */
  perKind: number;
  /** Random corpus folders, each of `filesPerCorpus` inputs plus the good articles. */
  corpora: number;
  filesPerCorpus: number;
  seed: number;
}

/** The malformed-corpus part of the report. */
export async function runCorpusFuzz(sizes: CorpusFuzzSizes, tempDir: (prefix: string) => string): Promise<CheckResult> {
  const tally = new Tally('malformed corpus');
  for (const kind of FUZZ_KINDS) {
    const inputs = fc.sample(INPUTS[kind], { numRuns: sizes.perKind, seed: sizes.seed });
    const outcomes = inputs.map((input) => checkParse(input));
    outcomes.forEach((o) => o.problem && tally.fail(o.problem));
    const ended = outcomes.map((o) => (o.ended === 'loaded' ? 'loaded' : `${o.ended}: ${o.reasons.map(reasonKind).sort()[0]}`));
    const slowest = Math.max(...outcomes.map((o) => o.ms));
    tally.row(kind, inputs.length, outcomes.filter((o) => !o.problem).length, `${countsText(ended, 4)}; slowest ${ms(slowest)}`);
  }

  // 10 MB single lines: skipped unread at the default 5 MB limit, and parsed whole when the limit allows it.
  const huge = hugeSingleLines();
  for (const limit of [undefined, 16 * 1024 * 1024]) {
    const outcomes = huge.map((input) => checkParse(input, { maxFileBytes: limit }));
    outcomes.forEach((o) => o.problem && tally.fail(o.problem));
    const ended = outcomes.map((o) => (o.ended === 'loaded' ? 'loaded' : `${o.ended}: ${reasonKind(o.reasons[0] ?? '')}`));
    tally.row(
      `10 MB single line (${limit ? 'limit raised to 16 MB' : 'default 5 MB limit'})`,
      huge.length,
      outcomes.filter((o) => !o.problem).length,
      `${countsText(ended)}; slowest ${ms(Math.max(...outcomes.map((o) => o.ms)))}`,
    );
  }

  // Whole folders: hostile files beside good ones, through loadCorpus.
  const corpora = fc.sample(fc.array(anyInput, { minLength: 1, maxLength: sizes.filesPerCorpus }), { numRuns: sizes.corpora, seed: sizes.seed + 1 });
  let held = 0;
  let files = 0;
  const loadMs: number[] = [];
  for (const inputs of corpora) {
    const dir = tempDir('sitrep-fuzz-corpus-');
    try {
      const written = writeInputs(dir, inputs);
      files += written.length;
      const started = performance.now();
      const { problems } = await checkCorpusLoad(dir, written);
      loadMs.push(performance.now() - started);
      problems.forEach((p) => tally.fail(p));
      if (problems.length === 0) held++;
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  tally.row('folders of hostile files beside 3 good articles', corpora.length, held, `${files} files; every file loaded or skipped by name, good articles loaded; load p95 ${ms(quantile(loadMs, 0.95))}`);
  return tally.result();
}
