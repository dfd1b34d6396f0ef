/**
 * The news training set (training/news-questions.jsonl and news-questions-2.jsonl, read as one):
 * Sitrep's own questions about real-news articles, checked against the articles when it is read,
 * and turned into answer/abstain rows by asking each question, as of its day, of an index of the
 * real-news folder, as `--real-news` does.
 *
 * It never shares an article with the real-news test set: an article the test set cites, a full
 * article published within TEST_WINDOW_DAYS of one, or a day's summary within SUMMARY_WINDOW_DAYS of
 * one (the same story, told again) is refused when the file is read.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { loadConfig } from '../config.js';
import { openSitrep } from '../sitrep.js';
import { buildIndex } from '../store/build.js';
import type { AnswerabilityExample } from '../learn/answerability-train.js';
import { ANSWERABILITY_FEATURES } from '../answer/answerability.js';
import { DatasetError, readQuestionFile } from './datasets.js';
import { containsAnyAnswer } from './normalise.js';

/** A full article this close (in days) to a test article may tell the same story. */
export const TEST_WINDOW_DAYS = 7;
/** A day's summary (Wikipedia's Current events page) names each story on its day: one day either side. */
export const SUMMARY_WINDOW_DAYS = 1;
/** The real-news JSONL files run to 12 MB, over the loader's 5 MB default. */
const MAX_FILE_BYTES = String(64 * 1024 * 1024);

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
  .refine((d) => new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), { message: 'not a calendar day' });

const newsQuestion = z
  .object({
    id: z.string().min(1),
    question: z.string().trim().min(1),
    answers: z.array(z.string().trim().min(1)),
    answerable: z.boolean(),
    /** `<file>:<line>` of the article that answers it; null for a question the corpus cannot answer. */
    source: z.string().regex(/^[^:]+\.jsonl:\d+$/, '"<file>.jsonl:<line>"').nullable(),
    /** Id of the article it was written about (for an unanswerable one, the article it was changed from): the unit of a fold. */
    article: z.string().min(1),
    asOf: day,
    kind: z.string().min(1),
  })
  .strict()
  .refine((q) => q.answerable === q.answers.length > 0, { message: 'an answerable question has answers, an unanswerable one none' })
  .refine((q) => q.answerable === (q.source !== null), { message: 'an answerable question names its source, an unanswerable one none' });

export type NewsQuestion = z.infer<typeof newsQuestion>;

/** One article of the real-news folder, where it is and what it says. */
export interface NewsArticle {
  id: string;
  /** `<file>:<line>`. */
  location: string;
  published: string;
  text: string;
}

/** Parses the question file's lines; a bad line is named with what is wrong. */
export function parseNewsQuestions(file: string, text: string): NewsQuestion[] {
  const out: NewsQuestion[] = [];
  const ids = new Set<string>();
  text.split('\n').forEach((raw, i) => {
    if (raw.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (err) {
      throw new DatasetError(`${file}:${i + 1}: invalid JSON (${(err as Error).message})`);
    }
    const parsed = newsQuestion.safeParse(value);
    if (!parsed.success) throw new DatasetError(`${file}:${i + 1}: ${parsed.error.issues.map((x) => `${x.path.join('.') || '(line)'}: ${x.message}`).join('; ')}`);
    if (ids.has(parsed.data.id)) throw new DatasetError(`${file}:${i + 1}: id ${parsed.data.id} is used twice`);
    ids.add(parsed.data.id);
    out.push(parsed.data);
  });
  return out;
}

/** Every article of the folder's JSONL files, by location and by id. */
export function readNewsCorpus(dir: string): { byLocation: Map<string, NewsArticle>; byId: Map<string, NewsArticle> } {
  if (!fs.existsSync(dir)) throw new DatasetError(`${dir}: not found (the real-news folder, ../shared/eval/real-news)`);
  const byLocation = new Map<string, NewsArticle>();
  const byId = new Map<string, NewsArticle>();
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort()) {
    fs.readFileSync(path.join(dir, file), 'utf8')
      .split('\n')
      .forEach((raw, i) => {
        if (raw.trim() === '') return;
        const a = JSON.parse(raw) as { id: string; published: string; text: string };
        const article = { id: a.id, location: `${file}:${i + 1}`, published: a.published, text: a.text };
        byLocation.set(article.location, article);
        byId.set(article.id, article);
      });
  }
  return { byLocation, byId };
}

const dayNumber = (d: string): number => Date.parse(`${d.slice(0, 10)}T00:00:00Z`) / 86_400_000;
const isDaySummary = (a: NewsArticle): boolean => a.id.startsWith('wpce-');

