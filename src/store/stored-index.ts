/**
 * One index generation on disk, read back only after every check passes (index-checks.ts), in one
 * synchronous call: the way of a one-shot process (`npm run ask`, a build). A running server reads
 * a new generation in steps instead (read-in-steps.ts); the written layout is in write-index.ts.
 * These modules alone touch index files.
 */
import path from 'node:path';
import type { Article, Passage } from '../corpus/types.js';
import type { Incident } from '../incidents/index.js';
import { carriedLines, type CarriedLines } from './carried-lines.js';
import { IndexError } from './errors.js';
import type { StoredIncidents } from './incident-reports.js';
import { checkInChunks, checkStoredSize, readChecked, readManifest } from './checked-reads.js';
import { checkEmbedder, generationToRead, graphDamaged, linkPassages, parseJson } from './index-checks.js';
import { incidentSourceOf, withLazyIncidents } from './lazy-incidents.js';
import type { SlotPostings } from './lexical-segments.js';
import type { LexicalIndex } from './lexical.js';
import { INDEX_FILES, keepsBytes, type Manifest } from './manifest.js';
import type { RecordChange } from './record-log.js';
import { runWhole } from './steps.js';
import { lexicalSegmentsOf, storedLexical } from './stored-lexical.js';
import { storedRecords, type StoredRecordLog } from './stored-records.js';
import { rawVectorsOf, replayed, slotsOf, storedNames } from './stored-vectors.js';
import type { LogSegment } from './vector-log.js';
import { packRawVectors, type SlotState } from './vector-slots.js';
import { loadVectorIndex, type VectorIndex } from './vectors.js';
import { GLOVE_DIM, WORD_EF_SEARCH, type WordIndex } from './word-index.js';

/** A passage with the position of its article in the index's article list. */
export interface StoredPassage extends Passage {
  article: number;
}

export interface IndexContents {
  manifest: Omit<Manifest, 'checksums' | 'schemaVersion' | 'vectorLog'>;
  articles: Article[];
  passages: StoredPassage[];
  /** Embedder output before the common component is removed, row i for passage i (kept for incremental builds). */
  rawVectors: Float32Array[];
  vectors: VectorIndex;
  lexical: LexicalIndex;
  /** GloVe neighbours among the corpus's words, for query expansion. */
  words: WordIndex;
  /** Incident reports of the articles, read when each entered the index, and their grouping into incidents. */
  incidents: StoredIncidents;
  /** Lines of records kept from the previous generation, written again as they were (a build's, when it extends one). */
  lines?: CarriedLines;
  /** Files of the previous generation this one keeps byte for byte, hard-linked instead of written (a build's, when it extends one). */
  carriedFiles?: CarriedFiles;
  /**
   * The passage graph's change to log instead of writing a snapshot (a build's, when it extends a
   * graph and the log stays within its bound): the snapshot files and `carried` segments are among
   * `carriedFiles`, `segment` is written. Absent: the graph is written whole as a new snapshot.
   */
  logPlan?: LogPlan;
}

/**
 * The log of a new generation: the previous generation's segments it links, then the one it writes
 * (none when neither the graph nor the records changed) with the postings of the slots it adds
 * (`lexical.log.N`), what it changes in the article and passage lists (`records.log.N`) and in the
 * incidents' article lines (`incidents.log.N`).
 */
export interface LogPlan {
  carried: string[];
  segment: (LogSegment & { postings: SlotPostings; recordChange: RecordChange }) | null;
}

/** Files a new generation takes over whole from a verified previous one: its folder, checksums, and the names to take. */
export interface CarriedFiles {
  location: string;
  checksums: Manifest['checksums'];
  names: string[];
  /** Its graph's log (`Manifest.vectorLog`): a new generation carrying all of it follows the previous lists as the build read them. */
  log?: readonly string[];
}

