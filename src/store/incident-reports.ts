/**
 * Incident reports kept in the index: each article's reports, read once when the article enters the
 * index and kept while it stays (an article's id is a hash of its text, so its reports cannot go
 * stale), and their grouping into incidents, worked out by the build so that answering only puts the
 * stored groups back together. A report is stored without its article's citation fields (file, line,
 * title, source, url, date), which the article list already holds and which follow the article if it
 * moves file, and without the words of its fields, which are cut again from the stored article text by
 * their offsets.
 */
import { performance } from 'node:perf_hooks';
import type { Article } from '../corpus/types.js';
import { parseIsoDay } from '../time/days.js';
import { DEFAULT_GROUP_OPTIONS, EXTRACTOR_VERSION, countryCode, extractReports, groupReports, readGazetteer, summarise, type EventDay, type Field, type Gazetteer, type Incident, type IncidentKind, type IncidentReport, type PlaceField } from '../incidents/index.js';

type CitationFields = 'file' | 'line' | 'title' | 'source' | 'url' | 'published';

/** A field with its words left out when they are the article's text at its offsets. */
type Stored<F extends Field<unknown>> = Omit<F, 'text'> & { text?: string };
type WordFields = 'trigger' | 'kind' | 'eventDay' | 'place' | 'otherPlaces' | 'actor' | 'target' | 'killed' | 'injured';

/** A report as stored: its article is named by `articleId`, and its fields' words are cut from the article's text again. */
export interface StoredReport extends Omit<IncidentReport, CitationFields | WordFields> {
  trigger: Stored<Field<string>>;
  kind: Stored<Field<IncidentKind>>;
  eventDay: (Omit<EventDay, 'span'> & { span?: Stored<Field<string>> }) | null;
  place: Stored<PlaceField> | null;
  otherPlaces: Array<Stored<PlaceField>>;
  actor: Stored<Field<string>> | null;
  target: Stored<Field<string>> | null;
  killed: Stored<Field<number>> | null;
  injured: Stored<Field<number>> | null;
}

/** One report: its article's id and its position in that article's list. */
export type ReportRef = [articleId: string, report: number];

/** What `incidents.jsonl` holds. */
export interface StoredIncidents {
  /** The extraction rules the reports were read with (`EXTRACTOR_VERSION`); other rules read them again. */
  extractor: string;
  /** Article id → its reports, in sentence order; an indexed article missing here has none. */
  byArticle: Record<string, StoredReport[]>;
  /** Each incident as its reports, newest incident first and its reports in article order: `groupReports`'s grouping of every report. */
  groups: ReportRef[][];
}

/** The report as stored: no citation fields, and no words that the article's text gives at their offsets. */
export function toStoredReport(report: IncidentReport, articleText: string): StoredReport {
  const { file: _f, line: _l, title: _t, source: _s, url: _u, published: _p, ...rest } = report;
  function slim<F extends Field<unknown>>(f: F): Stored<F>;
  function slim<F extends Field<unknown>>(f: F | null): Stored<F> | null;
  function slim<F extends Field<unknown>>(f: F | null): Stored<F> | null {
    if (!f || f.text !== articleText.slice(f.start, f.end)) return f;
    const { text: _text, ...kept } = f;
    return kept;
  }
  const eventDay = rest.eventDay && (rest.eventDay.span ? { ...rest.eventDay, span: slim(rest.eventDay.span) } : rest.eventDay);
  return {
    ...rest,
    trigger: slim(rest.trigger),
    kind: slim(rest.kind),
    eventDay,
    place: slim(rest.place),
    otherPlaces: rest.otherPlaces.map((p) => slim(p)),
    actor: slim(rest.actor),
    target: slim(rest.target),
    killed: slim(rest.killed),
    injured: slim(rest.injured),
  };
}

