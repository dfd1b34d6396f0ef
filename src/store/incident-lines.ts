/**
 * The stored incidents' lines (what they hold is in incident-reports.ts; since layout 14 they are
 * put together from the article lines' base and segments and the groups file, incident-log.ts):
 * made from a build's entries, read whole by answering (at once, or a few lines at a time by a
 * server), or by the next build as entries that leave the reports unparsed (`readIncidentEntries`).
 */
import type { ArticleReports, IncidentEntries, IncidentGroup, ReportRef, StoredIncidents, StoredReport } from './stored-report.js';
import { runInSteps, runWhole } from './steps.js';

/**
 * `incidents.jsonl`: a head line `{"extractor", "articles", "groups"}`, then one line per article
 * with reports (`[id, count, reports]`), then one per incident (`[days, refs]`: the distinct event
 * days of its reports, then its reports). Lines, so that a server can parse them a few at a time;
 * the count and days ahead of what they sum up, so that a build can tell which incidents a change
 * touches without parsing the reports.
 */
export function serializeIncidents(incidents: StoredIncidents): string {
  return serializeIncidentLines(entriesOf(incidents)).toString('utf8');
}

/** `serializeIncidents`'s bytes from a build's entries, each kept article's or incident's line written as it was read. */
export function serializeIncidentLines(entries: IncidentEntries): Buffer {
  const head = { extractor: entries.extractor, articles: entries.articles.size, groups: entries.groups.length };
  const line = (value: unknown) => Buffer.from(`${JSON.stringify(value)}\n`);
  const articleLine = ([id, a]: [string, ArticleReports]) => a.line ?? line([id, a.count, a.reports]);
  return Buffer.concat([line(head), ...[...entries.articles].map(articleLine), ...entries.groups.map((g) => g.line ?? line([g.days, g.refs]))]);
}

/** Stored incidents as entries (each article's reports given, each incident's days worked out from them). */
export function entriesOf(incidents: StoredIncidents): IncidentEntries {
  const articles = new Map<string, ArticleReports>(Object.entries(incidents.byArticle).map(([id, reports]) => [id, { count: reports.length, reports }]));
  const groups = incidents.groups.map((refs) => ({ refs, days: eventDaysOf(refs, (id) => incidents.byArticle[id]) }));
  return { extractor: incidents.extractor, articles, groups };
}

/** The distinct event days (sorted) of the reports `refs` names. */
export function eventDaysOf(refs: readonly ReportRef[], reportsOfArticle: (id: string) => readonly StoredReport[] | undefined): string[] {
  const days = new Set<string>();
  for (const [id, i] of refs) {
    const day = reportsOfArticle(id)?.[i]?.eventDay?.day;
    if (day !== undefined) days.add(day);
  }
  return [...days].sort();
}

/** Why stored incident lines cannot be read. */
export class IncidentLinesError extends Error {}

/**
 * The reports of article `id` among a build's `articles` ([] when it has none), parsed from its line on first use
 * and kept: a build parses only the articles of the incidents it groups again.
 */
export function reportsOf(articles: ReadonlyMap<string, ArticleReports>, id: string): StoredReport[] {
  const entry = articles.get(id);
  if (!entry) return [];
  entry.reports ??= parsedReportsOf(id, entry);
  return entry.reports;
}

/** The reports of article `id`'s entry, parsed from its line each time (not kept), or the ones it holds. */
export function parsedReportsOf(id: string, entry: ArticleReports): StoredReport[] {
  if (entry.reports) return entry.reports;
  const what = `the line of article ${id}'s reports`;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(entry.line!.buffer, entry.line!.byteOffset, entry.line!.byteLength).toString('utf8'));
  } catch {
    throw new IncidentLinesError(`${what} is not valid JSON`);
  }
  if (!isArticleLine(value) || value[0] !== id || value[2].length !== entry.count) throw new IncidentLinesError(`${what} does not hold the ${entry.count} reports it counts`);
  return value[2];
}

/** Entries with every article's reports parsed: what answering reads. */
export function storedIncidentsOf(entries: IncidentEntries): StoredIncidents {
  const byArticle: Record<string, StoredReport[]> = {};
  for (const id of entries.articles.keys()) byArticle[id] = reportsOf(entries.articles, id);
  return { extractor: entries.extractor, byArticle, groups: entries.groups.map((g) => g.refs) };
}

/** Reads `serializeIncidents`'s lines all at once. */
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

