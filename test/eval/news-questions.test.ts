import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ANSWERABILITY_FEATURES } from '../../src/answer/answerability.js';
import { DatasetError } from '../../src/eval/datasets.js';
import {
  newsQuestionProblems,
  parseNewsQuestions,
  readNewsQuestions,
  testSideArticles,
  type NewsArticle,
  type NewsQuestion,
} from '../../src/eval/news-training-data.js';
import { readAnswerabilityModel } from '../../src/learn/answerability-model.js';

const FILES = ['training/news-questions.jsonl', 'training/news-questions-2.jsonl'];
const REAL_NEWS = '../shared/eval/real-news';
const TEST_SET = 'test/fixtures/eval/real-news-questions.jsonl';

describe.each(FILES)('the news training questions file %s', (FILE) => {
  const text = fs.readFileSync(FILE, 'utf8');
  const questions = parseNewsQuestions(FILE, text);

  it('parses: 150 to 300 questions, about a third unanswerable, answers only where answerable', () => {
    expect(questions.length).toBeGreaterThanOrEqual(150);
    expect(questions.length).toBeLessThanOrEqual(300);
    const unanswerable = questions.filter((q) => !q.answerable);
    expect(unanswerable.length / questions.length).toBeGreaterThan(0.25);
    expect(unanswerable.length / questions.length).toBeLessThan(0.45);
    for (const q of unanswerable) expect(q.answers).toEqual([]);
    for (const q of questions.filter((x) => x.answerable)) expect(q.source).toMatch(/\.jsonl:\d+$/);
  });

  it('keeps answers short: a name, a number, a phrase, never a passage of the article', () => {
    for (const q of questions) for (const a of q.answers) expect(a.split(/\s+/).length).toBeLessThanOrEqual(12);
  });

  it('asks about many articles, so folds by article hold several each', () => {
    expect(new Set(questions.map((q) => q.article)).size).toBeGreaterThanOrEqual(30);
  });

  it('is the file the shipped answer/abstain model names, by its sha256', () => {
    const model = readAnswerabilityModel('models/answerability.json', ANSWERABILITY_FEATURES);
    const sha = createHash('sha256').update(text).digest('hex');
    expect(model.trainedOn.some((t) => t.startsWith(FILE) && t.includes(sha))).toBe(true);
  });

  // Needs the real-news folder (evaluation data, not in the repository); the training script runs
  // the same check every time it reads the file.
  it.runIf(fs.existsSync(REAL_NEWS))('has every answer written in its article, and no article on the test set’s side (needs ../shared/eval/real-news)', () => {
    expect(readNewsQuestions(FILE, REAL_NEWS, TEST_SET).questions).toHaveLength(questions.length);
  });
});

describe('the news training question files together', () => {
  const sets = FILES.map((f) => parseNewsQuestions(f, fs.readFileSync(f, 'utf8')));

  it('share no question id and no article, so each file widens the set', () => {
    const ids = sets.flatMap((qs) => qs.map((q) => q.id));
    expect(new Set(ids).size).toBe(ids.length);
    const [first, second] = sets.map((qs) => new Set(qs.map((q) => q.article)));
    expect([...second!].filter((a) => first!.has(a))).toEqual([]);
  });

  it('ask unanswerable questions of every kind: before the event, about a fact no article gives, with a name swapped', () => {
    const kinds = new Set(sets.flat().filter((q) => !q.answerable).map((q) => q.kind));
    expect([...kinds].sort()).toEqual(['not-yet', 'swapped', 'unstated']);
  });
});

describe('checking news questions against their articles', () => {
  const article = (id: string, location: string, published: string, text: string): NewsArticle => ({ id, location, published, text });
  const articles = [
    article('rtqa-1', 'a.jsonl:1', '2024-05-01', 'Shelling killed at least 12 people in Kharkiv on Tuesday.'),
    article('rtqa-2', 'a.jsonl:2', '2024-05-05', 'A drone hit a depot near Toropets.'),
    article('rtqa-3', 'a.jsonl:3', '2024-06-20', 'Talks resumed in Cairo.'),
    article('wpce-2024-05-02-armed', 'w.jsonl:1', '2024-05-02', '- A strike hit Sumy.'),
    article('wpce-2024-05-07-armed', 'w.jsonl:2', '2024-05-07', '- A strike hit Odesa.'),
  ];
  const corpus = { byLocation: new Map(articles.map((a) => [a.location, a])), byId: new Map(articles.map((a) => [a.id, a])) };
  const question = (over: Partial<NewsQuestion>): NewsQuestion => ({
    id: 'q1',
    question: 'How many were killed in Kharkiv?',
    answers: ['at least 12 people'],
    answerable: true,
    source: 'a.jsonl:3',
    article: 'rtqa-3',
    asOf: '2024-06-20',
    kind: 'count',
    ...over,
  });

  it('puts on the test side its articles, full articles within a week of them and day summaries within a day', () => {
    const side = testSideArticles([articles[0]!], articles);
    expect([...side].sort()).toEqual(['rtqa-1', 'rtqa-2', 'wpce-2024-05-02-armed'].sort());
  });

  it('names an answer the article does not hold, a source that is another article, and a test-side article', () => {
    const side = new Set(['rtqa-2']);
    const problems = newsQuestionProblems(
      [
        question({ id: 'ok', answers: ['Cairo'], question: 'Where did talks resume?' }),
        question({ id: 'missing' }),
        question({ id: 'elsewhere', source: 'a.jsonl:1', answers: ['Cairo'] }),
        question({ id: 'test-side', article: 'rtqa-2', source: 'a.jsonl:2', answers: ['Toropets'], asOf: '2024-05-05' }),
        question({ id: 'early', answers: ['Cairo'], asOf: '2024-06-01' }),
        question({ id: 'unknown', article: 'rtqa-9', source: null, answers: [], answerable: false }),
      ],
      corpus,
      side,
    );
    expect(problems.some((p) => p.startsWith('ok:'))).toBe(false);
    expect(problems.find((p) => p.startsWith('missing:'))).toMatch(/"at least 12 people" is not written in a\.jsonl:3/);
    expect(problems.find((p) => p.startsWith('elsewhere:'))).toMatch(/is article rtqa-1, not rtqa-3/);
    expect(problems.find((p) => p.startsWith('test-side:'))).toMatch(/test set's side/);
    expect(problems.find((p) => p.startsWith('early:'))).toMatch(/before its article/);
    expect(problems.find((p) => p.startsWith('unknown:'))).toMatch(/not in the corpus/);
  });

  it('refuses a line with answers but no source, or an unknown field, naming the line', () => {
    const line = (o: object) => JSON.stringify({ id: 'x', question: 'Who?', answers: ['A'], answerable: true, source: 'a.jsonl:1', article: 'rtqa-1', asOf: '2024-05-01', kind: 'fact', ...o });
    expect(() => parseNewsQuestions('f.jsonl', line({ source: null }))).toThrow(/f\.jsonl:1: .*names its source/);
    expect(() => parseNewsQuestions('f.jsonl', `${line({})}\n${line({ text: 'copied' })}`)).toThrow(DatasetError);
    expect(() => parseNewsQuestions('f.jsonl', `${line({})}\n${line({})}`)).toThrow(/used twice/);
  });
});
