/**
 * A report's event day: the day the sentence writes as the event's own, resolved against the
 * publication day, and checked against it (a day ahead has not happened, one long before is a past
 * event recalled).
 */
import { eventDates } from '../time/event-dates.js';
import { dayOf, isoDay, parseIsoDay, partsOf, type Day } from '../time/days.js';
import { DENIED, DONE } from './event-words.js';
import type { EventDay } from './types.js';

/** A day more than this many days before publication is a past event recalled (an anniversary, "since 9/11"), not news of one. */
export const HISTORICAL_DAYS = 365;
/** A day more than this many days after publication has not happened yet (a day's slack for time zones). */
export const FUTURE_SLACK_DAYS = 1;

/** A year at least this many years before publication, written as an event's time, makes a sentence with no day of its own a past event recalled. */
export const HISTORICAL_YEARS = 2;
const MONTH = '(?:January|February|March|April|May|June|July|August|September|October|November|December)';
/** A year written as when something happened ("in 1945", "in August 1945", "the 1983 bombings", "a 2021 presidential assassination"), or a world war. */
const YEAR_OF_EVENT = new RegExp(
  String.raw`\b(?:(?:in|during|of|by)\s+(?:(?:early|late|mid-?)\s*)?(?:${MONTH}\s+(?:of\s+)?)?|the\s+|an?\s+)((?:19|20)\d\d)\b(?!\s*[-–]\s*\d)|\b((?:19|20)\d\d)\s+(?:[\p{Ll}-]+\s+)?(?:bombings?|attacks?|massacres?|assassinations?|war|invasion|shootings?)\b`,
  'giu',
);
const ATOMIC_BOMBING = /\batomic\s+bomb\w*|\bnuclear\s+bomb(?:s|ings?)\b|\b(?:dropped|detonated)\s+(?:an?\s+|two\s+)?nuclear\s+bomb\b|\b(?:bombs?|bombings?)\s+(?:\w+\s+){0,2}(?:on|of|over)\s+Hiroshima\b/i;
/** The cheap look first: most sentences name no year and no war. */
const YEAR_OR_WAR = /(?:19|20)\d\d|World War|WW/;
const WORLD_WAR = /\b(?:World War (?:II|Two|2|I|One)|(?:Second|First) World War|WWII|WW2)\b/;
/** What a year or a war is measured from or against ("the largest since World War II", "than in 2014"): no time of the event. */
const MEASURED_FROM = /\b(?:since|than|before|until|till|after|from)\s+(?:the\s+)?(?:(?:early|late|mid-?)\s*)?(?:\w+\s+)?$/i;

/** Harm told in the present, as news digests tell today's events, or a time of the last days: what the sentence reports is new. */
const TOLD_AS_NEWS = /\b(?:is|are)\s+(?:\w+\s+)?(?:killed|injured|wounded|hit|struck|attacked|targeted|shelled|bombed)\b|\b(?:kills|strikes|hits|attacks|targets|bombs|shells)\s+(?:a|an|the|\d)|\b(?:over the weekend|yesterday|today|tonight|last night|this week|last week|earlier this (?:week|month))\b/i;

/** Whether a sentence with no day of its own tells of a past event by its year ("atomic bombs dropped on Hiroshima … in 1945"). */
function recallsPastYear(sentence: string, publishedYear: number): boolean {
  // "Three militants involved in the Bucha massacre in 2022 are killed …": told in the present, or of the weekend, the news is new.
  if (!YEAR_OR_WAR.test(sentence) || TOLD_AS_NEWS.test(sentence)) return false;
  const war = WORLD_WAR.exec(sentence);
  if (war && !MEASURED_FROM.test(sentence.slice(Math.max(0, war.index - 30), war.index))) return true;
  for (const m of sentence.matchAll(YEAR_OF_EVENT)) {
    const year = Number(m[1] ?? m[2]);
    if (year > publishedYear - HISTORICAL_YEARS) continue;
    if (MEASURED_FROM.test(sentence.slice(Math.max(0, m.index - 30), m.index + (m[0].length - (m[1] ?? m[2])!.length)).replace(/(?:the|an?)\s+$/i, ''))) continue;
    return true;
  }
  return false;
}

