/** Writes one index generation's files, the manifest (with every file's checksum) last. */
import fs from 'node:fs';
import path from 'node:path';
import { MANIFEST, MANIFEST_CHECKSUM } from './index-checks.js';
import { entriesOf } from './incident-lines.js';
import { encodeGroupBase, encodeGroupSegment, groupChangeSince, groupLogName, noGroupChange, storedGroupLines, type GroupChange } from './incident-group-log.js';
import { keptGroupChange, keptIncidentChange } from './incident-change.js';
import { articleLinesOf, encodeIncidentBase, encodeIncidentSegment, incidentChangeSince, incidentLogName, storedArticleLines, type IncidentChange, type IncidentFile } from './incident-log.js';
import type { IncidentEntries } from './incident-reports.js';
import { fsyncFile, sha256, writeDurable } from './files.js';
import { encodeBase, encodeSegment, lexicalLogName } from './lexical-segments.js';
import { packedOf, type LexicalIndex } from './lexical.js';
import { INDEX_FILES, SCHEMA_VERSION, type Manifest } from './manifest.js';
import { storedLineOf } from './passage-lines.js';
import { recordLine, serializeRecordLines } from './record-lines.js';
import { encodeRecordSegment, isUnchanged, recordLogName, type ListChange } from './record-log.js';
import { encodeLogSegment } from './vector-log.js';
import { snapshotFiles } from './vector-slots.js';
import { labelMap, type VectorIndex } from './vectors.js';
import type { IndexContents, StoredPassage } from './stored-index.js';

/**
 * The passage graph's snapshot and the postings' base over its slots: written together by a whole
 * build or when the log passes its bound, else linked together.
 */
export const SNAPSHOT_FILES: readonly string[] = [INDEX_FILES.vectors, INDEX_FILES.slots, INDEX_FILES.rawVectors, INDEX_FILES.lexical];

/** The article and passage lists' base: written whole with a snapshot (the lines of kept records carried), else linked under the record segments. */
export const RECORD_BASE_FILES: readonly string[] = [INDEX_FILES.articles, INDEX_FILES.passages];

/**
 * Writes every file of a generation into `folder`, the manifest (with checksums) last. A record kept
 * from the previous generation is written as the line it was read from (`contents.lines`; a passage
 * carries its own, `storedLineOf`); a file
 * the previous generation holds byte for byte (`contents.carriedFiles`, or one whose bytes come out
 * the same) is hard-linked from it with its checksum, not written again: the previous generation's
 * files were checked against its manifest when the build read it, never change once published, and
 * a reader checks a linked file against the checksum as it checks any other. The passage graph is
 * written whole as a snapshot with the postings' base over its slots, or (`contents.logPlan`) the
 * snapshot, base and log are linked and only the change is written, as one new log segment, the
 * postings segment of the slots it adds and the record segment of what it changes in the article
 * and passage lists (their base, `articles.jsonl` and `passages.jsonl`, linked too), in the
 * incidents' article lines (`incidents.log.N`, their base `incidents.jsonl` linked) and in the
 * incident lines (`groups.log.N`, their base `incident-groups.jsonl` linked).
 */
/**
 * What a build writes: `vectors` and `lexical` are null when the change is logged (`logPlan`), the
 * graph never loaded and the postings never merged; `incidents` as read (every report parsed), or a
 * build's entries (kept lines written as they were).
 */
export type GenerationContents = Omit<IndexContents, 'vectors' | 'lexical' | 'incidents'> & {
  vectors: VectorIndex | null;
  lexical: LexicalIndex | null;
  incidents: IndexContents['incidents'] | IncidentEntries;
};

