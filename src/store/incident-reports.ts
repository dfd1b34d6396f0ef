/**
 * Incident reports kept in the index: each article's reports, read once when the article enters the
 * index and kept while it stays (an article's id is a hash of its text, so its reports cannot go
 * stale). A report is stored without its article's citation fields (file, line, title, source, url,
 * date), which the article list already holds and which follow the article if it moves file; its
 * sentence is found again in the stored article text by its offsets.
 */
import type { Article } from '../corpus/types.js';
import { EXTRACTOR_VERSION, countryCode, extractReports, readGazetteer, type Gazetteer, type IncidentReport } from '../incidents/index.js';

type CitationFields = 'file' | 'line' | 'title' | 'source' | 'url' | 'published';

/** A report as stored: its article is named by `articleId`. */
export type StoredReport = Omit<IncidentReport, CitationFields>;

/** What `incidents.json` holds. */
export interface StoredIncidents {
  /** The extraction rules the reports were read with (`EXTRACTOR_VERSION`); other rules read them again. */
  extractor: string;
  /** Article id → its reports, in sentence order; an indexed article missing here has none. */
  byArticle: Record<string, StoredReport[]>;
}

export function toStoredReport(report: IncidentReport): StoredReport {
  const { file: _f, line: _l, title: _t, source: _s, url: _u, published: _p, ...rest } = report;
  return rest;
}

/** A stored report with its article's citation fields again. */
export function withArticle(stored: StoredReport, article: Article): IncidentReport {
  const report: IncidentReport = { ...stored, file: article.file, title: article.title };
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
}

/**
 * The reports of `articles`: those of an article the previous generation held, read with the same
 * rules, are kept; the others' are read now. Removed articles' reports drop out with them. The
 * gazetteer is loaded only when a town is to be looked up, and (by default) read afresh and dropped
 * after, so that the rest of the build has its memory.
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
    if (reports.length > 0) byArticle[article.id] = reports.map(toStoredReport);
  }
  return { incidents: { extractor: EXTRACTOR_VERSION, byArticle }, extracted };
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
