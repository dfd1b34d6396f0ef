/**
 * The filter of a `/timeline` asked in Discord: a place and an actor as written, and `since` and
 * `until` read as `/ask`'s as_of is (`2023-10-17`, `17 Oct 2023`, `October 17`), in the bot's time
 * zone. A date Sitrep cannot read, or a range that ends before it starts, is refused with what to
 * write, never dropped.
 */
import type { TimelineFilter } from '../incidents/timeline.js';
import { isoDay, todayIn } from '../time/days.js';
import { parseAsOf } from '../time/question-time.js';
import { escapeText } from './format/limits.js';

export const TIMELINE_DATE_HELP = 'Write dates as 2023-10-17 or 17 Oct 2023 (not after today).';
/** Room for a place and an actor in a page button's custom id (100 characters in all). */
export const MAX_FILTER_WORDS = 35;

export type FilterReading = { ok: true; filter: TimelineFilter } | { ok: false; message: string };

/** Words as given, minus `:` (which separates a button id's parts and names no place or actor). */
function words(value: string | null): string | undefined {
  const text = value?.replace(/:/g, ' ').replace(/\s+/g, ' ').trim().slice(0, MAX_FILTER_WORDS).trim();
  return text ? text : undefined;
}

export function readTimelineFilter(
  options: { place: string | null; actor: string | null; since: string | null; until: string | null },
  timeZone: string,
  now = new Date(),
): FilterReading {
  const today = todayIn(timeZone, now);
  const filter: TimelineFilter = {};
  const place = words(options.place);
  const actor = words(options.actor);
  if (place) filter.place = place;
  if (actor) filter.actor = actor;
  for (const name of ['since', 'until'] as const) {
    const value = options[name]?.trim();
    if (!value) continue;
    const day = parseAsOf(value, today);
    if (day === null) return { ok: false, message: `I can't read "${escapeText(value.slice(0, 40))}" as the ${name} date. ${TIMELINE_DATE_HELP}` };
    filter[name] = isoDay(day);
  }
  if (filter.since && filter.until && filter.since > filter.until) {
    return { ok: false, message: `The since date (${filter.since}) is after the until date (${filter.until}).` };
  }
  return { ok: true, filter };
}
