/**
 * Event dates in an article's sentence, resolved against the article's publication day: "on Sunday"
 * in an article of Wednesday 6 Dec 2023 is 3 Dec 2023, "Oct. 17" is 17 Oct 2023, "yesterday" the day
 * before. News reports the past, so a weekday or a yearless date is its latest occurrence on or
 * before publication, unless the sentence speaks of the future ("will", "next").
 */
import * as chrono from 'chrono-node';
import { dayOf, noonOf, partsOf, type Day } from './days.js';

export interface EventDate {
  /** Offsets of the words in the sentence. */
  start: number;
  end: number;
  text: string;
  day: Day;
  /** True when the words alone do not give the full date (a weekday, no year, "yesterday"). */
  relative: boolean;
  /** Written after "since": the start of a running count, not the day of an event. */
  since: boolean;
}

/** A cheap look for anything chrono could read as a day; most sentences have none, and chrono is slow. */
const MAY_HOLD_DATE =
  /\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d|\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|\byesterday\b|\btoday\b|\btonight\b|\blast night\b|\bago\b|\b\d{4}-\d\d-\d\d\b/i;
const FUTURE = /\b(?:will|'ll|shall|is due|are due|is expected to|are expected to|plans? to|scheduled|next|upcoming|coming)\b/i;
/** chrono reads these as days although they name none (or one it cannot place). */
const NOT_A_DAY = /^(?:now|today's|this (?:week|month|year)|last (?:week|month|year)|weekend)$/i;
/** "10 days after", "a day before": counted from another event, not from the day of publication. */
const FROM_ANOTHER_EVENT = /\b(?:after|before|earlier|later|prior)$/i;
/** Words that write a calendar date (a month name or digits), as opposed to "yesterday" or "two days ago". */
const WRITTEN_DATE = /\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/i;

export function mayHoldDate(sentence: string): boolean {
  return MAY_HOLD_DATE.test(sentence);
}

/** "since Oct. 17", "since mid-October": the start of a count, which dates no event. */
const SINCE_PHRASE = /\bsince\s+(?:mid-|early\s+|late\s+)?[A-Za-z]+\.?(?:\s+\d{1,2}(?:st|nd|rd|th)?)?(?:,?\s+\d{4})?/gi;

/** Like `mayHoldDate`, leaving out "since …" phrases: a cheap look for the day of an event. */
export function mayHoldEventDate(sentence: string): boolean {
  return MAY_HOLD_DATE.test(sentence.replace(SINCE_PHRASE, ' '));
}

/** Days named in `sentence`, resolved against the article's publication day (absolute dates only when it has none). */
export function eventDates(sentence: string, published: Day | undefined): EventDate[] {
  if (!mayHoldDate(sentence)) return [];
  const future = FUTURE.test(sentence);
  const reference = published ?? dayOf(2000, 1, 1);
  const out: EventDate[] = [];
  for (const r of chrono.parse(sentence, noonOf(reference))) {
    const c = r.start;
    const lead = /^(?:on|at|in)\s+/i.exec(r.text)?.[0].length ?? 0;
    const text = r.text.slice(lead).replace(/[\s,.;:]+$/, '');
    if (NOT_A_DAY.test(text) || FROM_ANOTHER_EVENT.test(text)) continue;
    // Offsets of the words themselves: "on" cut from the front, punctuation from the back.
    const start = r.index + lead;
    let day: Day | null = null;
    let relative = true;
    if (c.isCertain('month') && c.isCertain('day')) {
      const month = c.get('month')!;
      const date = c.get('day')!;
      if (c.isCertain('year') && /\d{4}/.test(r.text)) {
        day = dayOf(c.get('year')!, month, date);
        relative = false;
      } else if (published !== undefined && !WRITTEN_DATE.test(text)) {
        // "yesterday", "two days ago": chrono counted from the publication day already.
        day = dayOf(c.get('year')!, month, date);
      } else if (published !== undefined) {
        const year = partsOf(published).year;
        const candidates = [year - 1, year, year + 1].map((y) => dayOf(y, month, date));
        day = future ? candidates.find((d) => d >= published)! : candidates.filter((d) => d <= published).at(-1)!;
      }
    } else if (c.isCertain('weekday') && published !== undefined) {
      const back = (partsOf(published).weekday - c.get('weekday')! + 7) % 7;
      day = future && back !== 0 ? published + 7 - back : published - back;
    }
    if (day === null) continue;
    const before = sentence.slice(Math.max(0, start - 12), start);
    out.push({ start, end: start + text.length, text, day, relative, since: /\bsince\s+(?:mid-|early\s+|late\s+)?$/i.test(before) });
  }
  return out;
}
