/**
 * The stored incidents as answering holds them: each incident's head (id, kind, day, places) and the
 * facts a selection reads (place names, countries, actors, publication days), worked out in one pass
 * over the stored lines; its reports are parsed again from their article's stored line, and put
 * together with the article's fields, only when the incident's reports or figures are read (a
 * timeline page, the last attack on a place). A count, or a selection of any size, never holds the
 * reports: at a million passages holding 245,187 incidents' 674,826 reports whole grew the heap by
 * 2.2 GB.
 */
import type { Article } from '../corpus/types.js';
import { addReportFacts, emptyFacts, incidentFigures, incidentHead, withFacts, type DateBasis, type FactPlace, type HeadReport, type Incident, type IncidentHead, type IncidentKind, type IncidentReport } from '../incidents/index.js';
import { parsedReportsOf, readIncidentPartsInSteps } from './incident-lines.js';
import { withArticle, type ArticleReports, type IncidentEntries, type ReportRef, type StoredReport } from './stored-report.js';
import { runInSteps } from './steps.js';

/** What a count keeps of one stored report: its head's part and its facts' part, the repeated values shared. */
interface KeptReport extends HeadReport {
  place: FactPlace | null;
  otherPlaces: readonly FactPlace[];
  actor: { value: string } | null;
  published?: string;
}

/**
 * Every stored incident in `parts` (the lines of `storedIncidentParts`), newest first as the build
 * grouped them, each with its head and facts and its reports read on first use. Read a few lines at
 * a time, awaiting `step` between pieces of `budgetMs`. An `IncidentLinesError` when a line is damaged.
 */
export async function incidentCatalogue(parts: readonly Buffer[], articleOf: (id: string) => Article | undefined, step: () => Promise<void>, budgetMs = 4): Promise<Incident[]> {
  const entries = await readIncidentPartsInSteps(parts, step, budgetMs);
  return runInSteps(catalogued(entries, articleOf), step, budgetMs);
}

function* catalogued(entries: IncidentEntries, articleOf: (id: string) => Article | undefined): Generator<void, Incident[]> {
  const shared = new Shared();
  const kept = new Map<string, KeptReport[]>();
  for (const [id, entry] of entries.articles) {
    const published = articleOf(id)?.published;
    kept.set(id, parsedReportsOf(id, entry).map((r) => shared.report(id, r, published)));
    yield;
  }
  const source: ReportSource = { articles: entries.articles, articleOf };
  const incidents: Incident[] = [];
  for (const [g, group] of entries.groups.entries()) {
    const reports = group.refs.map(([id, i]) => {
      const report = kept.get(id)?.[i];
      if (!report) throw new Error(`Sitrep: stored incident ${g} names report ${i} of article ${id}, which the index does not hold`);
      return report;
    });
    const facts = emptyFacts();
    const names = new Set<string>();
    for (const r of reports) addReportFacts(facts, r, names);
    incidents.push(withFacts(storedIncident(incidentHead(reports), group.refs, source), facts));
    yield;
  }
  return incidents;
}

/** What the catalogue's incidents read their reports from: the stored article lines, and the articles. */
interface ReportSource {
  articles: ReadonlyMap<string, ArticleReports>;
  articleOf: (id: string) => Article | undefined;
}

/** Where a stored incident's reports are read from, and what was read. */
interface Unread {
  refs: readonly ReportRef[];
  source: ReportSource;
  whole?: Pick<Incident, 'reports' | 'killed' | 'injured'>;
}

const UNREAD = Symbol('unread reports');

/**
 * A stored incident: its head as plain fields, its `reports`, `killed` and `injured` own enumerable
 * getters (so that a copy, a comparison or JSON sees them as on an incident put together whole),
 * read on first use from its articles' stored lines and kept. The three getters are the same
 * functions for every incident: getters made per incident cost a closure each and kept V8 from
 * sharing one shape among them (3.3 KB an incident on the real-news index, against 1.4 KB).
 */