/** A stored report with its article's citation fields and its fields' words again (new objects: the stored one is not changed). */
export function withArticle(stored: StoredReport, article: Article): IncidentReport {
  const text = article.text;
  function full<F extends Field<unknown>>(f: Stored<F>): F;
  function full<F extends Field<unknown>>(f: Stored<F> | null): F | null;
  function full<F extends Field<unknown>>(f: Stored<F> | null): F | null {
    if (!f) return null;
    return (f.text === undefined ? { ...f, text: text.slice(f.start, f.end) } : f) as F;
  }
  const day = stored.eventDay;
  const report: IncidentReport = {
    ...stored,
    file: article.file,
    title: article.title,
    trigger: full<Field<string>>(stored.trigger),
    kind: full<Field<IncidentKind>>(stored.kind),
    eventDay: day && (day.span ? { ...day, span: full<Field<string>>(day.span) } : (day as EventDay)),
    place: full<PlaceField>(stored.place),
    otherPlaces: stored.otherPlaces.map((p) => full<PlaceField>(p)),
    actor: full<Field<string>>(stored.actor),
    target: full<Field<string>>(stored.target),
    killed: full<Field<number>>(stored.killed),
    injured: full<Field<number>>(stored.injured),
  };
  if (article.line !== undefined) report.line = article.line;
  if (article.source) report.source = article.source;
  if (article.url) report.url = article.url;
  if (article.published) report.published = article.published;
  return report;
}

export interface ReportsUpdate {
  incidents: StoredIncidents;
  /** Articles read for reports by this build (the others' were kept). */
  extracted: number;
  /** Seconds spent grouping reports into incidents (all of them, or only the affected ones). */
  groupSeconds: number;
  /** Reports grouped again by this build: every report, or only those an added or removed article's reports can touch. */
  regrouped: number;
}

/**
 * The reports of `articles`: those of an article the previous generation held, read with the same
 * rules, are kept; the others' are read now. Removed articles' reports drop out with them. The
 * gazetteer is loaded only when a town is to be looked up, and (by default) read afresh and dropped
 * after, so that the rest of the build has its memory. The reports are then grouped into incidents
 * (`regroupIncidents`): only the previous incidents an added or removed article can touch are grouped
 * again, the others are kept.
 */
export function updateIncidents(articles: Article[], previous: { articleIds: ReadonlySet<string>; incidents: StoredIncidents } | null, gazetteer: () => Gazetteer = readGazetteer): ReportsUpdate {
  const reuse = previous !== null && previous.incidents.extractor === EXTRACTOR_VERSION ? previous : null;
  // Loaded on the first town looked up (countries come from the runtime): an added article that names
  // no candidate town costs no gazetteer load.
  let loaded: Gazetteer | undefined;
  const lazy: Gazetteer = { town: (name) => (loaded ??= gazetteer()).town(name), country: countryCode };
  const byArticle: Record<string, StoredReport[]> = {};
  let extracted = 0;
  for (const article of articles) {
    if (reuse?.articleIds.has(article.id)) {
      const held = reuse.incidents.byArticle[article.id];
      if (held) byArticle[article.id] = held;
      continue;
    }
    extracted++;
    const reports = extractReports(article, { gazetteer: lazy });
    if (reports.length > 0) byArticle[article.id] = reports.map((r) => toStoredReport(r, article.text));
  }
  const grouping = performance.now();
  const { groups, regrouped } = regroupIncidents(articles, byArticle, reuse && { articleIds: reuse.articleIds, groups: reuse.incidents.groups });
  return { incidents: { extractor: EXTRACTOR_VERSION, byArticle, groups }, extracted, groupSeconds: (performance.now() - grouping) / 1000, regrouped };
}

/** Share of the reports that may be grouped again before every report is grouped afresh instead. */
export const MAX_REGROUP_SHARE = 0.5;

/** `groupReports`'s order of incidents: newest first, then by id. */
const newestFirst = (a: Incident, b: Incident) => (b.day ?? '').localeCompare(a.day ?? '') || a.id.localeCompare(b.id);

