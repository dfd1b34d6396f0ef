/**
 * What a build whose change the graph's log takes writes of the article and passage lists
 * (layout 13): the change since the previous generation as one record segment, or, when the log
 * folds, the change since the base (record-log.ts). Pure.
 */
import type { Article } from '../corpus/types.js';
import { changeFromOrigins, isUnchanged, type RecordChange } from './record-log.js';
import { recordLine } from './record-lines.js';
import { basePositions, type StoredRecordLog } from './stored-records.js';

/** Each new record's position in the previous generation's list (-1: a record of this build's). */
export interface RecordOrigins {
  articles: Int32Array;
  passages: Int32Array;
}

/**
 * Where each article stands in the previous generation's list: an article kept is the object read
 * from it, or one read again (its file changed) whose line comes out as the stored line of the
 * article with its id (`storedLine`), so that a file parsed again puts only its changed articles in
 * the segment.
 */
export function articleOrigins(previous: readonly Article[], articles: readonly Article[], storedLine: (previous: Article) => Buffer | undefined): Int32Array {
  const position = new Map<Article, number>();
  const byId = new Map<string, number>();
  previous.forEach((a, i) => {
    position.set(a, i);
    byId.set(a.id, i);
  });
  const sameLine = (a: Article, at: number | undefined) => at !== undefined && storedLine(previous[at]!)?.equals(recordLine(a, () => undefined)) === true;
  return Int32Array.from(articles, (a) => {
    const at = position.get(a);
    if (at !== undefined) return at;
    const sameId = byId.get(a.id);
    return sameLine(a, sameId) ? sameId! : -1;
  });
}

/** The change since the previous generation's lists (`previous`: their lengths); null when kept records moved (the lists are written whole). */
export function recordChangeSince(origins: RecordOrigins, previous: { articles: number; passages: number }): RecordChange | null {
  const articles = changeFromOrigins(origins.articles, previous.articles);
  const passages = changeFromOrigins(origins.passages, previous.passages);
  return articles && passages && { articles, passages };
}

/** Whether a change leaves both lists as they were. */
export function recordsUnchanged(change: RecordChange): boolean {
  return isUnchanged(change.articles) && isUnchanged(change.passages);
}

/**
 * The change since the base, for a fold of the log into one segment: a record kept from the base
 * keeps its place there, every other (this build's, or one an earlier segment added) is added.
 */
export function recordChangeSinceBase(origins: RecordOrigins, log: StoredRecordLog, previous: { articles: number; passages: number }): RecordChange {
  const first = log.segments[0]?.change;
  // No segment yet: the base is the previous generation's lists.
  const base = { articles: first?.articles.from ?? previous.articles, passages: first?.passages.from ?? previous.passages };
  const inBase = (origin: Int32Array, part: 'articles' | 'passages') => {
    const baseOf = basePositions(log.segments, part, previous[part]);
    return origin.map((o) => (o < 0 ? -1 : baseOf[o]!));
  };
  const change = recordChangeSince({ articles: inBase(origins.articles, 'articles'), passages: inBase(origins.passages, 'passages') }, base);
  // The base keeps its order through every segment: a change whose kept records kept theirs keeps it too.
  if (change === null) throw new Error('the records kept from the base are out of its order');
  return change;
}
