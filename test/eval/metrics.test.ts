import { describe, expect, it } from 'vitest';
import { calibration, confidenceDiagnostics, judge, summarise } from '../../src/eval/answers.js';
import { parseQrels, parseQuestionFile, parseSquad } from '../../src/eval/datasets.js';
import { abstentionScores, latencySummary, ndcgAt, percentile, recallAt } from '../../src/eval/metrics.js';
import { containsAnswer, normaliseAnswer } from '../../src/eval/normalise.js';
import { spreadSample } from '../../src/eval/run.js';
import { Random, makeIncident } from '../../src/eval/synthetic.js';
import type { SystemAnswer } from '../../src/eval/systems.js';

describe('answer matching', () => {
  it('ignores case, punctuation and articles', () => {
    expect(containsAnswer('The Islamic Resistance in Iraq claimed the attack.', 'islamic resistance in iraq')).toBe(true);
    expect(containsAnswer('It struck the base.', 'a base')).toBe(true);
  });

  it('reads number words and digits alike', () => {
    expect(containsAnswer('Washington has counted at least 78 attacks.', 'seventy-eight')).toBe(true);
    expect(containsAnswer('at least seventy-eight attacks', '78')).toBe(true);
    expect(containsAnswer('killing five of them', '5')).toBe(true);
    expect(containsAnswer('some 1,200 troops', '1200')).toBe(true);
    expect(containsAnswer('one hundred and five rockets', '105')).toBe(true);
    expect(containsAnswer('3 million people', 'three million')).toBe(true);
  });

  it('matches whole words only, and keeps separate numbers apart', () => {
    expect(containsAnswer('178 attacks', '78')).toBe(false);
    expect(containsAnswer('between two and four', '6')).toBe(false);
    expect(normaliseAnswer('two three')).toEqual(['2', '3']);
    expect(normaliseAnswer('twenty three')).toEqual(['23']);
    expect(containsAnswer('anything', '')).toBe(false);
  });
});

describe('ranking metrics', () => {
  const rel = new Map([
    ['a', 1],
    ['b', 1],
  ]);

  it('gives nDCG@10 of 1 for a perfect ranking and less when relevant documents sink', () => {
    expect(ndcgAt(['a', 'b', 'x'], rel, 10)).toBeCloseTo(1);
    const sunk = ndcgAt(['x', 'a', 'y', 'b'], rel, 10);
    const ideal = 1 + 1 / Math.log2(3);
    expect(sunk).toBeCloseTo((1 / Math.log2(3) + 1 / Math.log2(5)) / ideal);
    expect(ndcgAt(['x', 'y'], rel, 10)).toBe(0);
  });

  it('counts recall within the cut-off only', () => {
    expect(recallAt(['a', 'x', 'b'], rel, 2)).toBe(0.5);
    expect(recallAt(['a', 'x', 'b'], rel, 100)).toBe(1);
  });

  it('takes nearest-rank percentiles', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 95)).toBe(95);
    expect(percentile([7], 99)).toBe(7);
    expect(latencySummary([]).p95).toBe(0);
  });
});

describe('abstention', () => {
  it('scores precision over abstentions and recall over unanswerable questions', () => {
    expect(abstentionScores({ rightAbstentions: 3, wrongAbstentions: 1, unanswerable: 6 })).toEqual({ precision: 0.75, recall: 0.5 });
    expect(abstentionScores({ rightAbstentions: 0, wrongAbstentions: 0, unanswerable: 0 })).toEqual({ precision: null, recall: null });
  });

  const answer = (text: string | null, confidence: number, file: string | null = 'a.md'): SystemAnswer => ({
    abstained: text === null,
    text,
    span: null,
    file: text === null ? null : file,
    confidence,
    citedDates: [],
    ms: 1,
  });
  const answerable = { id: '1', question: 'q', answers: ['78'], answerable: true, source: 'a.md' };
  const unanswerable = { id: '2', question: 'q', answers: [], answerable: false, source: null };

  it('sums up answers, citations and the overall score', () => {
    const s = summarise([
      judge(answerable, answer('at least 78 attacks', 0.9)),
      judge(answerable, answer('no figure here', 0.8, 'b.md')),
      judge(unanswerable, answer(null, 0.1)),
      judge(unanswerable, answer('a wrong guess', 0.7)),
    ]);
    expect(s).toMatchObject({ answerAccuracy: 0.5, citationAccuracy: 0.5, abstentionPrecision: 1, abstentionRecall: 0.5, overall: 0.5 });
  });

  it('measures how well a confidence separates answerable from unanswerable questions', () => {
    const d = confidenceDiagnostics([
      judge(answerable, answer('78', 0.9)),
      judge(answerable, answer('78', 0.6)),
      judge(unanswerable, answer('guess', 0.5)),
      judge(unanswerable, answer('guess', 0.2)),
    ]);
    expect(d.auc).toBe(1);
    expect(d.bestOverall).toBe(1);
    expect(d.bestThreshold).toBeGreaterThan(0.5);
  });

  it('tabulates calibration by tenths and weighs each tenth\'s gap by its size', () => {
    const c = calibration([
      judge(answerable, answer('at least 78 attacks', 0.95)),
      judge(answerable, answer('no figure here', 0.91)),
      judge(answerable, answer('at least 78 attacks', 0.25)),
      judge(unanswerable, answer('guess', 0.2)),
    ]);
    expect(c.bins.map((b) => [b.from, b.count, b.accuracy])).toEqual([
      [0.2, 2, 0.5],
      [0.9, 2, 0.5],
    ]);
    // |0.225 − 0.5| × 2 + |0.93 − 0.5| × 2, over 4.
    expect(c.ece).toBeCloseTo((0.275 * 2 + 0.43 * 2) / 4, 6);
  });
});

