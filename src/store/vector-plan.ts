/**
 * Whether a build logs its change to the passage graph or writes a new snapshot, and what the
 * new generation's log is: the previous segments linked and one new segment, or, past
 * MAX_LOG_SEGMENTS, all their records folded into one new segment (and their postings segments into
 * one, lexical-segments.ts).
 */
import type { Passage } from '../corpus/types.js';
import { foldSegments, type SlotPostings } from './lexical-segments.js';
import type { RecordChange } from './record-log.js';
import { recordsUnchanged } from './record-plan.js';
import type { LogPlan } from './stored-index.js';
import { MAX_LOG_SEGMENTS, nextLogName } from './vector-log.js';
import { changeRecords, type StoredVectorLog } from './vector-slots.js';
import type { SlotChange } from './vectors.js';

/** Whether a change adding `added` vectors stays within the log's bound (`maxLogged` 0: a snapshot at every build). */
export function logTakes(previous: StoredVectorLog, added: number, maxLogged: number): boolean {
  return maxLogged > 0 && previous.added + added <= maxLogged;
}

/**
 * The log plan for a change to the graph's slots, or null when the log would pass `maxLogged` added
 * vectors (a snapshot is written). `postings` are those of the slots the change adds; a fold folds
 * the previous postings segments (`previousPostings`, one per previous segment) with them. `lists`
 * is the change to the article and passage lists since the previous generation, and (`sinceBase`)
 * since the base, for a fold. A change to the records alone is a segment of its own (its graph
 * segment holds no record).
 */
export function logPlanFor(
  previous: StoredVectorLog,
  extension: Pick<SlotChange, 'deleted' | 'added'>,
  passages: readonly Passage[],
  rawVectors: readonly Float32Array[],
  maxLogged: number,
  lexical: { postings: SlotPostings; previousPostings: readonly SlotPostings[] },
  lists: { change: RecordChange; sinceBase: () => RecordChange },
): LogPlan | null {
  if (!logTakes(previous, extension.added.length, maxLogged)) return null;
  const records = changeRecords(extension, passages, rawVectors);
  const names = previous.segments.map((s) => s.name);
  if (records.length === 0 && recordsUnchanged(lists.change)) return { carried: names, segment: null };
  const name = nextLogName(names);
  const { postings } = lexical;
  if (previous.segments.length + 1 <= MAX_LOG_SEGMENTS) return { carried: names, segment: { name, records, postings, recordChange: lists.change } };
  const folded = foldSegments([...lexical.previousPostings, postings]);
  return { carried: [], segment: { name, records: [...previous.segments.flatMap((s) => s.records), ...records], postings: folded, recordChange: lists.sinceBase() } };
}
