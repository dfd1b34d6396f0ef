import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { evalExport, reviewPath, summaryText, toJsonLines } from '../../src/bot/feedback-report.js';
import { FeedbackStore, voteOn, voterId, type Vote } from '../../src/bot/feedback-store.js';
import { parseQuestionFile } from '../../src/eval/datasets.js';
import { answer, quote, source } from './fixtures.js';

const SECRET = 'a-feedback-secret-of-some-length';
const temps: string[] = [];
afterEach(() => temps.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function store(now: () => Date, keepDays = 90) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sitrep-feedback-'));
  temps.push(dir);
  return { dir, store: new FeedbackStore({ dir, keepDays, now }) };
}

const at = (iso: string) => new Date(iso);
const abstention = answer({ question: 'What is the capital of France?', abstained: true, answer: null, confidence: 0.1 });
const wrong = answer({ question: 'Who claimed the attack?', answer: quote('The attack was not claimed, the official said.', 'not claimed'), sources: [source(1, { file: 'other.md' })] });

describe('voters', () => {
  it('are an HMAC of the user id under the secret: not the id, not its plain hash, and another secret gives another', () => {
    const id = '1100000000000000500';
    const v = voterId(SECRET, id);
    expect(v).toMatch(/^[0-9a-f]{32}$/);
    expect(v).not.toContain(id);
    expect(voterId(SECRET, id)).toBe(v);
    expect(voterId('another-secret-of-some-length', id)).not.toBe(v);
    expect(voterId(SECRET, '1100000000000000501')).not.toBe(v);
  });
});

describe('feedback store', () => {
  it('keeps each vote with the question, quote, source and time; a later vote by the same person replaces theirs', async () => {
    const { dir, store: s } = store(() => at('2024-05-02T00:00:00Z'));
    const alice = voterId(SECRET, '1');
    const bob = voterId(SECRET, '2');
    await s.add(voteOn(answer(), 'a1', alice, 'up', at('2024-05-01T10:00:00Z')));
    await s.add(voteOn(answer(), 'a1', bob, 'up', at('2024-05-01T10:01:00Z')));
    await s.add(voteOn(answer(), 'a1', alice, 'down', at('2024-05-01T10:02:00Z')));
    expect(fs.readdirSync(dir)).toEqual(['votes-2024-05-01.jsonl']);
    const votes = await s.votes();
    expect(votes.map((v) => [v.voter === alice ? 'alice' : 'bob', v.vote])).toEqual([
      ['bob', 'up'],
      ['alice', 'down'],
    ]);
    expect(votes[1]).toMatchObject({
      answerId: 'a1',
      question: 'How many attacks since Oct 17?',
      asOf: '2023-12-06',
      abstained: false,
      span: 'at least 78 attacks',
      source: { title: 'Western Troops in Iraq Targeted in Drone Attack Claimed by Pro-Iran Group', file: 'article-1.md' },
      at: '2024-05-01T10:02:00.000Z',
    });
  });

  it('forgets votes older than FEEDBACK_DAYS and removes their files; skips a line cut short', async () => {
    let now = at('2024-05-01T12:00:00Z');
    const { dir, store: s } = store(() => now, 10);
    await s.add(voteOn(answer(), 'old', voterId(SECRET, '1'), 'up', at('2024-04-10T12:00:00Z')));
    await s.add(voteOn(answer(), 'new', voterId(SECRET, '1'), 'up', at('2024-04-30T12:00:00Z')));
    fs.appendFileSync(path.join(dir, 'votes-2024-04-30.jsonl'), '{"v":1,"at":"2024-04-30T13:00');
    expect((await s.votes()).map((v) => v.answerId)).toEqual(['new']);
    expect(await s.prune()).toBe(1);
    expect(fs.readdirSync(dir)).toEqual(['votes-2024-04-30.jsonl']);
    now = at('2024-05-12T00:00:00Z');
    expect(await s.votes()).toEqual([]);
  });
});

describe('feedback report and export', () => {
  const votes: Vote[] = [
    voteOn(answer(), 'a1', 'v1', 'up', at('2024-05-01T10:00:00Z')),
    voteOn(answer(), 'a2', 'v2', 'up', at('2024-05-01T11:00:00Z')),
    voteOn(wrong, 'a3', 'v1', 'down', at('2024-05-01T12:00:00Z')),
    voteOn(abstention, 'a4', 'v3', 'up', at('2024-05-01T13:00:00Z')),
  ];

  it('summarises the votes, most voted down first', () => {
    const text = summaryText(votes, { dir: 'data/feedback', days: 90 });
    expect(text).toMatch(/^Feedback of the last 90 days \(data\/feedback\): 4 votes on 4 answers by 3 people: 👍 3, 👎 1\./);
    const lines = text.split('\n');
    expect(lines[3]).toContain('👍 0 👎 1  "Who claimed the attack?" as of 6 Dec 2023: quoted "not claimed" from other.md');
    expect(lines[4]).toContain('👍 2 👎 0  "How many attacks since Oct 17?"');
    expect(text).toContain('"What is the capital of France?" as of 6 Dec 2023: abstained');
  });

  it('exports the voted-up questions as an eval question file that `npm run eval` reads, and the voted-down ones for review', () => {
    const { questions, review } = evalExport(votes);
    const parsed = parseQuestionFile('export.jsonl', toJsonLines(questions));
    expect(parsed).toEqual([
      expect.objectContaining({ question: 'How many attacks since Oct 17?', answers: ['at least 78 attacks'], answerable: true, source: 'article-1.md', asOf: '2023-12-06', kind: 'feedback' }),
      expect.objectContaining({ question: 'What is the capital of France?', answers: [], answerable: false, source: null }),
    ]);
    expect(review).toEqual([
      { id: 'feedback-1', question: 'Who claimed the attack?', asOf: '2023-12-06', up: 0, down: 1, answered: { quote: 'The attack was not claimed, the official said.', span: 'not claimed', source: 'other.md' } },
    ]);
    expect(reviewPath('/tmp/x/questions.jsonl')).toBe('/tmp/x/questions.review.jsonl');
    expect(reviewPath('out')).toBe('out.review.jsonl');
  });
});
