/**
 * A timeline of incidents: the ones a place, an actor and a date range ask for, newest first, each
 * with its quoted sentences and where they come from. Pure: the caller loads the articles.
 */
import { formatDay, parseIsoDay } from '../time/days.js';
import { countryCode } from './gazetteer.js';
import { summarise } from './group.js';
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

/** Each incident's distinct place names and the countries they lie in, worked out once per incident. */
const placesSeen = new WeakMap<Incident, { names: string[]; countries: Set<string> }>();

function placesOfIncident(incident: Incident): { names: string[]; countries: Set<string> } {
  let known = placesSeen.get(incident);
  if (!known) {
    const names = new Set<string>();
    const countries = new Set<string>();
    for (const r of incident.reports) {
      for (const p of r.place ? [r.place, ...r.otherPlaces] : r.otherPlaces) {
        names.add(p.value);
        if (p.country) countries.add(p.country);
        if (p.gazetteer) countries.add(p.gazetteer.country);
      }
    }
    known = { names: [...names], countries };
    placesSeen.set(incident, known);
  }
  return known;
}

/**
 * Whether an incident is at `place`: one of its places has that name or spelling, or lies in that
 * country. `seen` holds the verdict for each name already compared in this selection: a corpus names
 * the same places in thousands of reports.
 */
function placeMatches(incident: Incident, place: string, country: string | undefined, seen: Map<string, boolean>): boolean {
  const { names, countries } = placesOfIncident(incident);
  if (country !== undefined && countries.has(country)) return true;
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
  const kept = incident.reports.filter((r) => !r.published || r.published.slice(0, 10) <= day);
  if (kept.length === incident.reports.length) return [incident];
  return kept.length === 0 ? [] : [{ ...summarise(kept), id: incident.id }];
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
      if (actor && !inc.reports.some((r) => r.actor && words(r.actor.value).includes(actor))) return false;
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
