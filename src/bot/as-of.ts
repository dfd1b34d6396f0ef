/**
 * The as-of date of a question asked in Discord: the `/ask` option `as_of`, or a direct message that
 * starts with "as of 6 Dec 2023:". Read in the bot's time zone; a date Sitrep cannot read is refused
 * with the forms it takes, never taken for today.
 */
import { isoDay, todayIn } from '../time/days.js';
import { parseAsOf, splitAsOf } from '../time/question-time.js';

export const AS_OF_HELP = 'Write the date as 2023-12-06 or 6 Dec 2023 (not after today).';

export type AsOfReading = { ok: true; asOf: string | undefined } | { ok: false; message: string };

/** The `as_of` option: absent means today. */
export function readAsOfOption(value: string | null, timeZone: string, now = new Date()): AsOfReading {
  if (value === null || value.trim() === '') return { ok: true, asOf: undefined };
  const day = parseAsOf(value.trim(), todayIn(timeZone, now));
  return day === null ? { ok: false, message: `I can't read that as-of date. ${AS_OF_HELP}` } : { ok: true, asOf: isoDay(day) };
}

/** A direct message: its as-of prefix, if it has one, and the question after it. */
export function splitMessageAsOf(text: string, timeZone: string, now = new Date()): { asOf: string | undefined; question: string } {
  const { asOf, question } = splitAsOf(text, todayIn(timeZone, now));
  return { asOf: asOf === null ? undefined : isoDay(asOf), question };
}