describe('dataset readers', () => {
  it('reads a question file and names the line of a bad question', () => {
    const ok = parseQuestionFile('q.jsonl', '{"question":"How many?","answers":["78"],"answerable":true,"source":"a.md"}\n\n');
    expect(ok).toEqual([{ id: '1', question: 'How many?', answers: ['78'], answerable: true, source: 'a.md' }]);
    expect(() => parseQuestionFile('q.jsonl', '{"question":"x","answerable":true}')).toThrow(/q\.jsonl:1: .*answer/);
    expect(() => parseQuestionFile('q.jsonl', 'not json')).toThrow(/q\.jsonl:1: invalid JSON/);
  });

  it('turns SQuAD paragraphs into documents and v2.0 impossible questions into unanswerable ones', () => {
    const set = parseSquad('dev.json', {
      version: 'v2.0',
      data: [{ title: 'Super_Bowl_50', paragraphs: [{ context: 'Denver won.', qas: [
        { id: 'q1', question: 'Who won?', answers: [{ text: 'Denver' }, { text: 'Denver' }], is_impossible: false },
        { id: 'q2', question: 'Who lost?', answers: [], is_impossible: true },
      ] }] }],
    });
    expect(set.documents).toEqual([{ id: '0.0', title: 'Super Bowl 50', text: 'Denver won.' }]);
    expect(set.questions.map((q) => [q.answers, q.answerable, q.source])).toEqual([[['Denver'], true, '0.0'], [[], false, null]]);
  });

  it('reads BEIR qrels with or without a header', () => {
    const q = parseQrels('t.tsv', 'query-id\tcorpus-id\tscore\n1\td1\t1\n1\td2\t2\n');
    expect([...q.get('1')!]).toEqual([['d1', 1], ['d2', 2]]);
    expect(() => parseQrels('t.tsv', '1\td1')).toThrow(/t\.tsv:1/);
  });

  it('samples evenly across a set', () => {
    expect(spreadSample([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 5)).toEqual([0, 2, 4, 6, 8]);
    expect(spreadSample([1, 2], undefined)).toEqual([1, 2]);
  });
});

describe('synthetic incidents', () => {
  it('are the same for the same seed', () => {
    expect(makeIncident(new Random(7))).toEqual(makeIncident(new Random(7)));
    expect(makeIncident(new Random(7))).not.toEqual(makeIncident(new Random(8)));
  });
});

describe('span metrics that cannot be gamed by long spans', async () => {
  const { exactMatch, tokenF1 } = await import('../../src/eval/normalise.js');
  it('scores exact match and token F1 as SQuAD does', () => {
    expect(exactMatch('at least 78 attacks', ['78 attacks', 'at least 78 attacks'])).toBe(true);
    expect(exactMatch('The Islamic Resistance in Iraq', ['Islamic Resistance in Iraq'])).toBe(true);
    expect(exactMatch('78', ['78 attacks'])).toBe(false);
    expect(tokenF1('78', ['78 attacks'])).toBeCloseTo(2 / 3);
    // A whole sentence holds the answer but scores low on F1.
    expect(tokenF1('Washington has counted at least 78 attacks since October 17 against its forces', ['78 attacks'])).toBeLessThan(0.3);
    expect(tokenF1('seventy-eight attacks', ['78 attacks'])).toBe(1);
    expect(tokenF1('', ['78'])).toBe(0);
  });
});
