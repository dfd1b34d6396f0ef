/**
 * The stored incidents as a base plus log segments (layout 14). `incidents.jsonl` is the base of
 * the article lines (`[id, count, reports]`, ~95% of the incidents' bytes), written with each
 * snapshot of the passage graph; each segment `vectors.log.N` of the graph's log has an incident
 * segment `incidents.log.N` holding what that build changed in them: the positions of the lines it
 * removes and of those it adds (as `records.log.N` does, record-log.ts), then the lines it adds.
 * The incident lines (`[days, refs]`) are a base and segments of their own (incident-group-log.ts,
 * layout 15), with the head line `{"extractor", "articles", "groups"}`. Put together (head, article
 * lines, incident lines) they are the lines layout 13's `incidents.jsonl` held, which every read of
 * them parses (incident-lines.ts).
 *
 * A segment's bytes: one line of JSON `{"from", "removed", "added"}` (a `ListChange`), then the
 * added lines. Pure.
 */
import { z } from 'zod';
import { articleIdOfLine, isArticleLine } from './incident-lines.js';
import type { StoredGroups } from './incident-group-log.js';
import type { ArticleReports, IncidentEntries } from './incident-reports.js';
import { applyChange, changeFromOrigins, changeProblem, listChangeSchema, type ListChange } from './record-log.js';
import { lineViews } from './record-lines.js';
import { companionLogName } from './vector-log.js';

/** Why the stored incidents cannot be put together: `file` is the one at fault. */
export class IncidentLogError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(message);
  }
}

/** The incident segment that goes with a segment of the graph's log (`vectors.log.N` → `incidents.log.N`). */
export const incidentLogName = (vectorLogName: string): string => companionLogName(vectorLogName, 'incidents');

/** What a build changed in the article lines: which it removed and where its added lines stand (record-log.ts's `ListChange`), and those lines (each ending in a newline). */
export interface IncidentChange {
  change: ListChange;
  added: Buffer[];
}

/** The base's bytes: a head line `{"articles": n}`, then the n article lines. */
export function encodeIncidentBase(lines: readonly Buffer[]): Buffer {
  return Buffer.concat([Buffer.from(`${JSON.stringify({ articles: lines.length })}\n`), ...lines]);
}

/** A segment's bytes. */
export function encodeIncidentSegment(change: IncidentChange): Buffer {
  if (change.added.length !== change.change.added.length) throw new Error('an incident segment needs one line for each article it adds');
  return Buffer.concat([Buffer.from(`${JSON.stringify(change.change)}\n`), ...change.added]);
}

/** Each article's line of `entries`, in their order (a kept one as it was read). */
export function articleLinesOf(entries: IncidentEntries): Buffer[] {
  return [...entries.articles].map(([id, a]) => articleLineOf(id, a));
}

/** Article `id`'s line: a kept one as it was read, else its reports serialised. */
export function articleLineOf(id: string, a: ArticleReports): Buffer {
  return a.line ? Buffer.from(a.line.buffer, a.line.byteOffset, a.line.byteLength) : Buffer.from(`${JSON.stringify([id, a.count, a.reports])}\n`);
}

const baseHead = z.object({ articles: z.number().int().nonnegative() });

