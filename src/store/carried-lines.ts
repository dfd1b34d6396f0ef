/**
 * The stored line of each record a build read from the previous generation, so that a build writing
 * a list whole writes the lines of kept records again as they were instead of serialising 100,000
 * records of which one changed. Each list's lines are found only when first asked for: a build whose
 * change the log takes writes only the lines of its new records and never needs them. (A passage
 * read from its line keeps the line itself: `storedLineOf`, passage-lines.ts.)
 */
import type { Article } from '../corpus/types.js';
import type { IncidentEntries } from './incident-reports.js';
import { incidentEntriesOf, type IncidentSource } from './lazy-incidents.js';
import type { RecordSegment } from './record-log.js';
import { storedLines } from './stored-records.js';

/** A record's stored line, by the record object read from it (identity: only a record taken over unchanged finds its line). */
export interface LineOf<T> {
  get(record: T): Buffer | undefined;
}

export interface CarriedLines {
  articles: LineOf<Article>;
  /** The stored incidents' lines (incident-log.ts) as the next build reads them: each article's line with its report count, its reports unparsed, and each incident's line. */
  incidents: IncidentEntries;
}

/** What the lines are found from: the lists as read, and the bytes of the files they were read from. */
export interface LineSources {
  articles: readonly Article[];
  segments: readonly RecordSegment[];
  bytes: { articles: Buffer };
  incidents: IncidentSource;
}

/** Each list's lines by record, each list's made on its first look-up, and the incident entries made on first use (no report parsed). */
export function carriedLines(from: LineSources): CarriedLines {
  const lazily = <T extends object>(make: () => WeakMap<T, Buffer>): LineOf<T> => {
    let made: WeakMap<T, Buffer> | undefined;
    return { get: (record) => (made ??= make()).get(record) };
  };
  const byRecord = <T extends object>(records: readonly T[], lines: readonly Buffer[]): WeakMap<T, Buffer> => {
    const map = new WeakMap<T, Buffer>();
    lines.forEach((line, i) => records[i] && map.set(records[i], line));
    return map;
  };
  let incidents: IncidentEntries | undefined;
  return {
    articles: lazily(() => byRecord(from.articles, storedLines(from.bytes.articles, from.segments, 'articles'))),
    get incidents() {
      return (incidents ??= incidentEntriesOf(from.incidents));
    },
  };
}
