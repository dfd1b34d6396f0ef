/**
 * The benchmark on a corpus of one's own instead of the synthetic one (`npm run bench -- --corpus
 * DIR --questions-file FILE`): the corpus is copied into the bench's workspace, so that the add and
 * the removal it times write beside the copy and never into DIR, and its questions come from an
 * evaluation question file, each asked as of its own day.
 */
import fs from 'node:fs';
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