/**
 * The build's reading of the previous generation's lines: each article's id and report count read
 * from the start of its line, its reports left unparsed (`reportsOf` parses them when they are
 * needed), and each incident's line parsed (its days and refs; a twentieth of the file). What is left
 * unparsed was vouched for by the file's checksum, and is checked when parsed (a kept line is
 * written again as it was, and parsed in full by every answering read).
 */
export function readIncidentEntries(bytes: Buffer): IncidentEntries {
  return readIncidentParts([bytes]);
}

/**
 * `readIncidentEntries` over the lines in parts, each of whole lines, in order: the stored base's
 * and segments' lines as views of the files read, instead of copied into one buffer first (330 MB at
 * a million passages, held through the build by the entries' views into it).
 */
export function readIncidentParts(parts: readonly Buffer[]): IncidentEntries {
  return runWhole(incidentEntryLines(parts));
}

/**
 * `readIncidentParts` a few lines at a time (a server's reading: `runInSteps`), each incident's
 * refs alone kept: answering never writes its line again nor needs its days.
 */
export function readIncidentPartsInSteps(parts: readonly Buffer[], step: () => Promise<void>, budgetMs = 4): Promise<IncidentEntries> {
  return runInSteps(incidentEntryLines(parts, false), step, budgetMs);
}

function* incidentEntryLines(parts: readonly Buffer[], forBuild = true): Generator<void, IncidentEntries> {
  const lines = new LineReader(parts);
  const head = parseHead(lines.next());
  const articles = new Map<string, ArticleReports>();
  for (let n = 0; n < head.articles; n++) {
    const end = lines.skip();
    if (end === null) throw new IncidentLinesError(`it ends before line ${n + 2}`);
    const start = articleLineStart(lines.bytes, lines.start, end);
    if (!start) throw new IncidentLinesError(`line ${n + 2} is not an article's reports`);
    // No build writes two lines for one article; the next build takes each entry's place among them for its line's place (incident-change.ts).
    if (articles.has(start.id)) throw new IncidentLinesError(`line ${n + 2} repeats the reports of article ${start.id}`);
    articles.set(start.id, { count: start.count, line: lineFrom(lines.bytes, lines.start, lines.at) });
    yield;
  }
  const groups: IncidentGroup[] = [];
  for (let n = 0; n < head.groups; n++) {
    const what = `line ${head.articles + n + 2}`;
    const value = parseLine(lines.next(), what);
    if (!isGroupLine(value)) throw new IncidentLinesError(`${what} is not an incident's reports`);
    groups.push(forBuild ? { days: value[0], refs: value[1], line: lineFrom(lines.bytes, lines.start, lines.at) } : { days: NO_DAYS, refs: value[1] });
    yield;
  }
  if (lines.next() !== null) throw new IncidentLinesError('it holds more lines than its head line says');
  return { extractor: head.extractor, articles, groups };
}

const NO_DAYS: string[] = [];

/** The line from `at` to `end` as a view into `bytes`, newline included (added, in a copy, to a last line without one: it may be written again before others). */
function lineFrom(bytes: Buffer, at: number, end: number): Buffer {
  const line = bytes.subarray(at, end);
  return line[line.length - 1] === 0x0a ? line : Buffer.concat([line, Buffer.from('\n')]);
}

/**
 * The lines of `parts` (each of whole lines) one by one, decoded each on its own (not the whole file
 * at once); after each, `bytes` is the part it is in, `start` where it begins and `at` where the
 * next begins.
 */
class LineReader {
  bytes: Buffer = Buffer.alloc(0);
  start = 0;
  at = 0;
  private part = -1;
  constructor(private readonly parts: readonly Buffer[]) {}
  next(): string | null {
    const end = this.skip();
    return end === null ? null : this.bytes.toString('utf8', this.start, end);
  }

  /** Passes over the next line undecoded: where it ends (its newline, or the end of its part), null when there is none. */
  skip(): number | null {
    while (this.at >= this.bytes.length) {
      if (++this.part >= this.parts.length) return null;
      [this.bytes, this.at] = [this.parts[this.part]!, 0];
    }
    this.start = this.at;
    const newline = this.bytes.indexOf(0x0a, this.at);
    const end = newline === -1 ? this.bytes.length : newline;
    // Put together in one buffer, a line without its newline would run on into the next part's: refused, as that reading would.
    if (newline === -1 && this.parts.slice(this.part + 1).some((p) => p.length > 0)) throw new IncidentLinesError(`a line ends without its newline before the lines after it`);
    this.at = end + 1;
    return end;
  }
}

