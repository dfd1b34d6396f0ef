/**
 * One index generation on disk: write it whole, read it back only after every check passes.
 * This module alone touches index files.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Article, Passage } from '../corpus/types.js';
import { IndexError, REBUILD_HINT } from './errors.js';
import { IncidentLinesError, parseIncidents, parseIncidentsInSteps, serializeIncidents } from './incident-lines.js';
import type { StoredIncidents } from './incident-reports.js';
import { packVectors, sha256, unpackVectors, writeDurable } from './files.js';
import { currentGeneration } from './generations.js';
import { loadLexicalIndex, type LexicalIndex } from './lexical.js';
import { INDEX_FILES, SCHEMA_VERSION, manifestSchema, type Manifest } from './manifest.js';
import { NO_PASSAGE, labelMap, loadVectorIndex, type VectorIndex } from './vectors.js';
import { GLOVE_DIM, WORD_EF_SEARCH, type WordIndex } from './word-index.js';

const MANIFEST = 'manifest.json';
/**
 * The manifest's own sha256: the manifest vouches for every other file, and this for the manifest,
 * so that a flipped digit in it (a count, a vector component, a checksum) cannot pass unseen.
 */
const MANIFEST_CHECKSUM = 'manifest.sha256';

/** A passage with the position of its article in the index's article list. */
export interface StoredPassage extends Passage {
  article: number;
}

export interface IndexContents {
  manifest: Omit<Manifest, 'checksums' | 'schemaVersion'>;
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
}

export interface StoredIndex extends IndexContents {
  manifest: Manifest;
  /** The generation folder it was read from. */
  location: string;
  /**
   * `incidents`, parsed a few lines at a time between turns of the event loop (a running server's
   * way: the whole file at once would hold the loop for about 0.1 s on a corpus of 6,000 articles).
   */
  incidentsInSteps(): Promise<StoredIncidents>;
}

/** Writes every file of a generation into `folder`, the manifest (with checksums) last. */
export function writeIndexFiles(folder: string, contents: IndexContents): void {
  const { dim } = contents.manifest.embedder;
  const blobs: Record<string, Uint8Array | string> = {
    [INDEX_FILES.articles]: JSON.stringify(contents.articles),
    [INDEX_FILES.passages]: JSON.stringify(contents.passages),
    [INDEX_FILES.lexical]: contents.lexical.serialize(),
    [INDEX_FILES.rawVectors]: packVectors(contents.rawVectors, dim),
    [INDEX_FILES.labels]: bytesOf(labelMap(contents.vectors, contents.passages.length)),
    [INDEX_FILES.words]: JSON.stringify(contents.words.words),
    [INDEX_FILES.incidents]: serializeIncidents(contents.incidents),
  };
  const checksums: Manifest['checksums'] = {};
  for (const [name, data] of Object.entries(blobs)) {
    writeDurable(path.join(folder, name), data);
    checksums[name] = { sha256: sha256(data), bytes: Buffer.byteLength(data) };
  }
  for (const [name, graph] of [
    [INDEX_FILES.vectors, contents.vectors],
    [INDEX_FILES.wordVectors, contents.words.vectors],
  ] as const) {
    const file = path.join(folder, name);
    graph.save(file);
    // hnswlib writes without fsync: read it back and write it durably, checksumming what is on disk.
    const bytes = fs.readFileSync(file);
    writeDurable(file, bytes);
    checksums[name] = { sha256: sha256(bytes), bytes: bytes.length };
  }
  const manifest: Manifest = { schemaVersion: SCHEMA_VERSION, ...contents.manifest, checksums };
  const manifestText = JSON.stringify(manifest, null, 2);
  writeDurable(path.join(folder, MANIFEST), manifestText);
  writeDurable(path.join(folder, MANIFEST_CHECKSUM), `${sha256(manifestText)}\n`);
}

export interface ReadOptions {
  /** Refuse an index built with another embedder. */
  embedderId?: string;
  efSearch: number;
  /** Also unpack the raw vectors (only a build reuses them; answering never needs them). */
  rawVectors?: boolean;
}

