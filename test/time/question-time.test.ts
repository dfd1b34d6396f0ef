import { describe, expect, it } from 'vitest';
import { dayOf, isoDay, type Day } from '../../src/time/days.js';
import { questionTime, splitAsOf } from '../../src/time/question-time.js';

/** A corpus whose articles were published on these days. */
const corpusOf = (...days: Day[]) => (from: Day) => days.some((d) => d >= from);
const WED_6_DEC_2023 = dayOf(2023, 12, 6);
const ctx = (asOf: Day, ...published: Day[]) => ({ asOf, coversSince: corpusOf(...(published.length ? published : [asOf])) });
const range = (text: string, c: ReturnType<typeof ctx>) => {
  const r = questionTime(text, c).range;
  return r && [r.from === -Infinity ? '-∞' : isoDay(r.from), isoDay(r.to)];
};

describe('periods named relative to the as-of day', () => {
  const c = ctx(WED_6_DEC_2023);
  it('reads today, yesterday, this and last week as whole days (weeks run Monday to Sunday)', () => {
    expect(range('What happened today?', c)).toEqual(['2023-12-06', '2023-12-06']);
    expect(range('Any strikes yesterday?', c)).toEqual(['2023-12-05', '2023-12-05']);
    expect(range('How many attacks this week?', c)).toEqual(['2023-12-04', '2023-12-06']);
    expect(range('How many attacks last week?', c)).toEqual(['2023-11-27', '2023-12-03']);
  });
  it('reads months and years as ranges, "so far this year" up to the as-of day', () => {
    expect(range('Who was killed last month?', c)).toEqual(['2023-11-01', '2023-11-30']);
    expect(range('How many attacks this month?', c)).toEqual(['2023-12-01', '2023-12-06']);
    expect(range('How many attacks so far this year?', c)).toEqual(['2023-01-01', '2023-12-06']);
    expect(range('How many attacks last year?', c)).toEqual(['2022-01-01', '2022-12-31']);
    expect(range('How many strikes in 2021?', c)).toEqual(['2021-01-01', '2021-12-31']);
    expect(range('What happened in March 2022?', c)).toEqual(['2022-03-01', '2022-03-31']);
  });
  it('reads "the past N days/weeks" back from the as-of day', () => {
    expect(range('Any drone attacks in the past two weeks?', c)).toEqual(['2023-11-23', '2023-12-06']);
    expect(range('Attacks in the last 3 days?', c)).toEqual(['2023-12-04', '2023-12-06']);
  });
  it('bounds a range by since, before and between', () => {
    expect(range('How many attacks since Nov 20, 2023?', c)).toEqual(['2023-11-20', '2023-12-06']);
    expect(range('What happened before Nov 20, 2023?', c)).toEqual(['-∞', '2023-11-19']);
    expect(range('How many strikes between Nov 1 and Nov 20?', c)).toEqual(['2023-11-01', '2023-11-20']);
    expect(range('Strikes from Oct 7 to Oct 20?', c)).toEqual(['2023-10-07', '2023-10-20']);
  });
  it('names no range when the question names no time', () => {
    expect(questionTime('Who claimed the drone attack on Ain al-Asad?', c).range).toBeNull();
  });
  it('never runs past the as-of day', () => {
    expect(range('What happened in December 2023?', c)).toEqual(['2023-12-01', '2023-12-06']);
  });
});

describe('a date without a year', () => {
  it('takes its latest occurrence on or before the as-of day that the corpus has articles after', () => {
    // The shipped 2023 corpus, asked today: "since Oct 17" is 17 Oct 2023, not 2026.
    const today = dayOf(2026, 12, 1);
    expect(range('How many attacks since Oct 17?', ctx(today, WED_6_DEC_2023))).toEqual(['2023-10-17', '2026-12-01']);
    expect(range('What happened in January?', ctx(today, dayOf(2025, 1, 20)))).toEqual(['2025-01-01', '2025-01-31']);
  });
  it('takes this year when the corpus reaches past it', () => {
    const asOf = dayOf(2024, 3, 1);
    expect(range('Strikes since Jan 5?', ctx(asOf, dayOf(2024, 2, 1)))).toEqual(['2024-01-05', '2024-03-01']);
  });
  it('never lands after the as-of day', () => {
    const asOf = dayOf(2024, 3, 1);
    // 17 Oct 2024 is after the as-of day: the latest 17 Oct before it is 2023's.
    expect(range('Attacks since Oct 17?', ctx(asOf, dayOf(2024, 2, 1)))).toEqual(['2023-10-17', '2024-03-01']);
  });
  it('falls back to the latest occurrence when the corpus has nothing after any', () => {
    expect(range('Attacks since Oct 17?', { asOf: WED_6_DEC_2023, coversSince: () => false })).toEqual(['2023-10-17', '2023-12-06']);
  });
});

describe('recency intent', () => {
  const c = ctx(WED_6_DEC_2023);
  it.each(['What is the latest death toll in Gaza?', 'What is the most recent figure?', 'How many hostages are still held?', 'How many so far?', 'What is the current toll?', 'When was the last attack on the base?'])(
    '%s asks for the newest evidence',
    (q) => expect(questionTime(q, c).recency).toBe(true),
  );
  it.each(['How many attacks last week?', 'Who claimed the attack?', 'What did the last 3 days bring?'])('%s does not', (q) => {
    expect(questionTime(q, c).recency).toBe(false);
  });
  it('marks recency and relative-period words as time words, not content', () => {
    const q = 'What is the latest toll this week?';
    const words = questionTime(q, c).timeWords.map((w) => q.slice(w.start, w.end)).sort();
    expect(words).toEqual(['latest', 'this week']);
  });
});

describe('as of, written in a message', () => {
  const today = dayOf(2026, 12, 1);
  it('reads "as of <date>:" before the question', () => {
    expect(splitAsOf('as of 6 Dec 2023: how many attacks?', today)).toEqual({ asOf: WED_6_DEC_2023, question: 'how many attacks?' });
    expect(splitAsOf('(as of 2023-12-06) how many attacks?', today)).toEqual({ asOf: WED_6_DEC_2023, question: 'how many attacks?' });
  });
  it('leaves a question alone when it does not start with a full date', () => {
    expect(splitAsOf('how many attacks as of now?', today).asOf).toBeNull();
    expect(splitAsOf('as of late: anything?', today).asOf).toBeNull();
  });
});
