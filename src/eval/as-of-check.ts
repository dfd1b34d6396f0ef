/**
 * The as-of check: an answer as of day D must be, but for corpus statistics, the one an index of
 * only the articles published up to D gives. Each question is asked as of its day of the index of
 * the whole corpus, and again of an index built from that day's articles alone; the two quoted
 * sentences are compared.
 */
import fs from 'node:fs';
import path from 'node:path';
import { buildIndex } from '../store/build.js';
import { openSitrep, type Sitrep } from '../sitrep.js';
import type { EvalQuestion } from './datasets.js';
import { createWorkspace, workspaceConfig, type Workspace } from './workspace.js';

export interface AsOfDifference {
  id: string;
  question: string;
  asOf: string;
  /** The quoted sentence from the whole index (null: abstained). */
  whole: string | null;
  /** The quoted sentence from the index of the articles up to the as-of day alone. */
  alone: string | null;
}

export interface AsOfComparison {
  compared: number;
  same: number;
  differences: AsOfDifference[];
}

/** The lines of JSONL corpus files whose article was published on or before `asOf` (undated ones too). */
function articlesUpTo(files: readonly string[], asOf: string, into: string): void {
  for (const file of files) {
    const kept = fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => {
        if (line.trim() === '') return false;
        const published = (JSON.parse(line) as { published?: unknown }).published;
        return typeof published !== 'string' || published.slice(0, 10) <= asOf;
      });
    fs.writeFileSync(path.join(into, path.basename(file)), kept.length ? `${kept.join('\n')}\n` : '');
  }
}

async function indexOf(ws: Workspace, env: Record<string, string>): Promise<Sitrep> {
  const config = workspaceConfig(ws, env);
  await buildIndex(config, {});
  return openSitrep(config);
}

const quoted = async (sitrep: Sitrep, q: EvalQuestion): Promise<string | null> => {
  const a = await sitrep.answer(q.question, { asOf: q.asOf });
  return a.abstained ? null : (a.answer?.text ?? null);
};

/** Compares, question by question, the answer of the whole corpus as of a day with that of its articles up to that day. */
export async function compareAsOf(jsonlFiles: readonly string[], questions: readonly EvalQuestion[], env: Record<string, string> = {}): Promise<AsOfComparison> {
  const dated = questions.filter((q) => q.asOf !== undefined);
  const whole = createWorkspace('sitrep-asof-');
  const cleanup: Workspace[] = [whole];
  try {
    for (const f of jsonlFiles) fs.copyFileSync(f, path.join(whole.corpusDir, path.basename(f)));
    const wholeSitrep = await indexOf(whole, env);
    const differences: AsOfDifference[] = [];
    let same = 0;
    for (const day of [...new Set(dated.map((q) => q.asOf!))].sort()) {
      const alone = createWorkspace('sitrep-asof-');
      cleanup.push(alone);
      articlesUpTo(jsonlFiles, day, alone.corpusDir);
      const aloneSitrep = await indexOf(alone, env);
      for (const q of dated.filter((x) => x.asOf === day)) {
        const [a, b] = [await quoted(wholeSitrep, q), await quoted(aloneSitrep, q)];
        if (a === b) same++;
        else differences.push({ id: q.id, question: q.question, asOf: day, whole: a, alone: b });
      }
      alone.dispose();
    }
    return { compared: dated.length, same, differences };
  } finally {
    for (const ws of cleanup) ws.dispose();
  }
}