function storedIncident(head: IncidentHead, refs: readonly ReportRef[], source: ReportSource): Incident {
  const incident = { id: head.id, kind: head.kind, day: head.day, places: head.places } as Incident;
  Object.defineProperty(incident, UNREAD, { value: { refs, source } satisfies Unread });
  for (const key of WHOLE_KEYS) Object.defineProperty(incident, key, WHOLE_GETTERS[key]);
  return incident;
}

const WHOLE_KEYS = ['reports', 'killed', 'injured'] as const;
const WHOLE_GETTERS = Object.fromEntries(
  WHOLE_KEYS.map((key) => [
    key,
    {
      enumerable: true,
      get(this: Incident) {
        return wholeOf(this)[key];
      },
    },
  ]),
) as Record<(typeof WHOLE_KEYS)[number], PropertyDescriptor>;

function wholeOf(incident: Incident): Pick<Incident, 'reports' | 'killed' | 'injured'> {
  const unread = (incident as unknown as { [UNREAD]: Unread })[UNREAD];
  if (!unread.whole) {
    const { articles, articleOf } = unread.source;
    const reports: IncidentReport[] = unread.refs.map(([id, i]) => {
      const article = articleOf(id);
      const stored: StoredReport | undefined = articles.has(id) ? parsedReportsOf(id, articles.get(id)!)[i] : undefined;
      if (!article || !stored) throw new Error(`Sitrep: stored incident ${incident.id} names report ${i} of article ${id}, which the index does not hold`);
      return withArticle(stored, article);
    });
    unread.whole = { reports, ...incidentFigures(reports) };
  }
  return unread.whole;
}

/** One object for each distinct kind, day and place of the kept reports: a corpus repeats them in thousands of reports. */
class Shared {
  private readonly kinds = new Map<IncidentKind, { value: IncidentKind }>();
  private readonly days = new Map<string, { day: string; basis: DateBasis }>();
  // Main places apart from the others: the head counts a report's main place by identity (`incidentHead`).
  private readonly places = new Map<string, FactPlace>();
  private readonly otherPlaces = new Map<string, FactPlace>();
  private readonly actors = new Map<string, { value: string }>();

  report(articleId: string, r: StoredReport, published: string | undefined): KeptReport {
    const kept: KeptReport = {
      articleId,
      sentence: r.sentence,
      kind: this.kind(r.kind.value),
      eventDay: r.eventDay && this.day(r.eventDay.day, r.eventDay.basis),
      place: r.place && this.place(r.place, this.places),
      otherPlaces: r.otherPlaces.length === 0 ? NO_PLACES : r.otherPlaces.map((p) => this.place(p, this.otherPlaces)),
      actor: r.actor && this.actor(r.actor.value),
    };
    if (r.event !== undefined) kept.event = r.event;
    if (published !== undefined) kept.published = published;
    return kept;
  }

  private kind(value: IncidentKind) {
    return this.kinds.get(value) ?? set(this.kinds, value, { value });
  }

  private day(day: string, basis: DateBasis) {
    const key = `${day} ${basis}`;
    return this.days.get(key) ?? set(this.days, key, { day, basis });
  }

  private place(p: FactPlace, places: Map<string, FactPlace>): FactPlace {
    const key = `${p.value}\u0000${p.country ?? ''}\u0000${p.gazetteer?.country ?? ''}`;
    const known = places.get(key);
    if (known) return known;
    const place: FactPlace = { value: p.value };
    if (p.country !== undefined) place.country = p.country;
    if (p.gazetteer !== undefined) place.gazetteer = { country: p.gazetteer.country };
    return set(places, key, place);
  }

  private actor(value: string) {
    return this.actors.get(value) ?? set(this.actors, value, { value });
  }
}

const NO_PLACES: readonly FactPlace[] = Object.freeze([]);

function set<K, V>(map: Map<K, V>, key: K, value: V): V {
  map.set(key, value);
  return value;
}
