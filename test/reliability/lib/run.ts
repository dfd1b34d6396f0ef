/**
 * `npm run reliability`: every check of the reliability suite at report size, one after another,
 * each in its own temp folders, collected into one table.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { writeBenchCorpus } from '../../../src/bench/corpus.js';
import { openSitrep } from '../../../src/sitrep.js';
import { buildIndex } from '../../../src/store/build.js';
import { startHarness } from '../../bot/harness.js';
import { tempDir, testConfig } from '../../helpers/fixtures.js';
import { runCorpusFuzz } from './corpus-check.js';
import { runCrashRounds } from './crash.js';
import { buildWithLog, runDamage } from './damage.js';
import { runHostile, writeHostileCorpus } from './hostile.js';
import { runDiskAndLinks } from './disk-and-links.js';
import { HOSTILE_PAGE_SIZES, runHostilePages } from './hostile-pages.js';
import { answerBurst, discordBurst, figuresText, instrument, type LoadFigures, type Reload } from './load.js';
import { Tally, formatTable, type CheckResult, type Row } from './report.js';
import { explodingAnswers, plantOutside, runPermissions, runSecrets } from './secrets.js';
import { runWriters } from './writers.js';

export interface ReportSizes {
  fuzzPerKind: number;
  fuzzCorpora: number;
  kills: number;
  crashPassages: number;
  flipsPerFile: number;
  loadPassages: number;
  apiQuestions: number;
  discordQuestions: number;
  lockContenders: number;
  lockRounds: number;
  addWriters: number;
  addRounds: number;
}

export const REPORT_SIZES: ReportSizes = {
  fuzzPerKind: 200,
  fuzzCorpora: 20,
  kills: 50,
  crashPassages: 100,
  flipsPerFile: 30,
  loadPassages: 2000,
  apiQuestions: 1000,
  discordQuestions: 200,
  lockContenders: 8,
  lockRounds: 8,
  addWriters: 4,
  addRounds: 4,
};

export const PARTS = ['corpus', 'crash', 'damage', 'load', 'hostile', 'secrets', 'writers', 'hostile-pages', 'disk-and-links'] as const;
export type Part = (typeof PARTS)[number];

/** A temp root for one part, removed afterwards whatever happens. */
async function inTemp<T>(prefix: string, fn: (root: string) => Promise<T>): Promise<T> {
  const root = tempDir(prefix);
  try {
    return await fn(root);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

const modelCache = () => testConfig({}).MODEL_CACHE_DIR;

async function synthetic(root: string, passages: number, questions: number) {
  const corpusDir = path.join(root, 'corpus');
  fs.mkdirSync(corpusDir);
  const bench = writeBenchCorpus(corpusDir, passages, questions, { seed: 5 });
  const env = { CORPUS_DIR: corpusDir, INDEX_DIR: path.join(root, 'index') };
  return { corpusDir, env, config: testConfig(env), questions: bench.questions.map((q) => q.question) };
}

const RUNS: Record<Part, (sizes: ReportSizes) => Promise<CheckResult>> = {
  corpus: (s) => runCorpusFuzz({ perKind: s.fuzzPerKind, corpora: s.fuzzCorpora, filesPerCorpus: 30, seed: 42 }, (p) => tempDir(p)),

  crash: (s) =>
    inTemp('sitrep-report-crash-', async (root) => {
      const { config } = await synthetic(root, s.crashPassages, 1);
      await buildIndex(config);
      return runCrashRounds(config, { kills: s.kills, seed: 7 });
    }),

  damage: (s) =>
    inTemp('sitrep-report-damage-', async (root) => {
      const { config, corpusDir, questions } = await synthetic(root, 200, 1);
      await buildWithLog(config, () => fs.writeFileSync(path.join(corpusDir, 'added.md'), '---\ntitle: Added\n---\n\nA shell hit a school on Monday, the mayor said.\n'));
      const sitrep = await openSitrep(config);
      return runDamage(config, sitrep, questions[0]!, { flipsPerFile: s.flipsPerFile, seed: 3 }, (i) =>
        fs.writeFileSync(path.join(corpusDir, `extra-${i}.md`), `---\ntitle: Extra ${i}\n---\n\nA rocket hit depot number ${i} on Friday, the army said.\n`),
      );
    }),

  load: (s) =>
    inTemp('sitrep-report-load-', async (root) => {
      const { config, env, questions } = await synthetic(root, s.loadPassages, s.apiQuestions);
      const tally = new Tally('load');
      const row = (tried: string, f: LoadFigures) => {
        const held = f.answered === f.asked && f.lost === 0 && f.duplicated === 0 && (!f.reindex || (f.reindex.swapped && f.reindex.duringAnswers));
        if (!held) tally.fail(`${tried}: ${figuresText(f)}`);
        tally.row(tried, f.asked, f.answered, figuresText(f));
      };
      const sitrep = await openSitrep(config, { buildIfMissing: true });
      row(`${s.apiQuestions.toLocaleString('en-US')} questions at once through the answer API (${s.loadPassages.toLocaleString('en-US')} passages)`, await answerBurst(sitrep, questions));
      row('the same while /reindex rebuilds in its child process and swaps', await answerBurst(sitrep, questions, { config, round: 1 }));
      let reloads: Reload[] = [];
      const h = await startHarness({ ...env, MODEL_CACHE_DIR: modelCache() }, {
        wrapSitrep: (x) => {
          const probe = instrument(x);
          reloads = probe.reloads;
          return probe.sitrep;
        },
      });
      try {
        row(`${s.discordQuestions} /ask at once through the fake Discord`, await discordBurst(h, questions, s.discordQuestions));
        row(`${s.discordQuestions} /ask at once while an owner's /reindex runs`, await discordBurst(h, questions, s.discordQuestions, { round: 2, reloads }));
      } finally {
        await h.close();
      }
      return tally.result();
    }),

  hostile: () =>
    inTemp('sitrep-report-hostile-', async (root) => {
      const corpus = path.join(root, 'corpus');
      fs.mkdirSync(corpus);
      writeHostileCorpus(corpus);
      const h = await startHarness({ CORPUS_DIR: corpus, INDEX_DIR: path.join(root, 'index'), MODEL_CACHE_DIR: modelCache() });
      try {
        return await runHostile(h);
      } finally {
        await h.close();
      }
    }),

  secrets: () =>
    inTemp('sitrep-report-secrets-', async (root) => {
      const corpusDir = path.join(root, 'corpus');
      fs.cpSync(path.resolve('corpus'), corpusDir, { recursive: true });
      const planted = plantOutside(root, corpusDir);
      const env = { CORPUS_DIR: corpusDir, INDEX_DIR: path.join(root, 'index'), MODEL_CACHE_DIR: modelCache(), RATE_LIMIT_QUESTIONS: '1000' };
      const h = await startHarness(env, { wrapSitrep: explodingAnswers });
      let result: CheckResult;
      try {
        result = await runSecrets(h, { CORPUS_DIR: corpusDir, INDEX_DIR: path.join(root, 'index-start') }, planted);
      } finally {
        await h.close();
      }
      const gate = await startHarness({ MODEL_CACHE_DIR: modelCache() }, { buildRunner: (config, o) => buildIndex(config, { onProgress: o?.onProgress }) });
      try {
        const tally = new Tally('secrets and permissions');
        await runPermissions(gate, tally);
        return { rows: [...result.rows, ...tally.rows], failures: [...result.failures, ...tally.failures] };
      } finally {
        await gate.close();
      }
    }),

  writers: (s) => inTemp('sitrep-report-writers-', (root) => runWriters(s, root)),

  'hostile-pages': () => inTemp('sitrep-report-hostile-pages-', (root) => runHostilePages(HOSTILE_PAGE_SIZES, root)),
  'disk-and-links': () => inTemp('sitrep-report-disk-', (root) => runDiskAndLinks(root)),
};

export interface ReportResult {
  rows: Row[];
  failures: string[];
  seconds: Record<string, number>;
}

/** Runs the chosen parts in order, reporting each as it starts on `progress`. */
export async function runReport(parts: readonly Part[], sizes: ReportSizes, progress: (line: string) => void): Promise<ReportResult> {
  const rows: Row[] = [];
  const failures: string[] = [];
  const seconds: Record<string, number> = {};
  for (const part of parts) {
    progress(`${part}…`);
    const started = performance.now();
    try {
      const r = await RUNS[part](sizes);
      rows.push(...r.rows);
      failures.push(...r.failures);
    } catch (err) {
      failures.push(`${part}: the check itself failed: ${(err as Error).stack ?? String(err)}`);
    }
    seconds[part] = (performance.now() - started) / 1000;
    progress(`${part} done in ${seconds[part]!.toFixed(0)} s`);
  }
  return { rows, failures, seconds };
}

export function machine(): string {
  const cpus = os.cpus();
  const load = os.loadavg().map((l) => l.toFixed(1)).join(' ');
  return `${cpus.length} cores (${cpus[0]?.model.trim() ?? 'unknown'}), ${Math.round(os.totalmem() / 2 ** 30)} GB, Node ${process.versions.node}, ${os.platform()} ${os.release()}; load average ${load}`;
}

export { formatTable };
