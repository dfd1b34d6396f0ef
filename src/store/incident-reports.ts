/**
 * Incident reports kept in the index: each article's reports, read once when the article enters the
 * index and kept while it stays (an article's id is a hash of its text, so its reports cannot go
 * stale), and their grouping into incidents, worked out by the build so that answering only puts the
 * stored groups back together (the stored form of a report: `stored-report.ts`; the grouping:
 * `incident-regroup.ts`).
 */
import { performance } from 'node:perf_hooks';
import type { Article } from '../corpus/types.js';
import { countryCode, extractorVersion, extractReports, readGazetteer, summarise, type Gazetteer, type Incident, type IncidentReport, type ReportFilter, type SentenceModel } from '../incidents/index.js';
import { regroupIncidents } from './incident-regroup.js';
import { toStoredReport, withArticle, type ArticleReports, type IncidentEntries, type StoredIncidents } from './stored-report.js';

export { groupIncidents, MAX_REGROUP_SHARE, regroupIncidents } from './incident-regroup.js';
export type { ArticleReports, IncidentEntries, IncidentGroup, ReportRef, StoredIncidents, StoredReport } from './stored-report.js';

export interface ReportsUpdate {
  /** The reports and incidents to write: a kept article's and a kept incident's as the lines they were read from. */
  incidents: IncidentEntries;
  /** Articles read for reports by this build (the others' were kept). */
  extracted: number;
  /** Seconds spent grouping reports into incidents (all of them, or only the affected ones). */
  groupSeconds: number;
  /** Reports grouped again by this build: every report, or only those an added or removed article's reports can touch. */
  regrouped: number;
}

/**
 * The reports of `articles`: those of an article the previous generation held, read with the same
 * rules, are kept (as the line they were read from, unparsed); the others' are read now. Removed
 * articles' reports drop out with them. The gazetteer is loaded only when a town is to be looked up,
 * and (by default) read afresh and dropped after, so that the rest of the build has its memory. The
 * reports are then grouped into incidents (`regroupIncidents`): only the previous incidents an added
 * or removed article can touch are grouped again (and their articles' reports parsed), the others
 * are kept. `reportFilter`: the learned report filter applied after the rules (INCIDENT_REPORT_MODEL);
 * `sentenceModel`: the learned sentence model deciding in place of the rules' gates
 * (INCIDENT_SENTENCE_MODEL); the ids of both are part of the version the reports are kept with.
 */
export function updateIncidents(
  articles: Article[],
  previous: { articleIds: ReadonlySet<string>; incidents: IncidentEntries } | null,
  gazetteer: () => Gazetteer = readGazetteer,
  reportFilter: ReportFilter | null = null,
  sentenceModel: SentenceModel | null = null,
): ReportsUpdate {
  const version = extractorVersion({ reportFilter, sentenceModel });
  const reuse = previous !== null && previous.incidents.extractor === version ? previous : null;
  // Loaded on the first town looked up (countries come from the runtime): an added article that names
  // no candidate town costs no gazetteer load.
  let loaded: Gazetteer | undefined;
  const lazy: Gazetteer = { town: (name) => (loaded ??= gazetteer()).town(name), country: countryCode };
  const byArticle = new Map<string, ArticleReports>();
  // The reports read now, whole, for the grouping: putting them together again from the stored ones would cost as much as grouping them.
  const read = new Map<string, IncidentReport[]>();
  let extracted = 0;
  for (const article of articles) {
    if (reuse?.articleIds.has(article.id)) {
      const held = reuse.incidents.articles.get(article.id);
      if (held) byArticle.set(article.id, held);
      continue;
    }
    extracted++;
    const reports = extractReports(article, { gazetteer: lazy, reportFilter, sentenceModel });
    if (reports.length > 0) {
      byArticle.set(article.id, { count: reports.length, reports: reports.map((r) => toStoredReport(r, article.text)) });
      read.set(article.id, reports);
    }
  }
  const grouping = performance.now();
  const { groups, regrouped } = regroupIncidents(articles, byArticle, reuse && { articleIds: reuse.articleIds, groups: reuse.incidents.groups }, read);
  return { incidents: { extractor: version, articles: byArticle, groups }, extracted, groupSeconds: (performance.now() - grouping) / 1000, regrouped };
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

/** How many reports a build's entries hold. */
export function reportCount(incidents: IncidentEntries): number {
  let n = 0;
  for (const a of incidents.articles.values()) n += a.count;
  return n;
}
