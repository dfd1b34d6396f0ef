import { describe, expect, it } from 'vitest';
import { AsOfError, asOfDay, dayOf, isoDay, parseIsoDay, todayIn } from '../../src/time/days.js';
import { eventDates, mayHoldEventDate } from '../../src/time/event-dates.js';

const WED_6_DEC_2023 = dayOf(2023, 12, 6);
const resolved = (sentence: string, published = WED_6_DEC_2023) =>
  eventDates(sentence, published).map((d) => ({ text: d.text, date: isoDay(d.day), relative: d.relative, since: d.since }));

describe('event dates, resolved against the publication day', () => {
  it('places a weekday in the week before publication (same day included)', () => {
    expect(resolved('The US military said on Sunday it launched a strike in Kirkuk.')).toEqual([
      { text: 'Sunday', date: '2023-12-03', relative: true, since: false },
    ]);
    expect(resolved('A drone targeted Western troops on Wednesday, an official said.')[0]).toMatchObject({ date: '2023-12-06' });
  });
  it('gives the offsets of the words themselves when punctuation follows them', () => {
    const sentence = 'Rockets hit the base on Tuesday, wounding two.';
    const [d] = eventDates(sentence, WED_6_DEC_2023);
    expect(sentence.slice(d!.start, d!.end)).toBe('Tuesday');
    expect(d!.text).toBe('Tuesday');
  });
  it('places a weekday after publication when the sentence speaks of the future', () => {
    expect(resolved('The ministers will meet on Friday in Baghdad.')[0]).toMatchObject({ text: 'Friday', date: '2023-12-08' });
  });
  it('gives a yearless date the year that puts it on or before publication', () => {
    expect(resolved('Washington has counted 78 attacks since October 17.')).toEqual([
      { text: 'October 17', date: '2023-10-17', relative: true, since: true },
    ]);
    expect(resolved('The rockets fell on Dec. 28.', dayOf(2024, 1, 3))[0]).toMatchObject({ date: '2023-12-28' });
  });
  it('counts yesterday and "two days ago" from the publication day', () => {
    expect(resolved('Rockets hit the base yesterday.')[0]).toMatchObject({ text: 'yesterday', date: '2023-12-05', relative: true });
    expect(resolved('The convoy was struck two days ago.')[0]).toMatchObject({ date: '2023-12-04' });
  });
  it('keeps full dates as written', () => {
    expect(resolved('The war began on Oct. 7, 2023, with a Hamas attack.')[0]).toMatchObject({ date: '2023-10-07', relative: false });
  });
  it('does not date "10 days after" or "a day before", which count from another event', () => {
    expect(resolved('It came 10 days after the start of the war.')).toEqual([]);
    expect(resolved('A day before the strike, the prime minister spoke.')).toEqual([]);
  });
  it('resolves only written dates in an undated article', () => {
    expect(eventDates('Rockets hit the base on Sunday.', undefined)).toEqual([]);
    expect(eventDates('The war began on Oct. 7, 2023.', undefined).map((d) => isoDay(d.day))).toEqual(['2023-10-07']);
  });
  it('tells a "since …" count start from the day of an event without reading the sentence', () => {
    expect(mayHoldEventDate('Washington has counted 78 attacks since October 17.')).toBe(false);
    expect(mayHoldEventDate('Attacks since mid-October rose; the latest came on Sunday.')).toBe(true);
    expect(mayHoldEventDate('Rockets fell on Dec. 28, since when 40 more followed.')).toBe(true);
  });
  it('skips sentences with nothing date-like without reading them', () => {
    expect(eventDates('The Islamic Resistance in Iraq claimed the attack.', WED_6_DEC_2023)).toEqual([]);
  });
});

describe('days and the as-of date', () => {
  it('refuses an as-of date that is no calendar day, with the form to use', () => {
    expect(() => asOfDay('2023-13-01')).toThrow(AsOfError);
    expect(() => asOfDay('yesterday')).toThrow(/YYYY-MM-DD/);
    expect(() => asOfDay(new Date('nope'))).toThrow(AsOfError);
    expect(asOfDay('2023-12-06')).toBe(WED_6_DEC_2023);
    expect(parseIsoDay('2023-02-30')).toBeNull();
  });
  it('reads today in a time zone', () => {
    const instant = new Date('2023-12-06T23:30:00Z');
    expect(isoDay(todayIn('UTC', instant))).toBe('2023-12-06');
    expect(isoDay(todayIn('Asia/Baghdad', instant))).toBe('2023-12-07');
    expect(isoDay(todayIn('America/New_York', instant))).toBe('2023-12-06');
  });
});
