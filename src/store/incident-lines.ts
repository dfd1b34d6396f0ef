/**
 * The stored incidents' file, `incidents.jsonl` (what it holds is in incident-reports.ts): written
 * whole, read whole by a build or a few lines at a time by a server.
 */
import type { ReportRef, StoredIncidents, StoredReport } from './stored-report.js';
import { runInSteps, runWhole } from './steps.js';

/**
 * `incidents.jsonl`: a head line `{"extractor", "articles", "groups"}`, then one line per article
 * with reports (`[id, reports]`), then one per incident (its refs). Lines, so that a server can parse
 * them a few at a time.
 */
export function serializeIncidents(incidents: StoredIncidents): string {
  return serializeIncidentLines(incidents, () => undefined).toString('utf8');
}

/**
 * `serializeIncidents`'s bytes, an article's line taken from `carried` when it gives the line its
 * reports were read from (a build keeps most articles' reports, and writes their lines as they were).
 */
export function serializeIncidentLines(incidents: StoredIncidents, carried: (reports: StoredReport[]) => Buffer | undefined): Buffer {
  const entries = Object.entries(incidents.byArticle);
  const head = { extractor: incidents.extractor, articles: entries.length, groups: incidents.groups.length };
  const line = (value: unknown) => Buffer.from(`${JSON.stringify(value)}\n`);
  return Buffer.concat([line(head), ...entries.map((e) => carried(e[1]) ?? line(e)), ...incidents.groups.map(line)]);
}

/**
 * The line each article's reports were read from (newline included, a view into `bytes`), by the
 * reports' array in `incidents`, which `parseIncidents` read from `bytes`. A line that does not start
 * with its article's id, as `serializeIncidentLines` writes it, is left out (it is then written anew).
 */
export function reportLines(bytes: Buffer, incidents: StoredIncidents): WeakMap<StoredReport[], Buffer> {
  const lines = new WeakMap<StoredReport[], Buffer>();
  let at = bytes.indexOf(0x0a) + 1;
  for (const [id, reports] of Object.entries(incidents.byArticle)) {
    const newline = bytes.indexOf(0x0a, at);
    if (at === 0 || newline === -1) break;
    const line = bytes.subarray(at, newline + 1);
    const start = `[${JSON.stringify(id)},`;
    if (line.toString('utf8', 0, Buffer.byteLength(start)) === start) lines.set(reports, line);
    at = newline + 1;
  }
  return lines;
}

/** Why stored incident lines cannot be read. */
export class IncidentLinesError extends Error {}

/** Reads `serializeIncidents`'s lines all at once (the build's reading of the previous generation). */
export function parseIncidents(bytes: Buffer): StoredIncidents {
  return runWhole(incidentLines(bytes));
}

/**
 * Reads `serializeIncidents`'s lines a few at a time: after `budgetMs` of parsing, awaits `step`
 * (a server's turn of its event loop) before going on, so that no one piece holds the loop long.
 */
export function parseIncidentsInSteps(bytes: Buffer, step: () => Promise<void>, budgetMs = 4): Promise<StoredIncidents> {
  return runInSteps(incidentLines(bytes), step, budgetMs);
}

/** Parses the lines one by one, yielding after each; each line is decoded on its own, not the whole file at once. */
function* incidentLines(bytes: Buffer): Generator<void, StoredIncidents> {
  let at = 0;
  const nextLine = (): string | null => {
    if (at >= bytes.length) return null;
    const newline = bytes.indexOf(0x0a, at);
    const end = newline === -1 ? bytes.length : newline;
    const line = bytes.toString('utf8', at, end);
    at = end + 1;
    return line;
  };
  const parse = (line: string | null, what: string): unknown => {
    if (line === null) throw new IncidentLinesError(`it ends before ${what}`);
    try {
      return JSON.parse(line);
    } catch {
      throw new IncidentLinesError(`${what} is not valid JSON`);
    }
  };
  const head = parse(nextLine(), 'the head line') as { extractor?: unknown; articles?: unknown; groups?: unknown } | null;
  if (!head || typeof head.extractor !== 'string' || !Number.isInteger(head.articles) || !Number.isInteger(head.groups)) {
    throw new IncidentLinesError('its head line does not give extractor, articles and groups');
  }
  const articles = head.articles as number;
  const byArticle: Record<string, StoredReport[]> = {};
  const groups: ReportRef[][] = [];
  for (let n = 0; n < articles + (head.groups as number); n++) {
    const what = `line ${n + 2}`;
    const value = parse(nextLine(), what);
    if (n < articles) {
      if (!Array.isArray(value) || typeof value[0] !== 'string' || !Array.isArray(value[1])) throw new IncidentLinesError(`${what} is not an article's reports`);
      byArticle[value[0]] = value[1] as StoredReport[];
    } else {
      if (!Array.isArray(value) || !value.every((r) => Array.isArray(r) && typeof r[0] === 'string' && Number.isInteger(r[1]))) throw new IncidentLinesError(`${what} is not an incident's reports`);
      groups.push(value as ReportRef[]);
    }
    yield;
  }
  if (nextLine() !== null) throw new IncidentLinesError('it holds more lines than its head line says');
  return { extractor: head.extractor, byArticle, groups };
}
