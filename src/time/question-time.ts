/**
 * Time in a question, read relative to its as-of day: the period it names (as a range of days, never
 * a single point), and whether it asks for the newest evidence ("latest", "so far", "current").
 *
 * chrono-node reads the dates; it gives points, so the ranges are built around them here: "in January"
 * is the whole month, "this week" Monday to the as-of day, "since Oct 17" from that day to the as-of
 * day. A date written without a year takes its latest occurrence on or before the as-of day for which
 * the corpus holds articles published on or after it, so a yearless date never empties the answer.
 */
import * as chrono from 'chrono-node';
import { dayOf, monthRange, parseIsoDay, partsOf, weekStart, yearRange, type Day, type DayRange } from './days.js';

/** What the question says about time. */
export interface QuestionTime {
  asOf: Day;
  /** The period the question asks about, capped at the as-of day; null when it names none. */
  range: DayRange | null;
  /** The question asks for the newest evidence. */
  recency: boolean;
  /** It asks for a figure that runs up to the as-of day ("since …", "so far", "the toll"), not one event's. */
  running: boolean;
  /** Offsets of words that only speak of time ("latest", "this week"): not content to match. */
  timeWords: { start: number; end: number }[];
}

export interface TimeContext {
  asOf: Day;
  /**
   * True when the corpus holds articles published in [from, asOf] that speak of the question: picks a
   * yearless date's year.
   */
  coversSince: (from: Day) => boolean;
}

/** Words of a figure that runs to the present: totals and tolls rather than one event's count. */
const RUNNING = /\b(?:total|tolls?|overall|in all|altogether|to date|cumulative|tally|since)\b/i;

/** Words of recency: they ask for the newest figure, they are not words to find in an article. */
const RECENCY =
  /\b(?:latest|most recent(?:ly)?|newest|recent(?:ly)?|current(?:ly)?|(?:up )?to date|so far|as of now|right now|now|yet|still|last(?! \d| (?:one|two|three|four|five|six|seven|eight|nine|ten|few|several|couple)\b)(?= (?!(?:week|month|year|night|weekend|summer|winter|spring|autumn|fall)\b)\w))\b/gi;

const NUMBER_WORDS: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, few: 3, several: 7, couple: 2,
};
const UNIT_DAYS: Record<string, number> = { day: 1, week: 7, fortnight: 14, month: 30, year: 365 };

interface Found {
  start: number;
  end: number;
  range: DayRange;
}

/** Periods named relative to the as-of day, which chrono reads as points or not at all. */
function relativePeriods(text: string, asOf: Day): Found[] {
  const out: Found[] = [];
  const add = (m: RegExpExecArray, range: DayRange) => out.push({ start: m.index, end: m.index + m[0].length, range });
  const p = partsOf(asOf);
  const rules: [RegExp, (m: RegExpExecArray) => DayRange][] = [
    [/\b(?:today|tonight|this (?:morning|afternoon|evening))\b/gi, () => ({ from: asOf, to: asOf })],
    [/\b(?:yesterday|last night)\b/gi, () => ({ from: asOf - 1, to: asOf - 1 })],
    [/\bthis week(?:end)?\b/gi, () => ({ from: weekStart(asOf), to: asOf })],
    [/\blast week(?:end)?\b/gi, () => ({ from: weekStart(asOf) - 7, to: weekStart(asOf) - 1 })],
    [/\bthis month\b/gi, () => ({ from: dayOf(p.year, p.month, 1), to: asOf })],
    [/\blast month\b/gi, () => (p.month === 1 ? monthRange(p.year - 1, 12) : monthRange(p.year, p.month - 1))],
    [/\b(?:so far )?this year\b|\byear to date\b/gi, () => ({ from: dayOf(p.year, 1, 1), to: asOf })],
    [/\blast year\b/gi, () => yearRange(p.year - 1)],
    [
      /\b(?:in |over |during |within )?(?:the )?(?:past|last|previous) (?:(\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|few|several|couple(?: of)?) )?(day|week|fortnight|month|year)s?\b/gi,
      (m) => {
        const n = m[1] === undefined ? 1 : /^\d/.test(m[1]) ? Number(m[1]) : NUMBER_WORDS[m[1].replace(/ of$/, '').toLowerCase()] ?? 1;
        return { from: asOf - n * UNIT_DAYS[m[2]!.toLowerCase()]! + 1, to: asOf };
      },
    ],
    [/\b(?:in|during|since|before|after|until|by|of) ((?:19|20)\d\d)\b(?![-/]\d)(?! (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))/gi, (m) => yearRange(Number(m[1]))],
  ];
  for (const [pattern, range] of rules) {
    for (const m of text.matchAll(pattern)) {
      const at = m.index!;
      if (out.some((f) => at < f.end && at + m[0].length > f.start)) continue;
      add(m as RegExpExecArray, range(m as RegExpExecArray));
    }
  }
  // A year range keeps only the year's digits as its words: "in 2023" leaves "in" to the question.
  return out;
}

