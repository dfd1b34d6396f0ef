/**
 * Questions the incident records can speak to: "How many attacks since Oct 17?" (a count of the
 * incidents the corpus reports, given beside the figure an article gives) and "When was the last
 * attack on <place>?" (the newest incident at that place). Pure: the period comes from the caller's
 * reading of the question's time (`src/time/question-time.ts`), and wording says what the corpus
 * holds, never the true count.
 */
import { formatDay, isoDay, parseIsoDay, type Day, type DayRange } from '../time/days.js';
import type { TimelineFilter } from './timeline.js';
import type { IncidentKind } from './types.js';

export type IncidentQuestion =
  | { ask: 'count'; kind?: IncidentKind; place?: string }
  | { ask: 'last'; kind?: IncidentKind; place: string };

/** Nouns that count incidents themselves, not their toll ("how many people"). */
const INCIDENT_NOUN = '(?:attacks?|strikes?|airstrikes?|air strikes?|incidents?|raids?|bombings?|shellings?|assaults?|ambush(?:es)?)';
/** Words naming a kind, in a question's noun phrase. */
const KIND_WORDS: Array<[IncidentKind, RegExp]> = [
  ['drone', /\b(?:drones?|uavs?)\b/i],
  ['rocket', /\brockets?\b/i],
  ['missile', /\bmissiles?\b/i],
  ['airstrike', /\b(?:air ?strikes?|air raids?)\b/i],
  ['shelling', /\b(?:shellings?|artillery|mortars?)\b/i],
  ['explosive', /\b(?:bombings?|car bombs?|ieds?)\b/i],
  ['raid', /\braids?\b/i],
];
/** "how many [drone] attacks", "number of rocket strikes". */
const COUNT = new RegExp(`\\b(?:how many|number of)\\s+((?:[\\w'’-]+\\s+){0,3}?${INCIDENT_NOUN})\\b`, 'i');
/** "when was the last/latest/most recent [drone] attack …", "when did the last … happen". */
const LAST = new RegExp(`\\bwhen (?:was|were|did|is) the (?:last|latest|most recent|newest)\\s+((?:[\\w'’-]+\\s+){0,3}?${INCIDENT_NOUN})\\b`, 'i');
/** "When was Erbil last attacked/hit/struck?" */
const LAST_PASSIVE = /\bwhen (?:was|were) (.+?) last (?:attacked|hit|struck|targeted|shelled|bombed)\b/i;
/** A place after a preposition: capitalised words (and "al-" joins), digits allowed ("Tower 22"). */
const PLACE_AFTER = /\b(?:on|in|at|near|against|around|outside)\s+(?:the\s+)?((?:al-|el-)?[\p{Lu}\d][\p{L}\d'’.-]*(?:[\s-]+(?:(?:al|el|of|de)[\s-]+)?[\p{Lu}\d][\p{L}\d'’.-]*)*)/gu;
/** Capitalised words that are not places: months and weekdays, the start of a period. */
const NOT_PLACE = /^(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|monday|tuesday|wednesday|thursday|friday|saturday|sunday|\d.*)$/i;

/** Words that may stand before the counted noun ("drone", "Houthi", "deadly"): a kind, a name, a few adjectives; never a noun of their own ("people killed in strikes"). */
const NOUN_MODIFIER = /^(?:\p{Lu}[\p{L}'’.-]*|drones?|uavs?|rockets?|missiles?|air|artillery|mortar|car|suicide|deadly|fatal|separate|distinct|more|major|militant|terror(?:ist)?|cross-border|ballistic|cruise)$/u;

function onlyModifiers(phrase: string): boolean {
  return phrase.trim().split(/\s+/).slice(0, -1).every((w) => NOUN_MODIFIER.test(w));
}

function kindOf(phrase: string): IncidentKind | undefined {
  return KIND_WORDS.find(([, re]) => re.test(phrase))?.[0];
}

/** The last place a preposition introduces in `text` (the question's place: "on US forces in Syria" → Syria). */
function placeIn(text: string): string | undefined {
  let place: string | undefined;
  for (const m of text.matchAll(PLACE_AFTER)) {
    const name = m[1]!.replace(/[.’']+$/, '');
    if (!NOT_PLACE.test(name.split(/\s+/)[0]!)) place = name;
  }
  return place;
}

/** What an incident question asks, or null when the question is not one. */
export function incidentQuestion(question: string): IncidentQuestion | null {
  const last = LAST.exec(question);
  if (last && onlyModifiers(last[1]!)) {
    const place = placeIn(question.slice(last.index + last[0].length));
    if (place) return withKind({ ask: 'last', place }, kindOf(last[1]!));
  }
  const passive = LAST_PASSIVE.exec(question);
  if (passive) {
    const place = /^(?:the\s+)?([\p{Lu}\d].*)$/u.exec(passive[1]!.trim())?.[1];
    if (place && !NOT_PLACE.test(place)) return { ask: 'last', place };
  }
  const count = COUNT.exec(question);
  if (count && onlyModifiers(count[1]!)) {
    const place = placeIn(question.slice(count.index + count[0].length));
    const q: IncidentQuestion = { ask: 'count' };
    if (place) q.place = place;
    return withKind(q, kindOf(count[1]!));
  }
  return null;
}

function withKind<T extends IncidentQuestion>(q: T, kind: IncidentKind | undefined): T {
  if (kind) q.kind = kind;
  return q;
}

/** The timeline filter for an incident question over `period` (days; open ends are ±Infinity), as of `asOf`. */
export function incidentFilter(q: IncidentQuestion, period: DayRange | null, asOf: Day): TimelineFilter {
  const filter: TimelineFilter = { until: isoDay(Math.min(asOf, period?.to ?? asOf)), publishedBy: isoDay(asOf) };
  if (period && Number.isFinite(period.from)) filter.since = isoDay(period.from);
  if (q.place) filter.place = q.place;
  if (q.kind) filter.kind = q.kind;
  return filter;
}

/** "since 17 Oct 2023", "from 1 Jan 2024 to 31 Jan 2024", "up to 6 Dec 2023": the period a filter covers. */
export function periodWords(filter: TimelineFilter, asOf: Day): string {
  const day = (iso: string) => formatDay(parseIsoDay(iso)!);
  const until = filter.until ?? isoDay(asOf);
  if (filter.since === undefined) return `up to ${day(until)}`;
  if (until === isoDay(asOf)) return `since ${day(filter.since)}`;
  return filter.since === until ? `on ${day(until)}` : `from ${day(filter.since)} to ${day(until)}`;
}

/**
 * "Sitrep's corpus reports 12 distinct incidents since 17 Oct 2023": what the corpus holds, worded
 * so that it is never read as the true count.
 */
export function countLine(count: number, filter: TimelineFilter, asOf: Day): string {
  const what = `distinct ${filter.kind ? `${filter.kind} ` : ''}incident${count === 1 ? '' : 's'}`;
  const where = filter.place ? ` in ${filter.place}` : '';
  return `Sitrep's corpus reports ${count} ${what}${where} ${periodWords(filter, asOf)}`;
}
