/**
 * The article and passage records as both reads take them from a generation's files (layout 13):
 * the base (`articles.jsonl`, `passages.jsonl`) parsed, then each record segment beside the graph's
 * log applied in its order (record-log.ts), every segment checked against the lists it follows, so
 * that the lists are those a whole build gives. The read at once runs these steps whole, the read
 * in steps between turns of the event loop; the order and the errors are the same.
 */
import path from 'node:path';
import type { Article, Passage } from '../corpus/types.js';
import { damaged, recordsOf } from './index-checks.js';
import { INDEX_FILES, type Manifest } from './manifest.js';
import { RecordLogError, applyChange, changeProblem, decodeRecordSegment, recordLogName, type RecordSegment } from './record-log.js';
import { lineViews } from './record-lines.js';
import { passageLines } from './passage-lines.js';

/** The record segments of a generation. */
export interface StoredRecordLog {
  /** Each segment's change and the lines it adds, in the log's order. */
  segments: RecordSegment[];
}

export interface StoredRecords {
  articles: Article[];
  /** The passages as stored: each names its article by id (index-checks.ts links them). */
  passages: Passage[];
  log: StoredRecordLog;
}

/** The records of the generation in `location`, from its checked files' bytes (`bytesOf` gives a file's, by name). */
export function* storedRecords(location: string, manifest: Manifest, bytesOf: (name: string) => Buffer): Generator<void, StoredRecords> {
  const at = (name: string) => path.join(location, name);
  let passages = yield* recordsOf(bytesOf(INDEX_FILES.passages), at(INDEX_FILES.passages), passageLines);
  let articles = yield* recordsOf<Article>(bytesOf(INDEX_FILES.articles), at(INDEX_FILES.articles));
  const segments: RecordSegment[] = [];
  let last = at(INDEX_FILES.passages);
  // The articles' ids, made at the first segment and kept as each changes them.
  let ids: Set<string> | undefined;
  for (const logName of manifest.vectorLog) {
    const file = at(recordLogName(logName));
    const segment = decoded(file, bytesOf(recordLogName(logName)));
    const { change } = segment;
    const problem = changeProblem(change.articles, articles.length, 'articles') ?? changeProblem(change.passages, passages.length, 'passages');
    if (problem !== null) throw damaged(file, problem);
    const added = {
      articles: yield* recordsOf<Article>(Buffer.concat(segment.articleLines), file),
      passages: yield* recordsOf(Buffer.concat(segment.passageLines), file, passageLines),
    };
    ids ??= new Set(articles.map((a) => a.id));
    for (const at of change.articles.removed) ids.delete(articles[at]!.id);
    for (const a of added.articles) ids.add(a.id);
    // A passage the segment adds names an article of the lists it leaves (told of this file, not of the lists at the end).
    const stray = added.passages.findIndex((p) => !ids!.has(p.articleId));
    if (stray !== -1) throw damaged(file, `its passage line ${stray + 1} names article ${String(added.passages[stray]!.articleId)}, which the articles do not hold`);
    articles = applyChange(articles, change.articles, added.articles);
    yield;
    passages = applyChange(passages, change.passages, added.passages);
    segments.push(segment);
    last = file;
    yield;
  }
  // What the segments leave is what the manifest counts (a segment forged whole, its checksum with it, does not pass).
  const { counts } = manifest;
  if (articles.length !== counts.articles || passages.length !== counts.passages) {
    throw damaged(last, `it leaves ${articles.length} articles and ${passages.length} passages, the manifest counts ${counts.articles} and ${counts.passages}`);
  }
  return { articles, passages, log: { segments } };
}

/** Each record's line, by position, as the lists were put together (views into the files' bytes): the lines a build carries over. */
export function storedLines(base: Buffer, segments: readonly RecordSegment[], part: 'articles' | 'passages'): Buffer[] {
  let lines = lineViews(base);
  for (const segment of segments) lines = applyChange(lines, segment.change[part], part === 'articles' ? segment.articleLines : segment.passageLines);
  return lines;
}

/**
 * The base position of each record of a list now (-1: added by a segment), for a fold's change from
 * the base; `length` is the list's length when there is no segment.
 */
export function basePositions(segments: readonly RecordSegment[], part: 'articles' | 'passages', length: number): Int32Array {
  const changes = segments.map((s) => s.change[part]);
  let positions: ArrayLike<number> = Int32Array.from({ length: changes[0]?.from ?? length }, (_, i) => i);
  for (const change of changes) positions = applyChange(positions, change, change.added.map(() => -1));
  return Int32Array.from(positions);
}

function decoded(file: string, bytes: Buffer): RecordSegment {
  try {
    return decodeRecordSegment(bytes);
  } catch (err) {
    if (err instanceof RecordLogError) throw damaged(file, err.message);
    throw err;
  }
}
