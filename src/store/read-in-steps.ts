/**
 * A running server's read of a new index generation: the same checks, the same errors and the same
 * result as `readIndex` (stored-index.ts), without holding the event loop for more than a few
 * milliseconds at a time. Files are read 1 MiB at a time and hashed as they come, the record files
 * are parsed a few lines at a time (steps.ts), the postings are unpacked and merged in steps, and hnswlib
 * reads both graphs on a thread of its own.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import {
  MANIFEST,
  MANIFEST_CHECKSUM,
  checkEmbedder,
  checkSize,
  checkSum,
  damaged,
  expectedOf,
  generationToRead,
  graphDamaged,
  linkPassages,
  manifestFrom,
  parseJson,
} from './index-checks.js';
import { incidentSourceOf, withLazyIncidents } from './lazy-incidents.js';
import { INDEX_FILES, keepsBytes, type Manifest } from './manifest.js';
import { nextTurn, runInSteps } from './steps.js';
import type { ReadOptions, StoredIndex } from './stored-index.js';
import { lexicalSegmentsOf, storedLexical } from './stored-lexical.js';
import { storedRecords } from './stored-records.js';
import { rawVectorsOf, replayed, slotsOf, storedNames } from './stored-vectors.js';
import { loadVectorIndexOffThread, type VectorIndex } from './vectors.js';
import { GLOVE_DIM, WORD_EF_SEARCH } from './word-index.js';

/** Bytes read and hashed at a time: hashing 1 MiB takes a few milliseconds at most. */
const CHUNK_BYTES = 1 << 20;


/**
 * Reads the current generation of `indexDir` as `readIndex` does, a piece at a time: after each
 * piece it awaits `step` (by default a turn of the event loop), so answers keep flowing meanwhile.
 * Nothing is returned until every file has passed its checks: a damaged generation throws the same
 * IndexError `readIndex` throws, and the caller keeps the index it has.
 */
export async function readIndexInSteps(indexDir: string, options: ReadOptions, step: () => Promise<void> = nextTurn): Promise<StoredIndex> {
  const location = generationToRead(indexDir);
  const manifest = manifestFrom(
    location,
    await fs.readFile(path.join(location, MANIFEST)).catch(() => null),
    await fs.readFile(path.join(location, MANIFEST_CHECKSUM), 'utf8').catch(() => null),
  );
  checkEmbedder(indexDir, manifest, options.embedderId);
  await step();
  const at = (name: string) => path.join(location, name);
  const files: Record<string, Buffer | null> = {};
  for (const name of storedNames(manifest)) {
    const keep = keepsBytes(name, options.rawVectors === true);
    files[name] = await readCheckedInSteps(at(name), manifest, keep);
  }
  // Each file's bytes are let go once parsed: external memory pressure brings garbage collections on.
  const bytes = (name: string): Buffer => {
    const data = files[name]!;
    files[name] = null;
    return data;
  };
  // The record segments are applied one between turns (each a pass over the lists: about a millisecond at 100k passages).
  const stored = await runInSteps(storedRecords(location, manifest, bytes), step);
  const slots = await runInSteps(slotsOf(location, manifest, stored.passages, bytes), step);
  const { articles } = stored;
  const passages = await runInSteps(linkPassages(stored.passages, articles, at(INDEX_FILES.passages)), step);
  const lexicalLog = await runInSteps(lexicalSegmentsOf(location, slots, bytes), step);
  // The base and segments are merged a few thousand terms or 65,536 postings at a time.
  const lexical = await runInSteps(storedLexical(location, bytes(INDEX_FILES.lexical), lexicalLog, slots, passages.length, true), step);
  const { dim } = manifest.embedder;
  // The log is replayed on this thread, a few inserts between turns (about 0.4 ms each at 100k passages).
  const vectors = await runInSteps(replayed(await graph(at(INDEX_FILES.vectors), dim, options.efSearch, slots.passageOf), slots, location, manifest), step);
  const words = { words: parseJson(bytes(INDEX_FILES.words), at(INDEX_FILES.words)) as string[], vectors: await graph(at(INDEX_FILES.wordVectors), GLOVE_DIM, WORD_EF_SEARCH) };
  await step();
  const rawVectors = options.rawVectors ? rawVectorsOf(bytes(INDEX_FILES.rawVectors), slots, passages.length, dim) : [];
  return withLazyIncidents(
    { manifest, location, articles, passages, vectorSlots: slots, lexicalLog, recordLog: stored.log, lexical, rawVectors, vectors, words },
    incidentSourceOf(location, manifest, bytes),
  );
}

/**
 * A stored file checked against the manifest, read and hashed CHUNK_BYTES at a time (each read is
 * a turn of the event loop); its bytes when `keep`, else null (only the checksum was wanted).
 */
async function readCheckedInSteps(file: string, manifest: Manifest, keep: boolean): Promise<Buffer | null> {
  const expected = expectedOf(manifest, file);
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, 'r');
  } catch {
    throw damaged(file, 'it is missing');
  }
  try {
    const { size } = await handle.stat();
    checkSize(file, expected, size);
    const hash = createHash('sha256');
    const data = Buffer.allocUnsafe(keep ? size : Math.min(size, CHUNK_BYTES));
    for (let read = 0; read < size; ) {
      const into = keep ? read : 0;
      const { bytesRead } = await handle.read(data, into, Math.min(CHUNK_BYTES, size - read), read);
      // A generation is never written once published: a file that shrinks under the read is damage.
      if (bytesRead === 0) throw damaged(file, `it ended at ${read} bytes while it was read, the manifest says ${expected.bytes}`);
      hash.update(data.subarray(into, into + bytesRead));
      read += bytesRead;
    }
    checkSum(file, expected, hash.digest('hex'));
    return keep ? data : null;
  } finally {
    await handle.close();
  }
}

/** A graph file read by hnswlib on its own thread. */
async function graph(file: string, dim: number, efSearch: number, passageOf: Uint32Array | null = null): Promise<VectorIndex> {
  try {
    return await loadVectorIndexOffThread(file, dim, efSearch, passageOf);
  } catch (err) {
    throw graphDamaged(file, err);
  }
}
