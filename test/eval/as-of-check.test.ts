/**
 * The as-of promise on real, dated news: asked as of day D, the whole index answers with the same
 * sentence as an index of only the articles published up to D. Runs on the Wikipedia current-events
 * conflict summaries (589 days, 2025–2026) of ../shared/eval/real-news, which are read here and never
 * copied into the repository, with every question of Sitrep's real-news set about that file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareAsOf } from '../../src/eval/as-of-check.js';
import { readQuestionFile } from '../../src/eval/datasets.js';

const CORPUS = path.resolve('../shared/eval/real-news/wikipedia-current-events-conflict.jsonl');
const QUESTIONS = 'test/fixtures/eval/real-news-questions.jsonl';
const present = fs.existsSync(CORPUS);

describe('as of D equals an index of the articles up to D', () => {
  it.skipIf(!present)(
    'quotes the same sentence for at least 95% of the questions about the file (or both abstain)',
    async () => {
      const file = path.basename(CORPUS);
      // The questions about this file, and the ones it cannot answer yet (their as-of precedes the answer).
      const questions = readQuestionFile(QUESTIONS).filter((q) => q.source?.startsWith(`${file}:`) || (!q.answerable && q.asOf! >= '2025-01-01'));
      expect(questions.length).toBeGreaterThanOrEqual(20);
      const result = await compareAsOf([CORPUS], questions);
      if (result.differences.length > 0) console.log('as-of differences (corpus statistics):', JSON.stringify(result.differences, null, 1));
      expect(result.compared).toBe(questions.length);
      expect(result.same / result.compared).toBeGreaterThanOrEqual(0.95);
    },
    600_000,
  );
});