/** The articles no training question may draw on: those the test set cites and those close to them in time. */
export function testSideArticles(testSources: readonly NewsArticle[], articles: Iterable<NewsArticle>): Set<string> {
  const out = new Set<string>();
  const days = testSources.map((s) => dayNumber(s.published));
  for (const a of articles) {
    const window = isDaySummary(a) ? SUMMARY_WINDOW_DAYS : TEST_WINDOW_DAYS;
    const d = dayNumber(a.published);
    if (testSources.some((s) => s.id === a.id) || days.some((t) => Math.abs(d - t) <= window)) out.add(a.id);
  }
  return out;
}

/**
 * Checks each question against the corpus: its source is its article, every answer is written in it
 * (as is, character for character), an answerable question is asked no earlier than its article's
 * day, and no article is on the test side. Returns the problems, one line each (empty: all good).
 */
export function newsQuestionProblems(
  questions: readonly NewsQuestion[],
  corpus: { byLocation: Map<string, NewsArticle>; byId: Map<string, NewsArticle> },
  testSide: ReadonlySet<string>,
): string[] {
  const problems: string[] = [];
  for (const q of questions) {
    const article = corpus.byId.get(q.article);
    if (!article) {
      problems.push(`${q.id}: article ${q.article} is not in the corpus`);
      continue;
    }
    if (testSide.has(article.id)) problems.push(`${q.id}: article ${q.article} (${article.location}) is on the test set's side (cited by it, or within days of an article it cites)`);
    if (q.source !== null) {
      const cited = corpus.byLocation.get(q.source);
      if (!cited) problems.push(`${q.id}: source ${q.source} is not in the corpus`);
      else if (cited.id !== q.article) problems.push(`${q.id}: source ${q.source} is article ${cited.id}, not ${q.article}`);
      for (const a of q.answers) if (!article.text.includes(a)) problems.push(`${q.id}: answer "${a}" is not written in ${article.location}`);
      if (dayNumber(q.asOf) < dayNumber(article.published)) problems.push(`${q.id}: asked as of ${q.asOf}, before its article (${article.published})`);
    }
  }
  return problems;
}

/** Reads the question file and checks it against the corpus and the test set; any problem stops here, with every problem named. */
export function readNewsQuestions(file: string, corpusDir: string, testFile: string): { questions: NewsQuestion[]; sha256: string } {
  const text = fs.readFileSync(file, 'utf8');
  const questions = parseNewsQuestions(file, text);
  const corpus = readNewsCorpus(corpusDir);
  const testSources = readQuestionFile(testFile).flatMap((q) => {
    if (q.source === null) return [];
    const a = corpus.byLocation.get(q.source);
    if (!a) throw new DatasetError(`${testFile}: source ${q.source} is not in ${corpusDir}`);
    return [a];
  });
  const problems = newsQuestionProblems(questions, corpus, testSideArticles(testSources, corpus.byId.values()));
  if (problems.length > 0) throw new DatasetError(`${file}: ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
  return { questions, sha256: createHash('sha256').update(text).digest('hex') };
}

/**
 * Answer/abstain rows for the news questions: each asked of an index of `corpusDir` (built in
 * `indexDir`, or brought up to date there) as of its day, with the answer path's own features (the
 * full span model, which never saw news) and labelled 1 when the quoted sentence holds an answer,
 * as `npm run eval` judges it.
 */
export async function newsAnswerability(
  questions: readonly NewsQuestion[],
  setName: string,
  corpusDir: string,
  indexDir: string,
  onProgress?: (label: string, done: number, total: number) => void,
): Promise<(AnswerabilityExample & { id: string })[]> {
  const config = loadConfig({
    ...process.env,
    CORPUS_DIR: corpusDir,
    INDEX_DIR: indexDir,
    MAX_FILE_BYTES,
    ANSWER_MODEL: 'none',
    ABSTAIN_MODEL: 'none',
    MIN_CONFIDENCE: '0',
  });
  await buildIndex(config, { onProgress: (done, total) => onProgress?.('news index', done, total) });
  const sitrep = await openSitrep(config);
  const out: (AnswerabilityExample & { id: string })[] = [];
  for (const q of questions) {
    const { answerability: row } = await sitrep.candidates(q.question, { asOf: q.asOf });
    const answer = await sitrep.answer(q.question, { asOf: q.asOf });
    const quoted = answer.abstained ? null : (answer.answer?.text ?? null);
    out.push({
      id: q.id,
      set: setName,
      article: q.article,
      answerable: q.answerable,
      // No candidate at all: the answer path abstains before any model is asked; a row of zeros says so.
      row: row ?? ANSWERABILITY_FEATURES.map(() => 0),
      label: q.answerable && quoted !== null && containsAnyAnswer(quoted, q.answers) ? 1 : 0,
      handConfidence: answer.confidence,
    });
    onProgress?.(setName, out.length, questions.length);
  }
  return out;
}
