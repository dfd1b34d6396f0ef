/**
 * A report as the index stores it: without its article's citation fields (file, line, title, source,
 * url, date), which the article list already holds and which follow the article if it moves file, and
 * without the words of its fields, which are cut again from the stored article text by their offsets.
 */
import type { Article } from '../corpus/types.js';
import type { EventDay, Field, IncidentKind, IncidentReport, PlaceField } from '../incidents/index.js';

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

/**
 * An article's reports as a build holds them: `reports`, or (an article kept from the previous
 * generation) their `count` and the `line` they were read from, its reports parsed from it only when
 * an incident they belong to is grouped again (`reportsOf`, incident-lines.ts).
 */
export interface ArticleReports {
  count: number;
  /** The line of `incidents.jsonl` the reports were read from, written again as it was. */
  line?: Uint8Array;
  reports?: StoredReport[];
}

/**
 * An incident as a build holds it: its reports, the distinct event days they tell (sorted; what the
 * next build needs to know whether an added report can touch it, without parsing the reports), and
 * the `line` it was read from when kept as it was.
 */
export interface IncidentGroup {
  refs: ReportRef[];
  days: string[];
  line?: Uint8Array;
}

/** What a build reads of the previous generation's `incidents.jsonl` and writes of its own: `StoredIncidents` with the lines kept as they were. */
export interface IncidentEntries {
  extractor: string;
  /** Article id → its reports, in the articles' order; an indexed article missing here has none. */
  articles: Map<string, ArticleReports>;
  /** Newest incident first, as `StoredIncidents.groups`. */
  groups: IncidentGroup[];
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
