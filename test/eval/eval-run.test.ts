import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readQuestionFile } from '../../src/eval/datasets.js';
import { formatAnswerEvaluation } from '../../src/eval/report.js';
import { evaluateQuestionFile } from '../../src/eval/run.js';

const QUESTIONS = 'test/fixtures/eval/questions.jsonl';
const DISTRACTORS = 'test/fixtures/eval/distractors';

describe('evaluation fixtures', () => {
  it('hold at least 25 questions, about a third unanswerable, each answerable one citing a shipped file', () => {
    const questions = readQuestionFile(QUESTIONS);
    const unanswerable = questions.filter((q) => !q.answerable).length;
    expect(questions.length).toBeGreaterThanOrEqual(25);
    expect(unanswerable / questions.length).toBeGreaterThan(0.28);
    expect(unanswerable / questions.length).toBeLessThan(0.4);
    for (const q of questions.filter((x) => x.answerable)) expect(fs.existsSync(path.join('corpus', q.source!))).toBe(true);
  });

  it('label every distractor as synthetic and keep them out of the shipped corpus', () => {
    const files = fs.readdirSync(DISTRACTORS);
    expect(files.length).toBeGreaterThanOrEqual(20);
    for (const f of files) {
      const text = fs.readFileSync(path.join(DISTRACTORS, f), 'utf8');
      expect(text).toMatch(/^title: "Synthetic test article: /m);
      expect(text).toMatch(/^source: Synthetic \(test fixture\)$/m);
    }
    expect(fs.readdirSync('corpus').some((f) => f.startsWith('synthetic'))).toBe(false);
  });
});

describe('npm run eval on the fixtures', () => {
  it('asks every question of Sitrep and of the BM25 baseline and reports both', async () => {
    const e = await evaluateQuestionFile(QUESTIONS, ['corpus', DISTRACTORS]);
    const questions = readQuestionFile(QUESTIONS);
    expect(e.build.articles).toBe(1 + fs.readdirSync(DISTRACTORS).length);
    for (const s of [e.sitrep, e.baseline, e.sitrepNoAbstention]) {
      expect(s.questions).toBe(questions.length);
      expect(s.unanswerable).toBe(questions.filter((q) => !q.answerable).length);
      expect(s.latencyMs.mean).toBeGreaterThan(0);
    }
    // The pipeline finds the seed article at all: the two systems answer some questions right from it.
    expect(e.sitrep.answerAccuracy).toBeGreaterThan(0);
    expect(e.baseline.answerAccuracy).toBeGreaterThan(0);
    expect(Object.keys(e.retrieval)).toEqual(['bm25', 'lexical+expansion', 'vector', 'fused']);
    const text = formatAnswerEvaluation(e, 0.35);
    expect(text).toContain('BM25 baseline');
    expect(text).toMatch(/Answer accuracy .*%.*%.*pt/);
  });
});
