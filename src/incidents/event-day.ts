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
  if (day.basis === 'published') return day;
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

export function eventDayOf(sentence: string, offset: number, published: number | undefined): EventDay | null {
  // "since the Oct. 7 attack" starts a count, like "since Oct. 7"; "as of Friday" ends one.
  const days = eventDates(sentence, published).filter((d) => !d.since && !/\b(?:since\s+the|as of)\s+$/i.test(sentence.slice(Math.max(0, d.start - 10), d.start)));
  // "an official said Monday that a pattern of attacks …": the day of speaking, unless the sentence gives no other and tells of harm done.
  const spoken = (d: (typeof days)[number]) => /\b(?:said|says|told \w+|announced|stated|added)\s+(?:on\s+)?$/i.test(sentence.slice(Math.max(0, d.start - 20), d.start));
  if (days.length > 0 && days.every(spoken) && !DONE.test(sentence.replace(DENIED, ' ')) && !/\b(?:died|dead)\b/i.test(sentence)) days.length = 0;
  // "released videos Wednesday of the botched August 29 drone strike": the day that names the event, before the first.
  const dated = days.find((d) => EVENT_AFTER_DAY.test(sentence.slice(d.end, d.end + 40))) ?? days[0];
  if (dated) {
    return {
      day: isoDay(dated.day),
      basis: dated.relative ? 'relative' : 'written',
      span: { value: isoDay(dated.day), text: dated.text, start: offset + dated.start, end: offset + dated.end },
    };
  }
  return published === undefined ? null : { day: isoDay(published), basis: 'published' };
}
