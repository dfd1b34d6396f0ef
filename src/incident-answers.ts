/**
 * The incident records' part in answering, for `src/sitrep.ts`: the timeline over the incidents the
 * build grouped and stored (put back together once per index generation, on first use), the count
 * line of a count question, and "When was the last attack on <place>?" answered from the records when
 * they hold an incident at that place. Here, beside the front door, because it joins two stages that do not know each other:
 * the answer contract (`src/answer/types.ts`) and the incident records (`src/incidents/`).
 */
import { articleRef } from './answer/compose.js';
import type { Answer, Quote } from './answer/types.js';
import type { Article } from './corpus/types.js';
import { countLine, countryCode, factsOf, incidentFilter, overlappingPlaceNames, placeNameTokens, samePlaceName, selectIncidents, type Incident, type IncidentQuestion, type IncidentReport, type TimelineFilter } from './incidents/index.js';
import type { StoredIndex } from './store/stored-index.js';
import { isoDay, parseIsoDay, type Day, type DayRange } from './time/days.js';
import { eventDates } from './time/event-dates.js';

export interface Timeline {
  incidents: Incident[];
  /** The report's sentence as it stands in its article (white space joined). */
  quote(report: IncidentReport): string;
}

/**
 * The incidents of one index generation: the groups the build stored, read on the first call a few
 * lines at a time between turns of the event loop (a running bot keeps answering meanwhile), then
 * kept as heads, each incident's reports read when it is shown (`StoredIndex.incidentCatalogue`).
 */
export function incidentRecords(index: StoredIndex): (filter: TimelineFilter) => Promise<Timeline> {
  let all: Promise<Incident[]> | undefined;
  let byId: Map<string, Article> | undefined;
  const articleOf = (id: string) => (byId ??= new Map(index.articles.map((a) => [a.id, a]))).get(id);
  const quote = (r: IncidentReport) => sentenceOf(articleOf(r.articleId), r).replace(/\s+/g, ' ').trim();
  let places: PlaceIndex | undefined;
  const load = (): Promise<Incident[]> => index.incidentCatalogue(articleOf);
  return async (filter) => {
    all ??= load().catch((err: unknown) => {
      all = undefined;
      throw err;
    });
    const incidents = await all;
    let candidates = withinDays(incidents, filter);
    if (filter.place !== undefined) {
      places ??= placeIndex(incidents);
      const at = atPlace(places, filter.place);
      candidates = candidates.filter((i) => at.has(i));
    }
    return { incidents: selectIncidents(candidates, filter), quote };
  };
}

/**
 * Incidents by each place name their reports give, and by each country those places lie in; and the
 * names by each of their comparison tokens (`placeNameTokens`), so that a question's place is
 * compared with the names that share a token with it, not with every name of the corpus (at 100k
 * passages of invented places that scan took 30–40 ms a count question).
 */
export interface PlaceIndex {
  byName: Map<string, Incident[]>;
  byCountry: Map<string, Incident[]>;
  namesByToken: Map<string, string[]>;
}

export function placeIndex(incidents: Incident[]): PlaceIndex {
  const byName = new Map<string, Incident[]>();
  const byCountry = new Map<string, Incident[]>();
  const add = (map: Map<string, Incident[]>, key: string, incident: Incident) => {
    const list = map.get(key);
    if (!list) map.set(key, [incident]);
    else if (list[list.length - 1] !== incident) list.push(incident);
  };
  for (const incident of incidents) {
    const { names, countries } = factsOf(incident);
    for (const name of names) add(byName, name, incident);
    for (const country of countries) add(byCountry, country, incident);
  }
  const namesByToken = new Map<string, string[]>();
  for (const name of byName.keys()) {
    for (const token of placeNameTokens(name)) {
      const names = namesByToken.get(token);
      if (names) names.push(name);
      else namesByToken.set(token, [name]);
    }
  }
  return { byName, byCountry, namesByToken };
}

/**
 * The incidents that may be at `place`, as `selectIncidents` matches places (a name or spelling of
 * it, an overlapping name, or a town of that country): each distinct name is compared once, not
 * once per report, and only names that share a comparison token with `place` (two names that share
 * none are neither the same nor overlapping). `selectIncidents` then checks them again with every
 * other bound.
 */