export interface StoredIndex extends Omit<IndexContents, 'carriedFiles' | 'logPlan'> {
  manifest: Manifest;
  /** The passage graph's slots and the log replayed onto its snapshot (vector-slots.ts). */
  vectorSlots: SlotState;
  /** The postings segments beside the graph's log segments, in its order (a build folds them with the log). */
  lexicalLog: SlotPostings[];
  /** The record segments beside the graph's log segments, in its order (a build folds them with the log). */
  recordLog: StoredRecordLog;
  /** The generation folder it was read from. */
  location: string;
  /**
   * `incidents`, parsed a few lines at a time between turns of the event loop (a running server's
   * way: the whole file at once would hold the loop for about 0.1 s on a corpus of 6,000 articles).
   */
  incidentsInSteps(): Promise<StoredIncidents>;
  /**
   * The incidents as answering holds them (incident-catalogue.ts): heads and what a selection reads,
   * made a few lines at a time; each incident's reports read when they are first asked for.
   */
  incidentCatalogue(articleOf: (id: string) => Article | undefined): Promise<Incident[]>;
}

export interface ReadOptions {
  /** Refuse an index built with another embedder. */
  embedderId?: string;
  efSearch: number;
  /** Also unpack the raw vectors (only a build reuses them; answering never needs them). */
  rawVectors?: boolean;
  /**
   * A build's read of the previous generation (`readIndex` only): also keep the records' lines
   * (`StoredIndex.lines`, made on first use) to carry them over, and merge the postings only on
   * first use of `lexical`, its search structures unmade (they are made if it is ever searched).
   */
  forBuild?: boolean;
  /**
   * With `forBuild`: leave the passage graph's snapshot (`vectors.hnsw`, `vectors.f32`, 95 MB at
   * 100k passages) and the postings' base (`lexical.bin`, 28 MB) unread, their sizes checked, until
   * `vectors`, `rawVectors` or `lexical` is first used, when each
   * is checked against its checksums, loaded and the log replayed (an IndexError there when
   * damaged). A build that only logs its change links the snapshot without ever reading it; the
   * new generation carries the previous checksums, which every reader checks.
   */
  deferSnapshot?: boolean;
}