/** The latest year, from the as-of day's back, whose occurrence of a yearless period the corpus covers. */
function latestCovered(make: (year: number) => DayRange, ctx: TimeContext): DayRange {
  const asOfYear = partsOf(ctx.asOf).year;
  let fallback: DayRange | null = null;
  for (let year = asOfYear; year >= asOfYear - 50; year--) {
    const r = make(year);
    if (r.from > ctx.asOf) continue;
    fallback ??= r;
    if (ctx.coversSince(r.from)) return r;
  }
  return fallback ?? make(asOfYear - 1);
}

/** The days a chrono result names: a day, a month or a year, a yearless one placed by `latestCovered`. */
function periodOf(c: chrono.ParsedComponents, ctx: TimeContext): DayRange | null {
  const year = c.isCertain('year') ? c.get('year')! : undefined;
  const month = c.isCertain('month') ? c.get('month')! : undefined;
  const day = c.isCertain('day') ? c.get('day')! : undefined;
  if (month !== undefined && day !== undefined) {
    const at = (y: number) => ({ from: dayOf(y, month, day), to: dayOf(y, month, day) });
    return year !== undefined ? at(year) : latestCovered(at, ctx);
  }
  if (month !== undefined) return year !== undefined ? monthRange(year, month) : latestCovered((y) => monthRange(y, month), ctx);
  if (c.isCertain('weekday') && !c.isCertain('day')) {
    // "on Sunday" in a question: the latest Sunday on or before the as-of day.
    const wanted = c.get('weekday')!;
    const back = (partsOf(ctx.asOf).weekday - wanted + 7) % 7;
    return { from: ctx.asOf - back, to: ctx.asOf - back };
  }
  if (year !== undefined) return yearRange(year);
  return null;
}

/** How the words before a period bound the range: "since X" runs to the as-of day, "before X" from the start. */
function bounded(text: string, start: number, r: DayRange, asOf: Day): DayRange {
  const before = text.slice(Math.max(0, start - 12), start).toLowerCase();
  if (/\b(?:since|from|starting|after)\s+(?:the\s+)?(?:mid-|early\s+|late\s+)?$/.test(before)) {
    return { from: /\bafter\s+/.test(before) ? r.to + 1 : r.from, to: asOf };
  }
  if (/\b(?:before|until|till|up to|by|prior to)\s+(?:the\s+)?$/.test(before)) {
    return { from: -Infinity, to: /\bbefore\s+|prior to\s+/.test(before) ? r.from - 1 : r.to };
  }
  return r;
}