/** Words just before a day that put it ahead: "will strike again on December 28", "until Saturday". */
const AHEAD_BEFORE = /\b(?:will|'ll|shall|until|till|next|coming|upcoming|scheduled|slated|expected|due|planned)\b[^.;]{0,30}$/i;

/**
 * A report's day checked against the publication day. A day without its year or a weekday read as
 * ahead because the sentence speaks of the future somewhere ("the Oct. 7 attack … will do it
 * again") is taken at its last occurrence before publication, as news reports what happened, unless
 * the words just before the day put it ahead; a day still ahead, or one long before publication (an
 * anniversary, a war recalled), makes the sentence no report of a new incident (undefined).
 */
export function plausibleDay(day: EventDay, published: Day, sentence: string, offset: number): EventDay | undefined {
  // The only atomic bombings were those of 1945: one told is history recalled, whatever day the sentence gives ("… premiered in Japan on Friday, … the only country to suffer atomic bombing").
  if (ATOMIC_BOMBING.test(sentence)) return undefined;
  if (day.basis === 'published') return recallsPastYear(sentence, partsOf(published).year) ? undefined : day;
  let d = parseIsoDay(day.day)!;
  const before = day.span ? sentence.slice(0, day.span.start - offset) : '';
  if (d > published + FUTURE_SLACK_DAYS && day.basis === 'relative' && !AHEAD_BEFORE.test(before) && !/\b(?:next|coming|this)\b/i.test(day.span?.text ?? '')) {
    const p = partsOf(d);
    d = /\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/i.test(day.span?.text ?? '') ? dayOf(p.year - 1, p.month, p.day) : d - 7 * Math.ceil((d - published - FUTURE_SLACK_DAYS) / 7);
    day = { ...day, day: isoDay(d), span: { ...day.span!, value: isoDay(d) } };
  }
  if (d > published + FUTURE_SLACK_DAYS || d < published - HISTORICAL_DAYS) return undefined;
  return day;
}

/** A day written as the event's own ("the August 29 drone strike", "Sunday's attack", "Oct. 7 attacks"). */
const EVENT_AFTER_DAY = /^(?:['’]s)?\s+(?:[\p{L}-]+\s+){0,2}?(?:attacks?|strikes?|airstrikes?|air strikes?|bombings?|raids?|massacres?|assaults?|shootings?|explosions?|blasts?|shelling|ambush)\b/iu;

/** The day a war or a ceasefire began starts a count too: "since the invasion began Feb. 24", "since the ceasefire started on April 16". */
const SINCE_CLAUSE = /\bsince\s+the\s+(?:[\w'’-]+\s+){0,2}?(?:invasion|war|ceasefire|cease-fire|truce|conflict|offensive|campaign)\s+(?:began|begun|started|erupted|broke out|took effect)\s+(?:(?:on|nearly|about|almost|some|more than)\s+)?$/i;

/** A weekday's name alone ("Sunday", "early Tuesday morning"): no digit, month, "last" or "yesterday". */
const WEEKDAY_ONLY = /^(?:(?:early|late)\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)day(?:\s+(?:morning|afternoon|evening|night))?$/i;

/**
 * A weekday that names the day after publication is that day, not the same weekday six days back: a
 * page's date is often its first hour's in another time zone, or a day behind its text (a Saturday
 * page telling of "Sunday"). News tells of six days back as "last Sunday" or by its date. Read on
 * the eleven sets and the labelled one: of the weekdays read six days back, none was; eight were the day after.
 */
function dayAfterPublication(sentence: string, d: { day: number; text: string; start: number; relative: boolean }, published: number): boolean {
  if (!d.relative || d.day !== published - 6 || !WEEKDAY_ONLY.test(d.text)) return false;
  return !/\b(?:last|past|previous|earlier this week)\s+$/i.test(sentence.slice(Math.max(0, d.start - 25), d.start));
}

export function eventDayOf(sentence: string, offset: number, published: number | undefined): EventDay | null {
  // "since the Oct. 7 attack" starts a count, like "since Oct. 7"; "as of Friday" ends one.
  // "USA TODAY" is a newspaper, not a day.
  const days = eventDates(sentence, published).filter((d) => !d.since && d.text !== 'TODAY' && !/\b(?:since\s+the|as of)\s+$/i.test(sentence.slice(Math.max(0, d.start - 10), d.start)) && !SINCE_CLAUSE.test(sentence.slice(Math.max(0, d.start - 80), d.start)));
  // "an official said Monday that a pattern of attacks …": the day of speaking, unless the sentence gives no other and tells of harm done.
  const spoken = (d: (typeof days)[number]) => /\b(?:said|says|told \w+|announced|stated|added)\s+(?:on\s+)?$/i.test(sentence.slice(Math.max(0, d.start - 20), d.start));
  if (days.length > 0 && days.every(spoken) && !DONE.test(sentence.replace(DENIED, ' ')) && !/\b(?:died|dead)\b/i.test(sentence)) days.length = 0;
  // "released videos Wednesday of the botched August 29 drone strike": the day that names the event, before the first.
  const named = days.find((d) => EVENT_AFTER_DAY.test(sentence.slice(d.end, d.end + 40)));
  const dated = named ?? days[0];
  if (dated) {
    const day = published !== undefined && dayAfterPublication(sentence, dated, published) ? published + 1 : dated.day;
    return {
      day: isoDay(day),
      basis: dated.relative ? 'relative' : 'written',
      span: { value: isoDay(day), text: dated.text, start: offset + dated.start, end: offset + dated.end },
      ...(named ? { named: true as const } : {}),
    };
  }
  return published === undefined ? null : { day: isoDay(published), basis: 'published' };
}