/** Reads the current generation of `indexDir`, verifying the manifest and every checksum first. */
export function readIndex(indexDir: string, options: ReadOptions): StoredIndex {
  const location = currentGeneration(indexDir);
  if (location === null) {
    throw new IndexError('INDEX_MISSING', `No index in ${indexDir}. Run \`npm run index\` to build it.`);
  }
  const manifest = readManifest(location);
  if (options.embedderId !== undefined && manifest.embedder.id !== options.embedderId) {
    throw new IndexError(
      'EMBEDDER_MISMATCH',
      `The index in ${indexDir} was built with ${manifest.embedder.id}, but EMBEDDING_MODEL selects ${options.embedderId}. ${REBUILD_HINT}`,
    );
  }
  const read = (name: string): Buffer => readChecked(location, manifest, name);
  // Every file is checked, even the raw vectors that only the next build unpacks: damage is found at load.
  const files = Object.fromEntries(Object.values(INDEX_FILES).map((name) => [name, read(name)]));
  const parse = <T>(name: string): T => parseJson(files[name]!, path.join(location, name)) as T;
  const { dim } = manifest.embedder;
  const passages = parse<StoredPassage[]>(INDEX_FILES.passages);
  const labels = passageLabels(files[INDEX_FILES.labels]!, passages.length, path.join(location, INDEX_FILES.labels));
  const graph = (name: string, dim: number, efSearch: number, passageOf: Uint32Array | null = null): VectorIndex => {
    try {
      return loadVectorIndex(path.join(location, name), dim, efSearch, passageOf);
    } catch (err) {
      throw damaged(path.join(location, name), `hnswlib could not read it (${(err as Error).message})`);
    }
  };
  const wordList = parse<string[]>(INDEX_FILES.words);
  return withLazyIncidents(
    {
    manifest,
    location,
    articles: parse<Article[]>(INDEX_FILES.articles),
    passages,
    lexical: lexicalFrom(files[INDEX_FILES.lexical]!, path.join(location, INDEX_FILES.lexical)),
    rawVectors: options.rawVectors ? unpackVectors(files[INDEX_FILES.rawVectors]!, dim) : [],
    vectors: graph(INDEX_FILES.vectors, dim, options.efSearch, labels),
    words: { words: wordList, vectors: graph(INDEX_FILES.wordVectors, GLOVE_DIM, WORD_EF_SEARCH) },
    },
    files[INDEX_FILES.incidents]!,
    path.join(location, INDEX_FILES.incidents),
  );
}

/**
 * `index` with its incident reports parsed on first use (the timeline, or the next build): answering
 * most questions never needs them. Made apart from `readIndex` so that the getter holds the reports'
 * bytes alone, not every file read.
 */
function withLazyIncidents(index: Omit<StoredIndex, 'incidents' | 'incidentsInSteps'>, bytes: Buffer, file: string): StoredIndex {
  let pending: Buffer | undefined = bytes;
  let incidents: StoredIncidents | undefined;
  let inSteps: Promise<StoredIncidents> | undefined;
  const checked = <T>(read: () => T): T => {
    try {
      return read();
    } catch (err) {
      if (err instanceof IncidentLinesError) throw damaged(file, err.message);
      throw err;
    }
  };
  const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
  Object.defineProperty(index, 'incidents', {
    enumerable: true,
    get(): StoredIncidents {
      if (!incidents) {
        incidents = checked(() => parseIncidents(pending!));
        pending = undefined;
      }
      return incidents;
    },
  });
  Object.defineProperty(index, 'incidentsInSteps', {
    value: (): Promise<StoredIncidents> => {
      if (incidents) return Promise.resolve(incidents);
      inSteps ??= (async () => {
        try {
          incidents ??= await parseIncidentsInSteps(pending!, turn);
        } catch (err) {
          inSteps = undefined;
          if (err instanceof IncidentLinesError) throw damaged(file, err.message);
          throw err;
        }
        pending = undefined;
        return incidents;
      })();
      return inSteps;
    },
  });
  return index as StoredIndex;
}

/**
 * The raw passage vectors of a loaded generation, packed, read again from its folder and checked
 * against its manifest: answering needs them only for searches confined to a few passages, so they
 * are not kept from the first read.
 */
export function readPackedVectors(index: StoredIndex): Float32Array {
  const file = path.join(index.location, INDEX_FILES.rawVectors);
  const expected = index.manifest.checksums[INDEX_FILES.rawVectors];
  let data: Buffer;
  try {
    data = fs.readFileSync(file);
  } catch {
    throw damaged(file, 'it is missing');
  }
  if (!expected || data.length !== expected.bytes || sha256(data) !== expected.sha256) throw damaged(file, 'it does not match the manifest');
  const packed = new Float32Array(data.byteLength / 4);
  new Uint8Array(packed.buffer).set(data);
  return packed;
}