export function questionTime(text: string, ctx: TimeContext): QuestionTime {
  const timeWords: { start: number; end: number }[] = [];
  const periods: Found[] = relativePeriods(text, ctx.asOf);
  for (const f of periods) timeWords.push({ start: f.start, end: f.end });
  // Blank the relative periods out so chrono does not read "last week" a second time.
  let rest = text;
  for (const f of periods) rest = rest.slice(0, f.start) + ' '.repeat(f.end - f.start) + rest.slice(f.end);
  let recency = false;
  for (const m of rest.matchAll(RECENCY)) {
    recency = true;
    timeWords.push({ start: m.index!, end: m.index! + m[0].length });
    rest = rest.slice(0, m.index!) + ' '.repeat(m[0].length) + rest.slice(m.index! + m[0].length);
  }
  for (const r of chrono.parse(rest, new Date(ctx.asOf * 86_400_000 + 43_200_000))) {
    const from = periodOf(r.start, ctx);
    if (!from) continue;
    const to = r.end ? periodOf(r.end, ctx) : null;
    const range = to ? { from: from.from, to: Math.max(from.to, to.to) } : from;
    periods.push({ start: r.index, end: r.index + r.text.length, range: to ? range : bounded(rest, r.index, range, ctx.asOf) });
  }
  const between = /\bbetween\b/i.test(text);
  let range: DayRange | null = null;
  if (periods.length > 0) {
    periods.sort((a, b) => a.start - b.start);
    // "between X and Y" spans both; otherwise several periods narrow to where they overlap, or the first.
    const ranges = periods.map((p) => p.range);
    range = between && ranges.length >= 2 ? { from: Math.min(...ranges.map((r) => r.from)), to: Math.max(...ranges.map((r) => r.to)) } : ranges[0]!;
    range = { from: range.from, to: Math.min(range.to, ctx.asOf) };
    // "since" and "so far" already run to the as-of day; a period that "so far" qualifies ends there too.
    if (range.from > range.to) range = { from: range.to, to: range.to };
  }
  const running = recency || RUNNING.test(text) || (range !== null && range.to === ctx.asOf && range.from > -Infinity);
  return { asOf: ctx.asOf, range, recency, running, timeWords };
}

/**
 * An as-of date as a person writes it: `2023-12-06`, `6 Dec 2023`, `December 6, 2023`, or a day and
 * month alone (its latest occurrence up to today). Null when it names no single day, or one after today.
 */
export function parseAsOf(text: string, today: Day): Day | null {
  const iso = parseIsoDay(text);
  if (iso !== null) return iso <= today ? iso : null;
  const parsed = chrono.parse(text.slice(0, 60), new Date(today * 86_400_000 + 43_200_000))[0];
  const c = parsed?.start;
  if (!c || !c.isCertain('day') || !c.isCertain('month') || parsed.text.trim().length < text.trim().length - 1) return null;
  const year = c.isCertain('year') ? c.get('year')! : partsOf(today).year;
  let day = dayOf(year, c.get('month')!, c.get('day')!);
  if (!c.isCertain('year') && day > today) day = dayOf(year - 1, c.get('month')!, c.get('day')!);
  return day <= today ? day : null;
}

/** "as of 6 Dec 2023: question" or "(as of 2023-12-06) question": the as-of day a message names, and the rest. */
export function splitAsOf(text: string, today: Day): { asOf: Day | null; question: string } {
  const m = /^\s*\(?\s*as of\s+([^:)?\n]{4,40}?)\s*[:)]\s*/i.exec(text);
  const asOf = m ? parseAsOf(m[1]!, today) : null;
  return asOf === null ? { asOf: null, question: text } : { asOf, question: text.slice(m![0].length) };
}

/**
 * chrono-node builds its patterns on first use (about 100 ms here): doing it while an index opens
 * keeps that off the first question's answer.
 */
export function warmTimeParser(): void {
  // V8 compiles a regular expression to machine code after a few runs: parse a few times.
  const sample =
    'The US military said on Sunday, Oct. 17, 2023, two days ago, that since mid-October at least 78 attacks were counted last week, and yesterday at 3 p.m. the ministry spoke of 12 March 2024.';
  for (let i = 0; i < 30; i++) chrono.parse(sample, new Date(0));
}