/**
 * The grouping of every report, as `groupIncidents` gives it, worked out from the previous
 * generation's when it can be. `groupReports` joins reports by links between two reports (days within
 * the tolerance, kinds and places that agree; within one article, a report with no place to the
 * closest earlier one it agrees with), and an incident is a closure of links. So a previous incident
 * stays one unless it held a report of a removed (or changed) article, or a report whose day is within
 * the tolerance of an added report's day (across articles no link spans more; a report with no day
 * links nothing). Those incidents' kept reports are grouped again with the added reports, and the
 * other incidents are kept as they were: the same grouping as afresh, for the cost of the reports
 * grouped. Every report is grouped afresh with no previous grouping, when the previous groups do not
 * cover the kept reports, or when more than `MAX_REGROUP_SHARE` of the reports would be grouped.
 */
export function regroupIncidents(
  articles: Article[],
  byArticle: Record<string, StoredReport[]>,
  previous: { articleIds: ReadonlySet<string>; groups: ReportRef[][] } | null,
): { groups: ReportRef[][]; regrouped: number } {
  const total = articles.reduce((n, a) => n + (byArticle[a.id]?.length ?? 0), 0);
  const afresh = () => ({ groups: groupIncidents(articles, byArticle), regrouped: total });
  if (!previous) return afresh();
  const position = new Map(articles.map((a, i) => [a.id, i]));
  const tolerance = DEFAULT_GROUP_OPTIONS.dayTolerance;
  const addedDays = new Set<number>();
  const added: ReportRef[] = [];
  for (const a of articles) {
    if (previous.articleIds.has(a.id)) continue;
    (byArticle[a.id] ?? []).forEach((r, i) => {
      added.push([a.id, i]);
      const day = r.eventDay && parseIsoDay(r.eventDay.day);
      if (day !== null && day !== undefined) addedDays.add(day);
    });
  }
  // Per day as written: a corpus's reports share a few thousand days at most, so each is parsed once.
  const nearDay = new Map<string, boolean>();
  const nearAdded = (r: StoredReport) => {
    if (!r.eventDay) return false;
    let near = nearDay.get(r.eventDay.day);
    if (near === undefined) {
      const day = parseIsoDay(r.eventDay.day);
      near = false;
      if (day !== null) for (let d = day - tolerance; d <= day + tolerance && !near; d++) near = addedDays.has(d);
      nearDay.set(r.eventDay.day, near);
    }
    return near;
  };
  const kept: ReportRef[][] = [];
  const again: ReportRef[] = [...added];
  let covered = 0;
  for (const group of previous.groups) {
    let touched = false;
    const live: ReportRef[] = [];
    for (const ref of group) {
      if (!position.has(ref[0])) {
        touched = true;
        continue;
      }
      const stored = byArticle[ref[0]]?.[ref[1]];
      // A previous group naming a report the kept articles do not hold: the grouping cannot be trusted.
      if (!stored) return afresh();
      if (!touched && addedDays.size > 0 && nearAdded(stored)) touched = true;
      live.push(ref);
    }
    covered += live.length;
    if (touched) again.push(...live);
    else if (live.length > 0) kept.push(live);
  }
  if (covered + added.length !== total || again.length > MAX_REGROUP_SHARE * total) return afresh();

  const byPosition = (x: ReportRef, y: ReportRef) => position.get(x[0])! - position.get(y[0])! || x[1] - y[1];
  const incidentsOfRefs = (refs: ReportRef[]) => {
    const refOf = new Map<IncidentReport, ReportRef>();
    const reports = refs.map((ref) => {
      const r = withArticle(byArticle[ref[0]]![ref[1]]!, articles[position.get(ref[0])!]!);
      refOf.set(r, ref);
      return r;
    });
    return { reports, refOf };
  };
  const { reports, refOf } = incidentsOfRefs(again.sort(byPosition));
  const fresh = groupReports(reports).map((incident) => ({ incident, refs: incident.reports.map((r) => refOf.get(r)!) }));

  // A kept incident's reports are in article order as `groupReports` gives them; the articles' order
  // may have moved (a file renamed), so they are put in it again, and summarised for their place in
  // the order of incidents only when compared.
  const keptSorted = kept.map((refs) => (refs.every((ref, i) => i === 0 || byPosition(refs[i - 1]!, ref) < 0) ? { refs, inOrder: true } : { refs: [...refs].sort(byPosition), inOrder: false }));
  const summaries = new Map<number, Incident>();
  const summaryOf = (k: number) => {
    let s = summaries.get(k);
    if (!s) summaries.set(k, (s = summarise(incidentsOfRefs(keptSorted[k]!.refs).reports)));
    return s;
  };
  let keptOrder = keptSorted.map((_, k) => k);
  if (!keptSorted.every((k) => k.inOrder)) keptOrder = keptOrder.sort((x, y) => newestFirst(summaryOf(x), summaryOf(y)));
  // Each fresh incident goes in at its place among the kept ones (a binary search, so that few are summarised).
  fresh.sort((x, y) => newestFirst(x.incident, y.incident));
  const merged: ReportRef[][] = [];
  let at = 0;
  for (const { incident, refs } of fresh) {
    let lo = at;
    let hi = keptOrder.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (newestFirst(summaryOf(keptOrder[mid]!), incident) < 0) lo = mid + 1;
      else hi = mid;
    }
    for (; at < lo; at++) merged.push(keptSorted[keptOrder[at]!]!.refs);
    merged.push(refs);
  }
  for (; at < keptOrder.length; at++) merged.push(keptSorted[keptOrder[at]!]!.refs);
  return { groups: merged, regrouped: again.length };
}

