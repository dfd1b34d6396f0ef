/**
 * Event days read across an article's sentences, after each sentence has been read on its own. A
 * sentence is dated by what comes before it as a reader dates it:
 *
 * - **A page that runs past its date**: a gallery or timeline whose yearless dates ("on October 10")
 *   run densely through its publication day and on past it was updated after the day it carries; its
 *   dates after that day are of the page's year, not of the year before.
 * - **A weekday after a dated sentence**: "… in Dunmere on October 10." then "… on Monday": the
 *   Monday is the October 10 just written when that day is a Monday, not a Monday before publication.
 * - **A day carried to the next sentence**: a report with no day of its own ("At least three were
 *   killed in the blast.") that follows within two sentences a report with one tells of that day when
 *   it tells the event again ("the blast", "that shelling"), names no place, or names the same place;
 *   not across a list item (each item of a day's digest or a list is dated on its own).
 *
 * It also marks the list item ("- …") each report's line is (`item`): grouping keeps two items of one
 * article apart unless they name one town or site, as a digest gives each incident its own item.
 *
 * Each day keeps the words it was read from (an earlier sentence's, for a day carried or anchored), so
 * the record stays extractive.
 */
import type { Article } from '../corpus/types.js';
import { dayOf, isoDay, parseIsoDay, partsOf } from '../time/days.js';
import { FUTURE_SLACK_DAYS } from './event-day.js';
import { samePlaceName } from './place-key.js';
import type { EventDay, IncidentReport } from './types.js';

/** How many sentences back a day is carried or anchors a weekday. */
export const DAY_CARRIES_WITHIN = 2;
/** A page runs past its date only when at least this many distinct yearless dates fall after it, */
export const PAST_ITS_DATE_MIN = 3;
/** … and its yearless dates, read in its year, leave no gap longer than this many days: one dated list running through it. */
export const PAST_ITS_DATE_MAX_GAP = 45;

const MONTH_WORD = /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b/i;
/** A yearless calendar day: a month's name and a number, no four-digit year. */
const YEARLESS = (text: string) => MONTH_WORD.test(text) && /\b\d{1,2}\b/.test(text) && !/\b\d{4}\b/.test(text);
const WEEKDAYS = ['sun', 'mon', 'tues', 'wednes', 'thurs', 'fri', 'satur'];
/** The weekday a span names alone ("Monday", "Sunday morning"), or -1. */
function weekdayOnly(text: string): number {
  const m = /^(?:(?:early|late)\s+)?(mon|tues|wednes|thurs|fri|satur|sun)day(?:\s+(?:morning|afternoon|evening|night))?$/i.exec(text);
  return m ? WEEKDAYS.indexOf(m[1]!.toLowerCase()) : -1;
}

/** The event told again: "the attack", "that shelling", "the explosion, which …". */
const TOLD_AGAIN = /\b(?:the|that|this|those|these)\s+(?:[\p{Ll}-]+\s+){0,2}?(?:attacks?|strikes?|airstrikes?|explosions?|blasts?|shelling|bombings?|raids?|assault|barrage|bombardment|incident)\b/iu;
/** A list item's bullet before a sentence: the item starts afresh. */
const ITEM_START = /(?:^|\n)[ \t]*[-–•▪∎◾►*]+[ \t]*$/;
const BULLET_LINE = /^[ \t]*[-–•▪∎◾►*]+[ \t]/;

/** Offset of the list item whose line holds the sentence at `start`, or undefined outside a list. */
function itemOf(text: string, start: number): number | undefined {
  const line = text.lastIndexOf('\n', start - 1) + 1;
  return BULLET_LINE.test(text.slice(line, line + 8)) ? line : undefined;
}

function withDay(day: EventDay, d: number): EventDay {
  const text = isoDay(d);
  return { ...day, day: text, ...(day.span ? { span: { ...day.span, value: text } } : {}) };
}

/** The page's yearless dates after its day, re-read in its year when the page runs past its date. */
function pageRunsPast(reports: IncidentReport[], published: number): void {
  const year = partsOf(published).year;
  const yearless = reports.filter((r) => r.eventDay?.basis === 'relative' && r.eventDay.span && YEARLESS(r.eventDay.span.text));
  const inYear = (r: IncidentReport) => {
    const p = partsOf(parseIsoDay(r.eventDay!.day)!);
    return dayOf(year, p.month, p.day);
  };
  const readings = [...new Set(yearless.map(inYear))];
  const ahead = readings.filter((d) => d > published + FUTURE_SLACK_DAYS);
  if (ahead.length < PAST_ITS_DATE_MIN) return;
  const sorted = [...new Set([...readings, published])].sort((a, b) => a - b);
  for (let i = 1; i < sorted.length; i++) if (sorted[i]! - sorted[i - 1]! > PAST_ITS_DATE_MAX_GAP) return;
  for (const r of yearless) {
    const d = inYear(r);
    if (d > published + FUTURE_SLACK_DAYS) r.eventDay = withDay(r.eventDay!, d);
  }
}

function startsItem(text: string, r: IncidentReport): boolean {
  return ITEM_START.test(text.slice(Math.max(0, r.sentenceSpan.start - 6), r.sentenceSpan.start));
}

/** Whether `r` names a place `p` also names, or none of its own. */
function samePlaceOrNone(r: IncidentReport, p: IncidentReport): boolean {
  if (!r.place) return true;
  const names = [p.place, ...p.otherPlaces].filter((x) => x !== null);
  return names.some((x) => samePlaceName(x.value, r.place!.value));
}

/**
 * The article's reports with their days read across sentences (new report objects where a day
 * changes; `reports` in sentence order, as `extractReports` gives them).
 */
export function articleDays(reports: IncidentReport[], article: Pick<Article, 'text' | 'published'>): IncidentReport[] {
  const published = article.published ? parseIsoDay(article.published.slice(0, 10)) : null;
  if (published === null || reports.length === 0) return reports;
  const out = reports.map((r) => {
    const item = itemOf(article.text, r.sentenceSpan.start);
    return item === undefined ? { ...r } : { ...r, item };
  });
  pageRunsPast(out, published);
  for (let k = 1; k < out.length; k++) {
    const r = out[k]!;
    if (!r.eventDay || r.event === 2 || startsItem(article.text, r)) continue;
    // The closest earlier report of another sentence within reach, with a day of its own.
    let p: IncidentReport | undefined;
    for (let q = k - 1; q >= 0 && out[q]!.sentence >= r.sentence - DAY_CARRIES_WITHIN; q--) {
      if (out[q]!.sentence === r.sentence) continue;
      p = out[q];
      break;
    }
    if (!p?.eventDay || p.eventDay.basis === 'published') continue;
    const pDay = parseIsoDay(p.eventDay.day)!;
    if (r.eventDay.basis === 'published') {
      if (!(TOLD_AGAIN.test(article.text.slice(r.sentenceSpan.start, r.sentenceSpan.end)) || samePlaceOrNone(r, p))) continue;
      r.eventDay = { day: p.eventDay.day, basis: 'relative', ...(p.eventDay.span ? { span: { ...p.eventDay.span } } : {}) };
      continue;
    }
    // A weekday after a sentence dated by the calendar: that date, when it is the weekday named.
    const w = r.eventDay.basis === 'relative' && r.eventDay.span ? weekdayOnly(r.eventDay.span.text) : -1;
    if (w >= 0 && p.eventDay.span && /\d/.test(p.eventDay.span.text) && partsOf(pDay).weekday === w && r.eventDay.day !== p.eventDay.day) r.eventDay = withDay(r.eventDay, pDay);
  }
  return out;
}
