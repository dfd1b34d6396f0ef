/**
 * The checks a reader makes before it trusts a stored generation, shared by the read at once
 * (stored-index.ts) and the read in steps (read-in-steps.ts), so that both refuse the same damage
 * with the same IndexError.
 */
import path from 'node:path';
import type { Article, Passage } from '../corpus/types.js';
import { IndexError, REBUILD_HINT } from './errors.js';
import { sha256 } from './files.js';
import { currentGeneration } from './generations.js';
import { INDEX_FILES, SCHEMA_VERSION, manifestSchema, type Manifest } from './manifest.js';
import { RecordLinesError, recordLines } from './record-lines.js';
import type { StoredPassage } from './stored-index.js';

export const MANIFEST = 'manifest.json';
/**
 * The manifest's own sha256: the manifest vouches for every other file, and this for the manifest,
 * so that a flipped digit in it (a count, a vector component, a checksum) cannot pass unseen.
 */
export const MANIFEST_CHECKSUM = 'manifest.sha256';

export function damaged(file: string, why: string): IndexError {
  return new IndexError('INDEX_DAMAGED', `The index file ${file} is damaged: ${why}. ${REBUILD_HINT}`);
}

/** The folder of the generation `CURRENT` names; throws INDEX_MISSING when there is none. */
export function generationToRead(indexDir: string): string {
  const location = currentGeneration(indexDir);
  if (location === null) throw new IndexError('INDEX_MISSING', `No index in ${indexDir}. Run \`npm run index\` to build it.`);
  return location;
}

/**
 * The manifest of the generation in `location`, from its bytes (null: the file is missing) and the
 * text of its checksum file (null: missing), after its checksum, layout version and schema are found
 * right.
 */
export function manifestFrom(location: string, bytes: Buffer | null, sumText: string | null): Manifest {
  const file = path.join(location, MANIFEST);
  const sumFile = path.join(location, MANIFEST_CHECKSUM);
  if (bytes === null) throw damaged(file, 'it is missing');
  const sum = sumText === null ? null : sumText.trim();
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

/** Refuses an index built with another embedder than the one configured (when one is given). */
export function checkEmbedder(indexDir: string, manifest: Manifest, embedderId: string | undefined): void {
  if (embedderId !== undefined && manifest.embedder.id !== embedderId) {
    throw new IndexError(
      'EMBEDDER_MISMATCH',
      `The index in ${indexDir} was built with ${manifest.embedder.id}, but EMBEDDING_MODEL selects ${embedderId}. ${REBUILD_HINT}`,
    );
  }
}

/** What the manifest says of a stored file: its size and sha256. */
export function expectedOf(manifest: Manifest, file: string): { sha256: string; bytes: number } {
  const expected = manifest.checksums[path.basename(file)];
  if (!expected) throw damaged(file, 'it is not listed in the manifest');
  return expected;
}

/** Refuses a stored file whose size differs from the manifest's (checked before its sha256: cheaper). */
export function checkSize(file: string, expected: { bytes: number }, bytes: number): void {
  if (bytes !== expected.bytes) throw damaged(file, `it has ${bytes} bytes, the manifest says ${expected.bytes}`);
}

/** Refuses a stored file whose sha256 (hex) differs from the manifest's. */
export function checkSum(file: string, expected: { sha256: string }, digest: string): void {
  if (digest !== expected.sha256) throw damaged(file, 'its checksum does not match the manifest');
}

/** The records of a line-per-record file, as a generator (steps.ts) whose damage is reported by file. */
export function* recordsOf<T>(bytes: Buffer, file: string, read: (bytes: Buffer) => Generator<void, T[]> = recordLines<T>): Generator<void, T[]> {
  try {
    return yield* read(bytes);
  } catch (err) {
    if (err instanceof RecordLinesError) throw damaged(file, err.message);
    throw err;
  }
}

/**
 * The stored passages given their article's position in `articles`: a passage's line holds its
 * article's id, not its position (layout 9), so that an article added or removed before it leaves
 * the line as it was and a build can carry it over unchanged.
 */
export function* linkPassages(records: Passage[], articles: readonly Article[], file: string): Generator<void, StoredPassage[]> {
  const position = new Map<string, number>();
  articles.forEach((a, i) => position.set(a.id, i));
  for (let i = 0; i < records.length; i++) {
    const record = records[i]! as StoredPassage;
    const at = position.get(record.articleId);
    if (at === undefined) throw damaged(file, `line ${i + 1} names article ${String(record.articleId)}, which ${INDEX_FILES.articles} does not hold`);
    record.article = at;
    if ((i & 1023) === 1023) yield;
  }
  return records as StoredPassage[];
}

export function parseJson(bytes: Buffer, file: string): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    throw damaged(file, 'it is not valid JSON');
  }
}

/** hnswlib's refusal of a graph file, as an IndexError naming it. */
export function graphDamaged(file: string, err: unknown): IndexError {
  return damaged(file, `hnswlib could not read it (${(err as Error).message})`);
}
