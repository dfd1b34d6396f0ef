/**
 * A timeline of incidents: the ones a place, an actor and a date range ask for, newest first, each
 * with its quoted sentences and where they come from. Pure: the caller loads the articles.
 */
import { formatDay, parseIsoDay } from '../time/days.js';
import { countryCode } from './gazetteer.js';
import { summarise } from './summary.js';
import { overlappingPlaceNames, samePlaceName } from './place-key.js';
import type { Incident, IncidentKind, IncidentReport, ReportedFigure } from './types.js';

export interface TimelineFilter {
  /** A place name: matches an incident's places by name or spelling, a town of that name nearby, or — for a country — its towns. */
  place?: string;
  /** Words of an actor's name as written ("Houthi", "Israeli military"). */
  actor?: string;
  /** Inclusive `YYYY-MM-DD` bounds on the incident's day. */
  since?: string;
  until?: string;
  /** Only incidents of this kind (an incident whose weapon is not named, `other`, is of none). */
  kind?: IncidentKind;
  /**
   * Inclusive `YYYY-MM-DD` bound on the reports' publication day (an as-of day): later reports are
   * left out of each incident, and an incident none of whose reports is left is not listed.
   */
  publishedBy?: string;
}

export class TimelineError extends Error {
  readonly code = 'TIMELINE_FILTER';
}

function dayBound(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const day = parseIsoDay(value);
  if (day === null) throw new TimelineError(`--${name}: expected a date as YYYY-MM-DD, got "${value}"`);
  return day;
}

function words(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}\s]/gu, ' ').replace(/\s+/g, ' ').trim();
}

/**
 * What a selection reads of an incident's reports: its distinct place names and the countries they
 * lie in, each report's actor (as `words` gives it, null when none) and publication day
 * (`YYYY-MM-DD`, null when undated). Worked out once per incident from its reports, or given with an
 * incident whose reports are read only when it is shown (`withFacts`).
 */
export interface IncidentFacts {
  names: string[];
  countries: string[];
  actors: Array<string | null>;
  published: Array<string | null>;
}

const factsSeen = new WeakMap<Incident, IncidentFacts>();

/** `incident`, its facts given: a selection reads them instead of its reports. */
export function withFacts<T extends Incident>(incident: T, facts: IncidentFacts): T {
  factsSeen.set(incident, facts);
  return incident;
}

/** A place as `factsOf` reads it: its name and the countries it names or lies in. */
export interface FactPlace {
  value: string;
  country?: string;
  gazetteer?: { country: string };
}

/** What `factsOf` reads of a report: a whole one, or the part a count keeps. */
export interface FactReport {
  place: FactPlace | null;
  otherPlaces: readonly FactPlace[];
  actor: { value: string } | null;
  published?: string;
}

/** What `factsOf` keeps of one report, added to `facts` (`names`: the names it holds already). */
export function addReportFacts(facts: IncidentFacts, report: FactReport, names = new Set(facts.names)): void {
  for (const p of report.place ? [report.place, ...report.otherPlaces] : report.otherPlaces) {
    if (!names.has(p.value)) {
      names.add(p.value);
      facts.names.push(p.value);
    }
    for (const country of [p.country, p.gazetteer?.country]) if (country && !facts.countries.includes(country)) facts.countries.push(country);
  }
  facts.actors.push(report.actor ? words(report.actor.value) : null);
  facts.published.push(report.published ? report.published.slice(0, 10) : null);
}

export function emptyFacts(): IncidentFacts {
  return { names: [], countries: [], actors: [], published: [] };
}

export function factsOf(incident: Incident): IncidentFacts {
  let known = factsSeen.get(incident);
  if (!known) {
    known = emptyFacts();
    const names = new Set<string>();
    for (const r of incident.reports) addReportFacts(known, r, names);
    factsSeen.set(incident, known);
  }
  return known;
}

/**
 * Whether an incident is at `place`: one of its places has that name or spelling, or lies in that
 * country. `seen` holds the verdict for each name already compared in this selection: a corpus names
 * the same places in thousands of reports.
 */
