/**
 * The article and passage records as a base plus log segments (layout 13): `articles.jsonl` and
 * `passages.jsonl` are the base, written whole with each snapshot of the passage graph, and each
 * segment `vectors.log.N` of the graph's log has a record segment `records.log.N` holding what that
 * build changed in both lists: the positions it removed, the positions its new records take, and
 * their lines. An add then writes its own article's lines (a few KB) instead of 40 MB of records
 * again; both reads apply the segments in order and get the lists a whole build gives. Pure.
 *
 * A segment's bytes: one line of JSON (its `RecordChange`), then the added articles' lines, then the
 * added passages' lines, each as `articles.jsonl` and `passages.jsonl` hold them (record-lines.ts).
 */
import { z } from 'zod';
import { lineViews } from './record-lines.js';
import { companionLogName } from './vector-log.js';

/**
 * How one list changed: `from` records before; the positions (ascending, in the list before) it
 * removes; the positions (ascending, in the list after) its new records take. The kept records keep
 * their order, so this is all it takes to make the list after from the list before.
 */
export interface ListChange {
  from: number;
  removed: number[];
  added: number[];
}

export interface RecordChange {
  articles: ListChange;
  passages: ListChange;
}

/** A decoded segment: its change and the lines of the records it adds (views into its bytes, newline included). */
export interface RecordSegment {
  change: RecordChange;
  articleLines: Buffer[];
  passageLines: Buffer[];
}

/** Why a record segment cannot be read. */
export class RecordLogError extends Error {}

/** The record segment that goes with a segment of the graph's log (`vectors.log.N` → `records.log.N`). */
export const recordLogName = (vectorLogName: string): string => companionLogName(vectorLogName, 'records');

/**
 * The change that makes a list whose record i was record `origins[i]` of a list of `from` records
 * (-1: a new record); null when the kept records are not in their old order (a segment cannot say
 * that: the build writes the lists whole).
 */
export function changeFromOrigins(origins: ArrayLike<number>, from: number): ListChange | null {
  const removed: number[] = [];
  const added: number[] = [];
  let next = 0;
  for (let i = 0; i < origins.length; i++) {
    const origin = origins[i]!;
    if (origin < 0) {
      added.push(i);
      continue;
    }
    if (origin < next || origin >= from) return null;
    while (next < origin) removed.push(next++);
    next = origin + 1;
  }
  while (next < from) removed.push(next++);
  return { from, removed, added };
}

/** Whether a change leaves the list as it was. */
export function isUnchanged(change: ListChange): boolean {
  return change.removed.length === 0 && change.added.length === 0;
}

/** The length of the list after `change`. */
export function lengthAfter(change: ListChange): number {
  return change.from - change.removed.length + change.added.length;
}

/** What is wrong with `change` as a change of a list of `length` records (null: nothing). */
export function changeProblem(change: ListChange, length: number, what: string): string | null {
  if (change.from !== length) return `it changes ${change.from} ${what}, the ${what} before it are ${length}`;
  const ascending = (positions: number[], end: number) => positions.every((p, i) => p < end && (i === 0 || p > positions[i - 1]!));
  if (change.removed.length > change.from || !ascending(change.removed, change.from)) return `the ${what} it removes are not positions of the list before it`;
  if (!ascending(change.added, lengthAfter(change))) return `the ${what} it adds are not positions of the list after it`;
  return null;
}

/** The list after a change (checked by `changeProblem`) of `items`, `added[j]` at position `change.added[j]`. */
export function applyChange<T>(items: ArrayLike<T>, change: ListChange, added: readonly T[]): T[] {
  const out = new Array<T>(lengthAfter(change));
  let [a, r, from] = [0, 0, 0];
  for (let i = 0; i < out.length; i++) {
    if (change.added[a] === i) {
      out[i] = added[a++]!;
      continue;
    }
    while (change.removed[r] === from) [r, from] = [r + 1, from + 1];
    out[i] = items[from++]!;
  }
  return out;
}

/** A segment's bytes: the change as one line of JSON, then the added articles' and passages' lines. */
export function encodeRecordSegment(segment: RecordSegment): Buffer {
  const { articles, passages } = segment.change;
  if (segment.articleLines.length !== articles.added.length || segment.passageLines.length !== passages.added.length) {
    throw new Error('a record segment needs one line for each record it adds');
  }
  return Buffer.concat([Buffer.from(`${JSON.stringify({ articles, passages })}\n`), ...segment.articleLines, ...segment.passageLines]);
}

const positions = z.array(z.number().int().nonnegative());
/** A `ListChange` as a segment's head line holds it. */
export const listChangeSchema = z.object({ from: z.number().int().nonnegative(), removed: positions, added: positions }).strict();
const header = z.object({ articles: listChangeSchema, passages: listChangeSchema }).strict();

/** A segment from its bytes, its change's form and its line count checked (throws RecordLogError saying what is wrong). */
export function decodeRecordSegment(bytes: Buffer): RecordSegment {
  const end = bytes.indexOf(0x0a);
  if (end === -1) throw new RecordLogError('its first line (the change) does not end');
  let raw: unknown;
  try {
    raw = JSON.parse(bytes.toString('utf8', 0, end));
  } catch {
    throw new RecordLogError('its first line (the change) is not valid JSON');
  }
  const parsed = header.safeParse(raw);
  if (!parsed.success) throw new RecordLogError(`its first line is not a record change (${parsed.error.issues[0]?.message})`);
  const change = parsed.data;
  const lines = lineViews(bytes.subarray(end + 1));
  const expected = change.articles.added.length + change.passages.added.length;
  if (lines.length !== expected) throw new RecordLogError(`it holds ${lines.length} record lines, its change adds ${expected}`);
  if (lines.length > 0 && lines.at(-1)!.at(-1) !== 0x0a) throw new RecordLogError('its last line is cut short');
  const split = change.articles.added.length;
  return { change, articleLines: lines.slice(0, split), passageLines: lines.slice(split) };
}