/** A file's head line, parsed and checked against `schema`, and the bytes after it. */
export function headOf<T>(bytes: Buffer, file: string, schema: z.ZodType<T>, what: string): { head: T; rest: Buffer } {
  const end = bytes.indexOf(0x0a);
  if (end === -1) throw new IncidentLogError(file, 'its head line does not end');
  let raw: unknown;
  try {
    raw = JSON.parse(bytes.toString('utf8', 0, end));
  } catch {
    throw new IncidentLogError(file, 'its head line is not valid JSON');
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new IncidentLogError(file, `its head line does not give ${what}`);
  return { head: parsed.data, rest: bytes.subarray(end + 1) };
}

/** A stored file of the incidents, by name and bytes. */
export interface IncidentFile {
  name: string;
  bytes: Buffer;
}

/**
 * The article lines the base and segments put together, in order: each segment removes lines and
 * puts its own at their places, the kept ones keeping their order, as a whole build orders them.
 * Each segment is checked against the lines before it, and each line it adds is parsed in full (a
 * few, where the base holds thousands: the base's are checked when answering parses them).
 */
export function storedArticleLines(base: IncidentFile, segments: readonly IncidentFile[]): Buffer[] {
  const { head, rest } = headOf(base.bytes, base.name, baseHead, 'the articles it holds');
  let lines = lineViews(rest);
  if (lines.length !== head.articles) throw new IncidentLogError(base.name, `it holds ${lines.length} article lines, its head line counts ${head.articles}`);
  for (const segment of segments) {
    const { change, added } = decodeIncidentSegment(segment);
    const problem = changeProblem(change, lines.length, "articles' reports");
    if (problem !== null) throw new IncidentLogError(segment.name, problem);
    added.forEach((line, i) => checkAddedLine(line, segment.name, i, isArticleLine, "an article's reports"));
    lines = applyChange(lines, change, added);
  }
  return lines;
}

/** A segment's change, its head's form and its line count checked. */
export function decodeIncidentSegment(segment: IncidentFile): IncidentChange {
  const { head, rest } = headOf(segment.bytes, segment.name, listChangeSchema, 'the articles it removes and adds');
  const added = lineViews(rest);
  if (added.length !== head.added.length) throw new IncidentLogError(segment.name, `it holds ${added.length} article lines, its head line adds ${head.added.length}`);
  if (added.length > 0 && added.at(-1)!.at(-1) !== 0x0a) throw new IncidentLogError(segment.name, 'its last line is cut short');
  return { change: head, added };
}

/** Added line i of segment `file` parsed and checked to be `what` (`is`), or refused naming the file and the line. */
export function checkAddedLine(line: Buffer, file: string, i: number, is: (value: unknown) => boolean, what: string): void {
  let value: unknown;
  try {
    value = JSON.parse(line.toString('utf8'));
  } catch {
    throw new IncidentLogError(file, `its line ${i + 2} is not valid JSON`);
  }
  if (!is(value)) throw new IncidentLogError(file, `its line ${i + 2} is not ${what}`);
}

/**
 * The lines a whole build's `incidents.jsonl` would hold (layout 13's), from the base and segments of
 * the article lines and the incident lines as their own base and segments put them together
 * (incident-group-log.ts): what both reads parse. The groups' head must count the articles the
 * segments leave.
 */
export function storedIncidentLines(base: IncidentFile, segments: readonly IncidentFile[], groups: StoredGroups): Buffer {
  return Buffer.concat(storedIncidentParts(base, segments, groups));
}

/** `storedIncidentLines`'s lines as views of the files' bytes, in order, not copied into one buffer. */
export function storedIncidentParts(base: IncidentFile, segments: readonly IncidentFile[], groups: StoredGroups): Buffer[] {
  const lines = storedArticleLines(base, segments);
  if (groups.head.articles !== lines.length) {
    throw new IncidentLogError(segments.at(-1)?.name ?? base.name, `it leaves ${lines.length} articles' reports, ${groups.file} counts ${groups.head.articles}`);
  }
  return [groups.headLine, ...lines, ...groups.lines];
}

/**
 * What `entries` change in the article lines `before` (put together from the base and the
 * segments a new one follows): an article whose line is gone or differs is removed, one whose line
 * is new or differs is added at its place. Null when the kept lines are out of their order before
 * (a segment cannot say that: the base is written whole).
 */
export function incidentChangeSince(before: readonly Buffer[], entries: IncidentEntries): IncidentChange | null {
  const at = new Map<string, number>();
  before.forEach((line, i) => at.set(articleIdOfLine(line)!, i));
  const lines = articleLinesOf(entries);
  const ids = [...entries.articles.keys()];
  const origins = ids.map((id, i) => {
    const was = at.get(id);
    return was !== undefined && (before[was] === lines[i] || before[was]!.equals(lines[i]!)) ? was : -1;
  });
  const change = changeFromOrigins(origins, before.length);
  return change && { change, added: change.added.map((i) => lines[i]!) };
}