export function writeIndexFiles(folder: string, contents: GenerationContents): void {
  const { dim } = contents.manifest.embedder;
  const lines = contents.lines;
  const previous = contents.carriedFiles;
  const checksums: Manifest['checksums'] = {};
  const plan = contents.logPlan;
  const carried = new Set(previous?.names ?? []);
  // A logged change means nothing without the snapshot and segments it follows: never write those anew from the changed graph.
  const needed = new Set(plan ? [...SNAPSHOT_FILES, ...RECORD_BASE_FILES, ...plan.carried.flatMap((name) => [name, lexicalLogName(name), recordLogName(name)])] : []);
  for (const name of [...carried, ...needed]) {
    const expected = previous?.checksums[name];
    if (expected && carried.has(name)) {
      carryFile(path.join(previous!.location, name), path.join(folder, name));
      checksums[name] = expected;
    } else if (needed.has(name)) {
      throw new Error(`the passage graph's log follows ${name} of the previous generation, which this build does not carry`);
    } else carried.delete(name);
  }
  let snapshot: { ids: Buffer; raw: Buffer } | undefined;
  const graphOf = (graph: VectorIndex | null): VectorIndex => {
    if (graph === null) throw new Error('a new snapshot of the passage graph needs the graph, which this build did not load');
    return graph;
  };
  const snapshotPart = (part: 'ids' | 'raw') => (snapshot ??= snapshotFiles(labelMap(graphOf(contents.vectors), contents.passages.length), contents.passages, contents.rawVectors, dim))[part];
  const base = () => {
    if (contents.lexical === null) throw new Error('a new postings base needs the whole postings, which this build did not merge');
    return encodeBase(packedOf(contents.lexical), labelMap(graphOf(contents.vectors), contents.passages.length));
  };
  const blobs: Record<string, () => Uint8Array> = {
    [INDEX_FILES.articles]: () => serializeRecordLines(contents.articles, (a) => lines?.articles.get(a)),
    [INDEX_FILES.passages]: () => serializeRecordLines(contents.passages, storedLineOf, storedPassage),
    [INDEX_FILES.lexical]: base,
    [INDEX_FILES.rawVectors]: () => snapshotPart('raw'),
    [INDEX_FILES.slots]: () => snapshotPart('ids'),
    [INDEX_FILES.words]: () => Buffer.from(JSON.stringify(contents.words.words)),
    [INDEX_FILES.incidents]: () => encodeIncidentBase(articleLinesOf(entries)),
    [INDEX_FILES.incidentGroups]: () => encodeGroupBase(entries),
  };
  const entries = 'byArticle' in contents.incidents ? entriesOf(contents.incidents) : contents.incidents;
  // Carrying the whole previous log, the build's entries follow the previous lines as it read them: their change is told by the entries it kept.
  const followsRead = plan !== undefined && previous?.log !== undefined && previous.log.length === plan.carried.length && previous.log.every((n, i) => n === plan.carried[i]);
  const known = followsRead ? (contents.lines?.incidents ?? null) : null;
  const incidentLog = plan ? writeIncidentLogs(folder, previous!, plan.carried, entries, known, Boolean(plan.segment), checksums) : null;
  if (incidentLog?.reports) carried.add(INDEX_FILES.incidents);
  if (incidentLog?.groups) carried.add(INDEX_FILES.incidentGroups);
  for (const [name, make] of Object.entries(blobs)) {
    if (carried.has(name)) continue;
    const data = make();
    const sum = { sha256: sha256(data), bytes: data.byteLength };
    const before = previous?.checksums[name];
    const same = before !== undefined && before.sha256 === sum.sha256 && before.bytes === sum.bytes;
    if (!(same && tryLink(path.join(previous!.location, name), path.join(folder, name)))) writeDurable(path.join(folder, name), data);
    checksums[name] = sum;
  }
  snapshot = undefined;
  const vectorLog = plan ? [...plan.carried] : [];
  if (plan?.segment) {
    const { name, records, postings, recordChange } = plan.segment;
    const recordSegment = {
      change: recordChange,
      articleLines: recordChange.articles.added.map((i) => recordLine(contents.articles[i]!, (a) => lines?.articles.get(a))),
      passageLines: recordChange.passages.added.map((i) => recordLine(contents.passages[i]!, storedLineOf, storedPassage)),
    };
    for (const [file, data] of [
      [name, encodeLogSegment(records, dim)],
      [lexicalLogName(name), encodeSegment(postings)],
      [recordLogName(name), encodeRecordSegment(recordSegment)],
      [incidentLogName(name), encodeIncidentSegment(incidentLog?.reports ?? noIncidentChange(entries.articles.size))],
      [groupLogName(name), encodeGroupSegment(incidentLog?.groups ?? noGroupChange(entries))],
    ] as const) {
      writeDurable(path.join(folder, file), data);
      checksums[file] = { sha256: sha256(data), bytes: data.byteLength };
    }
    vectorLog.push(name);
  }
  for (const [name, graph] of [
    [INDEX_FILES.vectors, contents.vectors],
    [INDEX_FILES.wordVectors, contents.words.vectors],
  ] as const) {
    if (carried.has(name)) continue;
    const file = path.join(folder, name);
    graphOf(graph).save(file);
    // hnswlib writes without fsync: force its file to disk, and checksum what is on disk.
    fsyncFile(file);
    const bytes = fs.readFileSync(file);
    checksums[name] = { sha256: sha256(bytes), bytes: bytes.length };
  }
  const manifest: Manifest = { schemaVersion: SCHEMA_VERSION, ...contents.manifest, vectorLog, checksums };
  const manifestText = JSON.stringify(manifest, null, 2);
  writeDurable(path.join(folder, MANIFEST), manifestText);
  writeDurable(path.join(folder, MANIFEST_CHECKSUM), `${sha256(manifestText)}\n`);
}

