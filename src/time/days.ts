/**
 * Calendar days as integers (days since 1970-01-01, UTC): a date range is then two numbers, and
 * "published on or before the as-of date" is one comparison. Pure functions, no time zone but UTC;
 * `todayIn` is the one place a zone enters.
 */

/** Days since 1970-01-01. */
export type Day = number;

/** An inclusive range of days; an open end is ±Infinity. */
export interface DayRange {
  from: Day;
  to: Day;
}

const MS_PER_DAY = 86_400_000;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function dayOf(year: number, month: number, day: number): Day {
  return Math.floor(Date.UTC(year, month - 1, day) / MS_PER_DAY);
}

/** `YYYY-MM-DD` → day, or null when it is not a real calendar day (2023-02-30 is not). */
export function parseIsoDay(text: string): Day | null {
  const m = ISO_DAY.exec(text.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const day = dayOf(y, mo, d);
  const back = partsOf(day);
  return back.year === y && back.month === mo && back.day === d ? day : null;
}

export function partsOf(day: Day): { year: number; month: number; day: number; weekday: number } {
  const d = new Date(day * MS_PER_DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), weekday: d.getUTCDay() };
}

/** Days already written: reports of a corpus name a few thousand days, each again and again. */
const isoDays = new Map<Day, string>();
const MAX_ISO_DAYS = 100_000;

export function isoDay(day: Day): string {
  let text = isoDays.get(day);
  if (text === undefined) {
    text = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
    if (isoDays.size >= MAX_ISO_DAYS) isoDays.clear();
    isoDays.set(day, text);
  }
  return text;
}

/** `6 Dec 2023`. */
export function formatDay(day: Day): string {
  const p = partsOf(day);
  return `${p.day} ${MONTHS[p.month - 1]} ${p.year}`;
}

/** Noon UTC of a day: a reference instant that no time zone moves to another day. */
export function noonOf(day: Day): Date {
  return new Date(day * MS_PER_DAY + MS_PER_DAY / 2);
}

/** The day a `Date` falls on in UTC. */
export function dayOfDate(date: Date): Day {
  return Math.floor(date.getTime() / MS_PER_DAY);
}

/**
 * One formatter per time zone: making an `Intl.DateTimeFormat` costs about half a millisecond, and
 * every question asks for today once or twice. A process names one zone or a few.
 */
const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar day it is at `now` in an IANA time zone (`UTC`, `Europe/Paris`, …). */
export function todayIn(timeZone: string, now: Date = new Date()): Day {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, format);
  }
  return parseIsoDay(format.format(now)) ?? dayOfDate(now);
}

/** True when `zone` is a time zone this runtime knows. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const daysInMonth = (year: number, month: number): number => dayOf(year, month + 1, 1) - dayOf(year, month, 1);

export function monthRange(year: number, month: number): DayRange {
  return { from: dayOf(year, month, 1), to: dayOf(year, month, daysInMonth(year, month)) };
}

export const yearRange = (year: number): DayRange => ({ from: dayOf(year, 1, 1), to: dayOf(year, 12, 31) });

/** Monday of the week holding `day` (weeks run Monday to Sunday, as ISO 8601 has them). */
export function weekStart(day: Day): Day {
  return day - ((partsOf(day).weekday + 6) % 7);
}

export const inRange = (day: Day, r: DayRange): boolean => day >= r.from && day <= r.to;

/** An as-of date a caller gave that is no calendar day. */
export class AsOfError extends Error {
  override readonly name = 'AsOfError';
}

/**
 * The as-of day of a question: `YYYY-MM-DD` or a `Date`. Anything else is refused with a message a
 * user can act on, never read as "now".
 */
export function asOfDay(value: string | Date): Day {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new AsOfError('as of: not a valid date');
    return dayOfDate(value);
  }
  const day = parseIsoDay(value);
  if (day === null) throw new AsOfError(`as of: "${value.slice(0, 40)}" is not a date; write it as YYYY-MM-DD, e.g. 2023-12-06`);
  return day;
}
