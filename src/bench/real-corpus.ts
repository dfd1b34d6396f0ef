/**
 * The benchmark on a corpus of one's own instead of the synthetic one (`npm run bench -- --corpus
 * DIR --questions-file FILE`): the corpus is copied into the bench's workspace, so that the add and
 * the removal it times write beside the copy and never into DIR, and its questions come from an
 * evaluation question file, each asked as of its own day.
 */
import fs from 'node:fs';
import path from 'node:path';
import { readQuestionFile } from '../eval/datasets.js';
import type { BenchCorpus, BenchQuestion } from './corpus.js';

export interface OwnCorpus {
  dir: string;
  questionsFile: string;
}

/**
 * The answerable questions of an evaluation question file (`npm run eval`'s format), as the bench
 * asks them: as of today, then as of each one's `asOf` day (the retrieval filtered by date).
 */
export function benchQuestionsOf(file: string): BenchQuestion[] {
  const questions = readQuestionFile(file).filter((q) => q.answerable && q.answers.length > 0);
  if (questions.length === 0) throw new Error(`${file}: no answerable question with an answer to time`);
  return questions.map((q) => ({ question: q.question, answers: q.answers, ...(q.asOf ? { published: q.asOf } : {}) }));
}

/**
 * Copies `corpus.dir` into `into` (the bench's corpus folder) and reads its questions. The article
 * and passage counts are left at 0: the build counts them.
 */
export function writeOwnCorpus(corpus: OwnCorpus, into: string): BenchCorpus {
  if (!fs.statSync(corpus.dir, { throwIfNoEntry: false })?.isDirectory()) throw new Error(`--corpus ${corpus.dir}: not a folder`);
  const questions = benchQuestionsOf(corpus.questionsFile);
  fs.cpSync(corpus.dir, into, { recursive: true, preserveTimestamps: true });
  return { articles: 0, passages: 0, questions };
}

/**
 * The corpus folder split for the recall-after-adds phase: copied into `into` but for about `share`
 * of each JSON Lines file's articles (every n-th line, so that all its years are among them), which
 * are returned to be added by incremental builds, as the articles of a day of feeds would be. Other
 * files are copied whole.
 */
export function splitOwnCorpus(corpus: OwnCorpus, into: string, share: number): { base: BenchCorpus; lines: string[] } {
  const base = writeOwnCorpus(corpus, into);
  const every = Math.max(2, Math.round(1 / share));
  const added: string[] = [];
  for (const entry of fs.readdirSync(into, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.jsonl')) continue;
    const file = path.join(entry.parentPath, entry.name);
    const lines = fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '');
    const kept = lines.filter((line, i) => (i % every === every - 1 ? (added.push(line), false) : true));
    fs.rmSync(file, { force: true });
    fs.writeFileSync(file, kept.length > 0 ? `${kept.join('\n')}\n` : '');
  }
  return { base, lines: added };
}