function placeMatches(incident: Incident, place: string, country: string | undefined, seen: Map<string, boolean>): boolean {
  const { names, countries } = factsOf(incident);
  if (country !== undefined && countries.includes(country)) return true;
  return names.some((name) => {
    let verdict = seen.get(name);
    if (verdict === undefined) {
      verdict = samePlaceName(name, place) || overlappingPlaceNames(name, place);
      seen.set(name, verdict);
    }
    return verdict;
  });
}

/** The incident as its reports published by `day` tell it (none, when all are later); undated reports stay. */
function publishedBy(incident: Incident, day: string): Incident[] {
  const keeps = factsOf(incident).published.map((p) => p === null || p <= day);
  if (keeps.every(Boolean)) return [incident];
  if (!keeps.some(Boolean)) return [];
  return [{ ...summarise(incident.reports.filter((_, i) => keeps[i])), id: incident.id }];
}

/** The incidents `filter` asks for, newest first (incidents with no day last). */
export function selectIncidents(incidents: Incident[], filter: TimelineFilter): Incident[] {
  const since = dayBound('since', filter.since);
  const until = dayBound('until', filter.until);
  if (since !== undefined && until !== undefined && since > until) throw new TimelineError(`--since ${filter.since} is after --until ${filter.until}`);
  if (filter.publishedBy !== undefined) dayBound('published-by', filter.publishedBy);
  const actor = filter.actor ? words(filter.actor) : undefined;
  const country = filter.place ? countryCode(filter.place) : undefined;
  const seen = new Map<string, boolean>();
  return incidents
    .flatMap((inc) => (filter.publishedBy === undefined ? [inc] : publishedBy(inc, filter.publishedBy)))
    .filter((inc) => {
      if (filter.kind && inc.kind !== filter.kind) return false;
      const day = inc.day ? parseIsoDay(inc.day) : null;
      if ((since !== undefined || until !== undefined) && day === null) return false;
      if (since !== undefined && day! < since) return false;
      if (until !== undefined && day! > until) return false;
      if (filter.place && !placeMatches(inc, filter.place, country, seen)) return false;
      if (actor && !factsOf(inc).actors.some((a) => a !== null && a.includes(actor))) return false;
      return true;
    })
    .sort((a, b) => (b.day ?? '').localeCompare(a.day ?? '') || a.id.localeCompare(b.id));
}

function figures(label: string, fs: ReportedFigure[]): string | null {
  if (fs.length === 0) return null;
  if (fs.length === 1) return `${label} ${fs[0]!.value}`;
  // Reports disagree: every figure, with how many reports give it.
  return `${label} ${fs.map((f) => `${f.value} (${f.reports.length} report${f.reports.length === 1 ? '' : 's'})`).join(' vs ')}`;
}

function citation(r: IncidentReport): string {
  const where = r.line === undefined ? r.file : `${r.file}:${r.line}`;
  return [r.title, r.source, r.published, r.url ?? where].filter(Boolean).join(' · ');
}

/** Plain text, one block per incident: the day, kind, places and figures, then each report quoted and cited. */
export function formatTimeline(incidents: Incident[], textOf: (r: IncidentReport) => string, options: { limit?: number } = {}): string {
  const shown = incidents.slice(0, options.limit ?? incidents.length);
  const blocks = shown.map((inc) => {
    const day = inc.day ? formatDay(parseIsoDay(inc.day)!) : 'day unknown';
    const head = [day, inc.kind, inc.places.slice(0, 3).join(' / ') || 'place not named', figures('killed', inc.killed), figures('injured', inc.injured)].filter(Boolean).join(' · ');
    const quotes = inc.reports.map((r) => `  “${textOf(r)}”\n    — ${citation(r)}`);
    return `${head}\n${quotes.join('\n')}`;
  });
  const more = incidents.length - shown.length;
  return [`Sitrep's corpus reports ${incidents.length} incident${incidents.length === 1 ? '' : 's'} matching.`, ...blocks, ...(more > 0 ? [`… and ${more} more (raise --limit).`] : [])].join('\n\n');
}
