/**
 * The incidents (the reports grouped, `[days, refs]` a line) as a base plus log segments (layout
 * 15). `incident-groups.jsonl` is the base: the head line `{"extractor", "articles", "groups"}`, then
 * one line per incident, newest first, written with each snapshot of the passage graph. An add
 * regroups only the incidents its articles can touch (incident-regroup.ts) and keeps the others in
 * their order, so each segment `vectors.log.N` of the graph's log has a group segment
 * `groups.log.N` holding what that build changed: the head line after it, the positions of the
 * incidents it removes and of those it adds (record-log.ts's `ListChange`), then the added lines.
 * Before it, every build wrote the whole file (2.2 MB at 100k passages, some 22 MB at a million).
 *
 * A segment's bytes: one line of JSON `{"head", "from", "removed", "added"}`, then the added lines. Pure.
 */
import { z } from 'zod';
import { IncidentLogError, checkAddedLine, headOf, type IncidentFile } from './incident-log.js';
import type { IncidentEntries, IncidentGroup } from './incident-reports.js';
import { applyChange, changeFromOrigins, changeProblem, listChangeSchema, type ListChange } from './record-log.js';
import { lineViews } from './record-lines.js';
import { companionLogName } from './vector-log.js';

/** The group segment that goes with a segment of the graph's log (`vectors.log.N` → `groups.log.N`). */
export const groupLogName = (vectorLogName: string): string => companionLogName(vectorLogName, 'groups');

const groupsHeadSchema = z.object({ extractor: z.string(), articles: z.number().int().nonnegative(), groups: z.number().int().nonnegative() }).strict();
const segmentHeadSchema = listChangeSchema.extend({ head: groupsHeadSchema }).strict();

/** The groups' head line: the rules the reports were read with, and how many article and incident lines follow. */
export type GroupsHead = z.infer<typeof groupsHeadSchema>;

/** What a build changed in the incident lines, the head line after it, and the lines it adds (each ending in a newline). */
export interface GroupChange {
  head: GroupsHead;
  change: ListChange;
  added: Buffer[];
}

/** The head line's bytes, its keys in the order a whole build writes them. */
export const encodeGroupsHead = (head: GroupsHead): Buffer =>
  Buffer.from(`${JSON.stringify({ extractor: head.extractor, articles: head.articles, groups: head.groups })}\n`);

export const groupsHeadOf = (entries: IncidentEntries): GroupsHead => ({ extractor: entries.extractor, articles: entries.articles.size, groups: entries.groups.length });

/** Each incident's line of `entries`, in their order (a kept one as it was read). */
export function groupLinesOf(entries: IncidentEntries): Buffer[] {
  return entries.groups.map(groupLineOf);
}

/** An incident's line: a kept one as it was read, else its days and refs serialised. */
export function groupLineOf(g: IncidentGroup): Buffer {
  return g.line ? Buffer.from(g.line.buffer, g.line.byteOffset, g.line.byteLength) : Buffer.from(`${JSON.stringify([g.days, g.refs])}\n`);
}

/** The base's bytes: what a whole build writes as `incident-groups.jsonl`. */
export const encodeGroupBase = (entries: IncidentEntries): Buffer => Buffer.concat([encodeGroupsHead(groupsHeadOf(entries)), ...groupLinesOf(entries)]);

/** A segment's bytes. */
export function encodeGroupSegment(change: GroupChange): Buffer {
  if (change.added.length !== change.change.added.length) throw new Error('a group segment needs one line for each incident it adds');
  return Buffer.concat([Buffer.from(`${JSON.stringify({ head: change.head, ...change.change })}\n`), ...change.added]);
}

/** A group segment that changes no incident line (written over a base written whole), with the head `entries` give. */
export const noGroupChange = (entries: IncidentEntries): GroupChange => ({ head: groupsHeadOf(entries), change: { from: entries.groups.length, removed: [], added: [] }, added: [] });

/** A segment's change, its head's form and its line count checked. */
export function decodeGroupSegment(segment: IncidentFile): GroupChange {
  const { head: value, rest } = headOf(segment.bytes, segment.name, segmentHeadSchema, 'the head and the incidents it removes and adds');
  const { head, ...change } = value;
  const added = lineViews(rest);
  if (added.length !== change.added.length) throw new IncidentLogError(segment.name, `it holds ${added.length} incident lines, its head line adds ${change.added.length}`);
  if (added.length > 0 && added.at(-1)!.at(-1) !== 0x0a) throw new IncidentLogError(segment.name, 'its last line is cut short');
  return { head, change, added };
}

/** A line an incident's: `[days, refs]`, days strings and refs `[article id, report]` pairs. */
function isGroupLine(value: unknown): boolean {
  if (!Array.isArray(value) || value.length !== 2) return false;
  const [days, refs] = value as unknown[];
  return (
    Array.isArray(days) &&
    days.every((d) => typeof d === 'string') &&
    Array.isArray(refs) &&
    refs.every((r) => Array.isArray(r) && r.length === 2 && typeof r[0] === 'string' && Number.isInteger(r[1]))
  );
}

/** The incident lines as the base and segments put them together, the head line they end with, and the file that gave it. */
export interface StoredGroups {
  head: GroupsHead;
  headLine: Buffer;
  lines: Buffer[];
  file: string;
}

/**
 * The head (the last segment's, else the base's) and the incident lines the base and segments put
 * together, in order. Each segment is checked against the lines before it, and each line it adds is
 * parsed (a few, where the base holds thousands: the base's are checked when answering parses them).
 */
export function storedGroupLines(base: IncidentFile, segments: readonly IncidentFile[]): StoredGroups {
  const { head: baseHead, rest } = headOf(base.bytes, base.name, groupsHeadSchema, 'extractor, articles and groups');
  let [head, file] = [baseHead, base.name];
  let lines = lineViews(rest);
  if (lines.length !== head.groups) throw new IncidentLogError(base.name, `it holds ${lines.length} incident lines, its head line counts ${head.groups}`);
  for (const segment of segments) {
    const decoded = decodeGroupSegment(segment);
    const problem = changeProblem(decoded.change, lines.length, 'incidents');
    if (problem !== null) throw new IncidentLogError(segment.name, problem);
    decoded.added.forEach((line, i) => checkAddedLine(line, segment.name, i, isGroupLine, "an incident's"));
    lines = applyChange(lines, decoded.change, decoded.added);
    [head, file] = [decoded.head, segment.name];
    if (lines.length !== head.groups) throw new IncidentLogError(segment.name, `it leaves ${lines.length} incident lines, its head line counts ${head.groups}`);
  }
  const headLine = segments.length === 0 ? base.bytes.subarray(0, base.bytes.length - rest.length) : encodeGroupsHead(head);
  return { head, headLine, lines, file };
}

/**
 * What `entries` change in the incident lines `before` (put together from the base and the segments
 * a new one follows): an incident whose line is not among them is added at its place, a line no
 * incident keeps is removed. Null when the kept lines are out of their order before (a segment
 * cannot say that: the base is written whole).
 */
export function groupChangeSince(before: readonly Buffer[], entries: IncidentEntries): GroupChange | null {
  // A line is its incident's whole content (its days and report refs, and no two incidents share a report), so it is its key.
  const at = new Map<string, number>();
  before.forEach((line, i) => at.set(line.toString('latin1'), i));
  const lines = groupLinesOf(entries);
  const change = changeFromOrigins(lines.map((line) => at.get(line.toString('latin1')) ?? -1), before.length);
  return change && { head: groupsHeadOf(entries), change, added: change.added.map((i) => lines[i]!) };
}