export function atPlace(index: PlaceIndex, place: string): Set<Incident> {
  const out = new Set<Incident>();
  const compared = new Set<string>();
  for (const token of placeNameTokens(place)) {
    for (const name of index.namesByToken.get(token) ?? []) {
      if (compared.has(name)) continue;
      compared.add(name);
      if (samePlaceName(name, place) || overlappingPlaceNames(name, place)) for (const i of index.byName.get(name)!) out.add(i);
    }
  }
  const country = countryCode(place);
  if (country) for (const i of index.byCountry.get(country) ?? []) out.add(i);
  return out;
}

/**
 * The incidents (newest first, as `groupReports` gives them; undated last) whose day can lie in the
 * filter's `since`–`until`, found by binary search, so that a question about a few weeks does not
 * compare places over the whole corpus. `selectIncidents` still applies every bound.
 */
function withinDays(incidents: Incident[], filter: TimelineFilter): Incident[] {
  if (filter.since === undefined && filter.until === undefined) return incidents;
  const dated = lowerBound(incidents, (i) => i.day === null);
  const first = filter.until === undefined ? 0 : lowerBound(incidents.slice(0, dated), (i) => i.day! <= filter.until!);
  const end = filter.since === undefined ? dated : lowerBound(incidents.slice(0, dated), (i) => i.day! < filter.since!);
  return incidents.slice(first, Math.max(first, end));
}

/** The first index at which `past` holds, for a list where it holds from some index on. */
function lowerBound<T>(list: T[], past: (x: T) => boolean): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (past(list[mid]!)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function sentenceOf(article: Article | undefined, r: IncidentReport): string {
  if (!article) throw new Error(`Sitrep: incident report names article ${r.articleId}, which the index does not hold`);
  return article.text.slice(r.sentenceSpan.start, r.sentenceSpan.end);
}

/** The `incidents` part of a count question's answer. */
export async function countPart(timeline: (f: TimelineFilter) => Promise<Timeline>, q: IncidentQuestion, period: DayRange | null, asOf: Day): Promise<NonNullable<Answer['incidents']>> {
  const filter = incidentFilter(q, period, asOf);
  const count = (await timeline(filter)).incidents.length;
  return { count, filter, line: countLine(count, filter, asOf) };
}

/**
 * "When was the last attack on <place>?" from the records: the newest incident at the place (of the
 * kind asked, up to the as-of day), quoted from its report that writes the day (the newest such
 * article first), with the day's words as the answer span. Null when the records hold none, so the
 * question goes the time-aware answer path.
 */
export async function lastIncidentAnswer(
  timeline: (f: TimelineFilter) => Promise<Timeline>,
  articles: Article[],
  question: string,
  q: IncidentQuestion & { ask: 'last' },
  asOf: Day,
): Promise<Omit<Answer, 'ms'> | null> {
  const { incidents, quote } = await timeline(incidentFilter(q, null, asOf));
  const newest = incidents.find((i) => i.day !== null);
  if (!newest) return null;
  const report = [...newest.reports].sort((a, b) => rankForQuote(b, newest.day!) - rankForQuote(a, newest.day!) || (b.published ?? '').localeCompare(a.published ?? ''))[0]!;
  const article = articles.find((a) => a.id === report.articleId)!;
  const start = report.sentenceSpan.start;
  const raw = article.text.slice(start, report.sentenceSpan.end);
  const text = quote(report);
  // Offsets in the quote as shown: only runs of white space differ from the article's text, so a span maps if it has none before it changed.
  const day = report.eventDay?.span;
  const span = day && raw.slice(0, day.start - start) === text.slice(0, day.start - start) ? { start: day.start - start, end: day.end - start, text: day.text } : null;
  const published = article.published ? (parseIsoDay(article.published.slice(0, 10)) ?? undefined) : undefined;
  const answer: Quote = {
    text,
    span,
    citation: 1,
    dates: eventDates(text, published).map((d) => ({ text: d.text, start: d.start, end: d.end, date: isoDay(d.day), relative: d.relative })),
  };
  return {
    question,
    abstained: false,
    answer,
    supporting: [],
    earlier: [],
    sources: [{ n: 1, ...articleRef(article) }],
    // The day is read from the sentence itself: as sure as the extraction that found it.
    confidence: 1,
    asOf: isoDay(asOf),
    answerPublished: article.published ?? null,
    newestSource: article.published ?? null,
  };
}

/** A report that writes the incident's own day is the best quote; one dated only by its article the least. */
function rankForQuote(r: IncidentReport, day: string): number {
  if (!r.eventDay) return 0;
  if (r.eventDay.day !== day) return 1;
  return r.eventDay.basis === 'written' ? 4 : r.eventDay.basis === 'relative' ? 3 : 2;
}