/** Reads the current generation of `indexDir`, verifying the manifest and every checksum first. */
export function readIndex(indexDir: string, options: ReadOptions): StoredIndex {
  const location = generationToRead(indexDir);
  const manifest = readManifest(location);
  checkEmbedder(indexDir, manifest, options.embedderId);
  const at = (name: string) => path.join(location, name);
  // Every file is checked, even the raw vectors that only the next build unpacks: damage is found at load.
  const deferred = new Set<string>(options.forBuild && options.deferSnapshot ? [INDEX_FILES.vectors, INDEX_FILES.rawVectors, INDEX_FILES.lexical] : []);
  for (const name of deferred) checkStoredSize(location, manifest, name);
  const kept = (name: string) => keepsBytes(name, options.rawVectors === true || options.forBuild === true);
  for (const name of storedNames(manifest)) if (!deferred.has(name) && !kept(name)) checkInChunks(location, manifest, name);
  const files = Object.fromEntries(storedNames(manifest).flatMap((name) => (deferred.has(name) || !kept(name) ? [] : [[name, readChecked(location, manifest, name)]])));
  const { dim } = manifest.embedder;
  const stored = runWhole(storedRecords(location, manifest, (name) => files[name]!));
  const records: Passage[] = stored.passages;
  const slots = runWhole(slotsOf(location, manifest, records, (name) => files[name]!));
  const lexicalLog = runWhole(lexicalSegmentsOf(location, slots, (name) => files[name]!));
  const lexical = (): LexicalIndex => {
    const base = deferred.has(INDEX_FILES.lexical) ? readChecked(location, manifest, INDEX_FILES.lexical) : files[INDEX_FILES.lexical]!;
    return runWhole(storedLexical(location, base, lexicalLog, slots, records.length, !options.forBuild));
  };
  const graph = (name: string, dim: number, efSearch: number, passageOf: Uint32Array | null = null): VectorIndex => {
    try {
      return loadVectorIndex(at(name), dim, efSearch, passageOf);
    } catch (err) {
      throw graphDamaged(at(name), err);
    }
  };
  const passageGraph = (): VectorIndex => {
    if (deferred.has(INDEX_FILES.vectors)) checkInChunks(location, manifest, INDEX_FILES.vectors);
    return runWhole(replayed(graph(INDEX_FILES.vectors, dim, options.efSearch, slots.passageOf), slots, location, manifest));
  };
  const raw = (bytes: Buffer) => (options.rawVectors ? rawVectorsOf(bytes, slots, records.length, dim) : []);
  const articles: Article[] = stored.articles;
  const passages = runWhole(linkPassages(records, articles, at(INDEX_FILES.passages)));
  const incidents = incidentSourceOf(location, manifest, (name) => files[name]!);
  const index = withLazyIncidents(
    {
      manifest,
      location,
      articles,
      passages,
      vectorSlots: slots,
      lexicalLog,
      recordLog: stored.log,
      lexical: options.forBuild ? (null as unknown as LexicalIndex) : lexical(),
      rawVectors: deferred.size > 0 ? [] : raw(files[INDEX_FILES.rawVectors]!),
      vectors: deferred.size > 0 ? (null as unknown as VectorIndex) : passageGraph(),
      words: { words: parseJson(files[INDEX_FILES.words]!, at(INDEX_FILES.words)) as string[], vectors: graph(INDEX_FILES.wordVectors, GLOVE_DIM, WORD_EF_SEARCH) },
    },
    incidents,
  );
  if (deferred.size > 0) {
    madeOnFirstUse(index, 'vectors', passageGraph);
    madeOnFirstUse(index, 'rawVectors', () => raw(readChecked(location, manifest, INDEX_FILES.rawVectors)));
  }
  if (options.forBuild) {
    // Made on first use: a build that finds nothing to write never needs them (nor the reports parsed).
    // Only the articles' bytes are held, not every file read (the passages hold their own lines).
    const bytes = { articles: files[INDEX_FILES.articles]! };
    const sources = { articles, segments: stored.log.segments, bytes, incidents };
    madeOnFirstUse(index, 'lines', () => carriedLines(sources));
    madeOnFirstUse(index, 'lexical', lexical);
  }
  return index;
}

/** Makes `target[key]` a getter that runs `make` on first read and keeps its value (an error is thrown again on the next read). */
function madeOnFirstUse<T extends object, K extends keyof T>(target: T, key: K, make: () => T[K]): void {
  let made: { value: T[K] } | undefined;
  Object.defineProperty(target, key, { enumerable: true, get: () => (made ??= { value: make() }).value });
}

/**
 * The raw passage vectors of a loaded generation, packed, read again from its folder and checked
 * against its manifest: answering needs them only for searches confined to a few passages, so they
 * are not kept from the first read.
 */
export function readPackedVectors(index: StoredIndex): Float32Array {
  const data = readChecked(index.location, index.manifest, INDEX_FILES.rawVectors);
  return packRawVectors(data, index.vectorSlots, index.passages.length, index.manifest.embedder.dim);
}

/** The passage graph of a loaded generation again, at another efSearch (the benchmark's recall runs): its snapshot, the log replayed. */
export function readPassageGraph(index: StoredIndex, efSearch: number): VectorIndex {
  const { location, manifest, vectorSlots } = index;
  const snapshot = loadVectorIndex(path.join(location, INDEX_FILES.vectors), manifest.embedder.dim, efSearch, vectorSlots.passageOf);
  return runWhole(replayed(snapshot, vectorSlots, location, manifest));
}

/**
 * The current generation's manifest, after it and every file it lists are found whole (sizes and
 * checksums; nothing is parsed); null when there is no generation or any part of it is damaged.
 */
export function checkCurrentGeneration(indexDir: string): Manifest | null {
  try {
    const location = generationToRead(indexDir);
    const manifest = readManifest(location);
    for (const name of storedNames(manifest)) checkInChunks(location, manifest, name);
    return manifest;
  } catch (err) {
    if (err instanceof IndexError) return null;
    throw err;
  }
}
