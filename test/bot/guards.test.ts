import { describe, expect, it } from 'vitest';
import { admitQuestion } from '../../src/bot/ask-flow.js';
import { checkQuestion, MAX_QUESTION_LENGTH } from '../../src/bot/question.js';
import { RateLimiter } from '../../src/bot/rate-limit.js';
import { WorkTracker } from '../../src/bot/work.js';

describe('question checks', () => {
  it('accepts a question and trims it', () => {
    expect(checkQuestion('  How many attacks since Oct 17?  ')).toEqual({ ok: true, question: 'How many attacks since Oct 17?' });
  });

  it.each([
    ['empty', '   ', /type a question/],
    ['too long', 'a'.repeat(MAX_QUESTION_LENGTH + 1), /under 300 characters/],
    ['only symbols', '?!… @#$ ---', /no words/],
    ['missing', null, /type a question/],
  ])('refuses a question that is %s with a clear message', (_, raw, message) => {
    const r = checkQuestion(raw);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(message);
  });

  it('accepts questions in other scripts', () => {
    expect(checkQuestion('كم عدد الهجمات؟').ok).toBe(true);
  });
});

describe('rate limit', () => {
  it('allows the configured number per window per user, then says when to retry', () => {
    let now = 1_000_000;
    const limiter = new RateLimiter({ max: 2, windowMs: 30_000, now: () => now });
    expect(limiter.take('u1')).toEqual({ allowed: true });
    now += 10_000;
    expect(limiter.take('u1')).toEqual({ allowed: true });
    expect(limiter.take('u2')).toEqual({ allowed: true });
    expect(limiter.take('u1')).toEqual({ allowed: false, retryAfterMs: 20_000 });
    now += 20_001;
    expect(limiter.take('u1')).toEqual({ allowed: true });
  });

  it('does not count invalid questions against the limit', () => {
    const limiter = new RateLimiter({ max: 1, windowMs: 30_000 });
    expect(admitQuestion(limiter, 'u', '???').ok).toBe(false);
    expect(admitQuestion(limiter, 'u', 'Who claimed it?').ok).toBe(true);
    const third = admitQuestion(limiter, 'u', 'Who claimed it?');
    expect(!third.ok && third.message).toMatch(/try again in 30 s/);
  });
});

describe('work tracker', () => {
  it('waits for work in flight when closing, and says when it timed out', async () => {
    const work = new WorkTracker();
    let finished = false;
    void work.run(() => new Promise<void>((r) => setTimeout(() => ((finished = true), r()), 50)));
    expect(await work.close(2000)).toBe(true);
    expect(finished).toBe(true);
    expect(work.closing).toBe(true);

    const stuck = new WorkTracker();
    void stuck.run(() => new Promise<void>(() => undefined));
    expect(await stuck.close(20)).toBe(false);
  });
});