function parseLine(line: string | null, what: string): unknown {
  if (line === null) throw new IncidentLinesError(`it ends before ${what}`);
  try {
    return JSON.parse(line);
  } catch {
    throw new IncidentLinesError(`${what} is not valid JSON`);
  }
}

function parseHead(line: string | null): { extractor: string; articles: number; groups: number } {
  const head = parseLine(line, 'the head line') as { extractor?: unknown; articles?: unknown; groups?: unknown } | null;
  if (!head || typeof head.extractor !== 'string' || !Number.isInteger(head.articles) || !Number.isInteger(head.groups)) {
    throw new IncidentLinesError('its head line does not give extractor, articles and groups');
  }
  return head as { extractor: string; articles: number; groups: number };
}

/** `[id, count, reports]` as `serializeIncidentLines` writes it: the id a string, the count the reports'. */
export function isArticleLine(value: unknown): value is [string, number, StoredReport[]] {
  return Array.isArray(value) && value.length === 3 && typeof value[0] === 'string' && Number.isInteger(value[1]) && Array.isArray(value[2]) && value[2].length === value[1];
}

function isGroupLine(value: unknown): value is [string[], ReportRef[]] {
  return (
    Array.isArray(value) &&
    value.length === 2 &&
    Array.isArray(value[0]) &&
    value[0].every((d) => typeof d === 'string') &&
    Array.isArray(value[1]) &&
    value[1].every((r) => Array.isArray(r) && typeof r[0] === 'string' && Number.isInteger(r[1]))
  );
}

/** Bytes of an article's line decoded to find its id and count: ids are far shorter (the whole line is decoded for one that is not). */
const LINE_START_BYTES = 256;

/**
 * The id and count at the start of the article's line from `at` to `end` in `bytes`
 * (`["id",count,[`), read without decoding the reports after them; the line must end as an
 * article's line does (`]]`). Null when it does not.
 */
function articleLineStart(bytes: Buffer, at: number, end: number): { id: string; count: number } | null {
  if (end - at < 2 || bytes[end - 1] !== 0x5d || bytes[end - 2] !== 0x5d) return null;
  const cut = Math.min(end, at + LINE_START_BYTES);
  const start = idAndCount(bytes.toString('utf8', at, cut));
  return start ?? (cut < end ? idAndCount(bytes.toString('utf8', at, end)) : null);
}

/** The id at the start of an article's line (its newline included or not), read as `readIncidentEntries` reads it; null when it is not an article's line. */
export function articleIdOfLine(line: Buffer): string | null {
  const end = line.at(-1) === 0x0a ? line.length - 1 : line.length;
  return articleLineStart(line, 0, end)?.id ?? null;
}

function idAndCount(text: string): { id: string; count: number } | null {
  if (!text.startsWith('["')) return null;
  let end = 2;
  // The id's closing quote: the first one not escaped (JSON escapes a quote in a string as \").
  while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
  const counted = /^,(0|[1-9]\d*),\[/.exec(text.slice(end + 1, end + 20));
  if (!counted) return null;
  let id: unknown;
  try {
    id = JSON.parse(text.slice(1, end + 1));
  } catch {
    return null;
  }
  return typeof id === 'string' ? { id, count: Number(counted[1]) } : null;
}

/** Parses the lines one by one, yielding after each. */
function* incidentLines(bytes: Buffer): Generator<void, StoredIncidents> {
  const lines = new LineReader([bytes]);
  const head = parseHead(lines.next());
  const byArticle: Record<string, StoredReport[]> = {};
  const groups: ReportRef[][] = [];
  for (let n = 0; n < head.articles + head.groups; n++) {
    const what = `line ${n + 2}`;
    const value = parseLine(lines.next(), what);
    if (n < head.articles) {
      if (!isArticleLine(value)) throw new IncidentLinesError(`${what} is not an article's reports`);
      byArticle[value[0]] = value[2];
    } else {
      if (!isGroupLine(value)) throw new IncidentLinesError(`${what} is not an incident's reports`);
      groups.push(value[1]);
    }
    yield;
  }
  if (lines.next() !== null) throw new IncidentLinesError('it holds more lines than its head line says');
  return { extractor: head.extractor, byArticle, groups };
}