/** A stored file's bytes, after its size and checksum are found to match the manifest. */
function readChecked(location: string, manifest: Manifest, name: string): Buffer {
  const file = path.join(location, name);
  const expected = manifest.checksums[name];
  if (!expected) throw damaged(file, 'it is not listed in the manifest');
  let data: Buffer;
  try {
    data = fs.readFileSync(file);
  } catch {
    throw damaged(file, 'it is missing');
  }
  if (data.length !== expected.bytes) throw damaged(file, `it has ${data.length} bytes, the manifest says ${expected.bytes}`);
  if (sha256(data) !== expected.sha256) throw damaged(file, 'its checksum does not match the manifest');
  return data;
}

const bytesOf = (a: Uint32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

/**
 * The passage graph's label map, checked; null when every label is its passage number (a graph
 * built whole), so that search needs no lookup.
 */
function passageLabels(bytes: Buffer, passages: number, file: string): Uint32Array | null {
  if (bytes.length % 4 !== 0) throw damaged(file, 'its length is not a whole number of labels');
  const map = new Uint32Array(bytes.length / 4);
  new Uint8Array(map.buffer).set(bytes);
  let identity = map.length === passages;
  for (let i = 0; i < map.length; i++) {
    const p = map[i]!;
    if (p !== NO_PASSAGE && p >= passages) throw damaged(file, `label ${i} names passage ${p} of ${passages}`);
    if (p !== i) identity = false;
  }
  return identity ? null : map;
}

/** The passage graph of a loaded generation again, at another efSearch (the benchmark's recall runs). */
export function readPassageGraph(index: StoredIndex, efSearch: number): VectorIndex {
  const labels = passageLabels(readChecked(index.location, index.manifest, INDEX_FILES.labels), index.passages.length, path.join(index.location, INDEX_FILES.labels));
  return loadVectorIndex(path.join(index.location, INDEX_FILES.vectors), index.manifest.embedder.dim, efSearch, labels);
}

function parseJson(bytes: Buffer, file: string): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    throw damaged(file, 'it is not valid JSON');
  }
}

function lexicalFrom(bytes: Buffer, file: string): LexicalIndex {
  try {
    return loadLexicalIndex(bytes);
  } catch (err) {
    throw damaged(file, (err as Error).message);
  }
}

/**
 * The current generation's manifest, after it and every file it lists are found whole (sizes and
 * checksums; nothing is parsed); null when there is no generation or any part of it is damaged.
 */
export function checkCurrentGeneration(indexDir: string): Manifest | null {
  try {
    const location = currentGeneration(indexDir);
    if (location === null) return null;
    const manifest = readManifest(location);
    for (const name of Object.values(INDEX_FILES)) readChecked(location, manifest, name);
    return manifest;
  } catch (err) {
    if (err instanceof IndexError) return null;
    throw err;
  }
}

function readManifest(location: string): Manifest {
  const file = path.join(location, MANIFEST);
  const sumFile = path.join(location, MANIFEST_CHECKSUM);
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch {
    throw damaged(file, 'it is missing');
  }
  const sum = fs.existsSync(sumFile) ? fs.readFileSync(sumFile, 'utf8').trim() : null;
  if (sum !== null && sum !== sha256(bytes)) throw damaged(file, `it does not match its checksum in ${MANIFEST_CHECKSUM} (one of the two is damaged)`);
  let raw: unknown;
  try {
    raw = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw damaged(file, 'it is not valid JSON');
  }
  const version = (raw as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (version !== SCHEMA_VERSION) {
    throw new IndexError('SCHEMA_MISMATCH', `The index in ${location} has layout version ${String(version)}; this Sitrep reads version ${SCHEMA_VERSION}. ${REBUILD_HINT}`);
  }
  if (sum === null) throw damaged(sumFile, 'it is missing');
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) throw damaged(file, `it does not match the manifest schema (${parsed.error.issues[0]?.message})`);
  return parsed.data;
}

function damaged(file: string, why: string): IndexError {
  return new IndexError('INDEX_DAMAGED', `The index file ${file} is damaged: ${why}. ${REBUILD_HINT}`);
}