/** `groupReports` over every report (in article order, then sentence order), as refs. */
export function groupIncidents(articles: Article[], byArticle: Record<string, StoredReport[]>): ReportRef[][] {
  const refOf = new Map<IncidentReport, ReportRef>();
  const reports: IncidentReport[] = [];
  for (const a of articles) {
    (byArticle[a.id] ?? []).forEach((stored, i) => {
      const r = withArticle(stored, a);
      refOf.set(r, [a.id, i]);
      reports.push(r);
    });
  }
  return groupReports(reports).map((incident) => incident.reports.map((r) => refOf.get(r)!));
}

/**
 * Stored incident `g` put back together as `groupReports` gave it at build: its reports with their
 * article's fields, summarised. Linear in its reports, so that a caller can put them together a few
 * at a time.
 */
export function incidentOf(articleOf: (id: string) => Article | undefined, incidents: StoredIncidents, g: number): Incident {
  return summarise(
    incidents.groups[g]!.map(([id, i]) => {
      const article = articleOf(id);
      const stored = incidents.byArticle[id]?.[i];
      if (!article || !stored) throw new Error(`Sitrep: stored incident ${g} names report ${i} of article ${id}, which the index does not hold`);
      return withArticle(stored, article);
    }),
  );
}

/** Every stored incident put back together, newest first (`incidentOf`). */
export function incidentsOf(articleOf: (id: string) => Article | undefined, incidents: StoredIncidents): Incident[] {
  return incidents.groups.map((_, g) => incidentOf(articleOf, incidents, g));
}

/** Every stored report with its article's citation fields, in article order. */
export function reportsOf(articles: Article[], incidents: StoredIncidents): IncidentReport[] {
  return articles.flatMap((a) => (incidents.byArticle[a.id] ?? []).map((r) => withArticle(r, a)));
}

/** How many reports are stored. */
export function reportCount(incidents: StoredIncidents): number {
  let n = 0;
  for (const list of Object.values(incidents.byArticle)) n += list.length;
  return n;
}