/**
 * The incident files a build whose change the graph's log takes writes besides its new segments,
 * for the article lines (incident-log.ts) and the incident lines (incident-group-log.ts) each: with
 * a new segment (`segmented`), or when the lines did not change, the base and the carried segments
 * are linked (the new segment's change returned, for it to be written beside the others); else (the
 * lines changed with no new segment to hold the change, as when the extractor's rules change; kept
 * lines out of their order; or, for the incident lines, a change adding more than `WHOLE_GROUPS_SHARE`
 * of them, as when every report is grouped again) the base is written whole (by the caller: it is not
 * carried), each carried segment as one that changes nothing over it, and null is returned (the new
 * segment, if any, changes nothing either). The change is told by the entries the build kept from
 * `known` (the previous generation's entries as it read them, when the new log carries the whole
 * previous one: incident-change.ts) without reading the files again; else (a fold, a walk that
 * cannot tell) by the previous base and carried segments read again and compared line by line.
 */
function writeIncidentLogs(
  folder: string,
  previous: NonNullable<GenerationContents['carriedFiles']>,
  carriedLog: readonly string[],
  entries: IncidentEntries,
  known: IncidentEntries | null,
  segmented: boolean,
  checksums: Manifest['checksums'],
): { reports: IncidentChange | null; groups: GroupChange | null } {
  const fromPrevious = (name: string): IncidentFile => ({ name, bytes: fs.readFileSync(path.join(previous.location, name)) });
  const logOf = <C extends { change: ListChange }>(baseName: string, segmentName: (log: string) => string, changeOf: (names: string[]) => C | null, nothing: () => Buffer): C | null => {
    const names = carriedLog.map(segmentName);
    const change = changeOf(names);
    if (change && (segmented || isUnchanged(change.change))) {
      for (const name of [baseName, ...names]) {
        const expected = previous.checksums[name];
        if (!expected) throw new Error(`the incidents' log follows ${name} of the previous generation, which it does not list`);
        carryFile(path.join(previous.location, name), path.join(folder, name));
        checksums[name] = expected;
      }
      return change;
    }
    for (const name of names) {
      const data = nothing();
      writeDurable(path.join(folder, name), data);
      checksums[name] = { sha256: sha256(data), bytes: data.byteLength };
    }
    return null;
  };
  const reports = logOf(
    INDEX_FILES.incidents,
    incidentLogName,
    (names) => {
      const told = known ? keptIncidentChange(known, entries) : undefined;
      return told !== undefined ? told : incidentChangeSince(storedArticleLines(fromPrevious(INDEX_FILES.incidents), names.map(fromPrevious)), entries);
    },
    () => encodeIncidentSegment(noIncidentChange(entries.articles.size)),
  );
  const groups = logOf(
    INDEX_FILES.incidentGroups,
    groupLogName,
    (names) => {
      let change = known ? keptGroupChange(known, entries) : undefined;
      let from = known?.groups.length ?? 0;
      if (change === undefined) {
        const before = storedGroupLines(fromPrevious(INDEX_FILES.incidentGroups), names.map(fromPrevious)).lines;
        [change, from] = [groupChangeSince(before, entries), before.length];
      }
      return change && change.added.length <= WHOLE_GROUPS_SHARE * Math.max(from, entries.groups.length) ? change : null;
    },
    () => encodeGroupSegment(noGroupChange(entries)),
  );
  return { reports, groups };
}

/**
 * A change adding more than this share of the incident lines is written as a new base instead: a
 * build grouping (nearly) every report again would otherwise log the whole file as a segment, on
 * top of the base it no longer needs, where an add regroups a few incidents of thousands.
 */
const WHOLE_GROUPS_SHARE = 0.5;

/** An incident segment that changes nothing in `articles` lines (written over a base written whole). */
function noIncidentChange(articles: number): IncidentChange {
  return { change: { from: articles, removed: [], added: [] }, added: [] };
}

/** What a passage's line holds: not its article's position, which moves when an article before it comes or goes. */
const storedPassage = ({ article: _, ...passage }: StoredPassage) => passage;

/** A file of the previous generation taken over: hard-linked, or copied (and fsynced) where the file system refuses links. */
function carryFile(from: string, to: string): void {
  if (tryLink(from, to)) return;
  fs.copyFileSync(from, to);
  fsyncFile(to);
}

/** Hard-links `from` as `to`; false when the file system refuses (the caller writes the file instead). */
function tryLink(from: string, to: string): boolean {
  try {
    fs.linkSync(from, to);
    return true;
  } catch {
    return false;
  }
}
