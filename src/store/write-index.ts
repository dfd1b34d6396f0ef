/** Writes one index generation's files, the manifest (with every file's checksum) last. */
import fs from 'node:fs';
import path from 'node:path';
import { MANIFEST, MANIFEST_CHECKSUM } from './index-checks.js';
import { serializeIncidentLines } from './incident-lines.js';
import { fsyncFile, packVectors, sha256, writeDurable } from './files.js';
import { INDEX_FILES, SCHEMA_VERSION, type Manifest } from './manifest.js';
import { serializeRecordLines } from './record-lines.js';
import { labelMap } from './vectors.js';
import type { IndexContents, StoredPassage } from './stored-index.js';

/**
 * Writes every file of a generation into `folder`, the manifest (with checksums) last. A record kept
 * from the previous generation is written as the line it was read from (`contents.lines`); a file
 * the previous generation holds byte for byte (`contents.carriedFiles`, or one whose bytes come out
 * the same) is hard-linked from it with its checksum, not written again: the previous generation's
 * files were checked against its manifest when the build read it, never change once published, and
 * a reader checks a linked file against the checksum as it checks any other.
 */
export function writeIndexFiles(folder: string, contents: IndexContents): void {
  const { dim } = contents.manifest.embedder;
  const lines = contents.lines;
  const previous = contents.carriedFiles;
  const checksums: Manifest['checksums'] = {};
  const carried = new Set(previous?.names ?? []);
  for (const name of carried) {
    const expected = previous!.checksums[name];
    if (expected && tryLink(path.join(previous!.location, name), path.join(folder, name))) checksums[name] = expected;
    else carried.delete(name);
  }
  const blobs: Record<string, () => Uint8Array> = {
    [INDEX_FILES.articles]: () => serializeRecordLines(contents.articles, (a) => lines?.articles.get(a)),
    [INDEX_FILES.passages]: () => serializeRecordLines(contents.passages, (p) => lines?.passages.get(p), storedPassage),
    [INDEX_FILES.lexical]: () => contents.lexical.serialize(),
    [INDEX_FILES.rawVectors]: () => packVectors(contents.rawVectors, dim),
    [INDEX_FILES.labels]: () => bytesOf(labelMap(contents.vectors, contents.passages.length)),
    [INDEX_FILES.words]: () => Buffer.from(JSON.stringify(contents.words.words)),
    [INDEX_FILES.incidents]: () => serializeIncidentLines(contents.incidents, (r) => lines?.reports.get(r)),
  };
  for (const [name, make] of Object.entries(blobs)) {
    if (carried.has(name)) continue;
    const data = make();
    const sum = { sha256: sha256(data), bytes: data.byteLength };
    const before = previous?.checksums[name];
    const same = before !== undefined && before.sha256 === sum.sha256 && before.bytes === sum.bytes;
    if (!(same && tryLink(path.join(previous!.location, name), path.join(folder, name)))) writeDurable(path.join(folder, name), data);
    checksums[name] = sum;
  }
  for (const [name, graph] of [
    [INDEX_FILES.vectors, contents.vectors],
    [INDEX_FILES.wordVectors, contents.words.vectors],
  ] as const) {
    if (carried.has(name)) continue;
    const file = path.join(folder, name);
    graph.save(file);
    // hnswlib writes without fsync: force its file to disk, and checksum what is on disk.
    fsyncFile(file);
    const bytes = fs.readFileSync(file);
    checksums[name] = { sha256: sha256(bytes), bytes: bytes.length };
  }
  const manifest: Manifest = { schemaVersion: SCHEMA_VERSION, ...contents.manifest, checksums };
  const manifestText = JSON.stringify(manifest, null, 2);
  writeDurable(path.join(folder, MANIFEST), manifestText);
  writeDurable(path.join(folder, MANIFEST_CHECKSUM), `${sha256(manifestText)}\n`);
}

/** What a passage's line holds: not its article's position, which moves when an article before it comes or goes. */
const storedPassage = ({ article: _, ...passage }: StoredPassage) => passage;

/** Hard-links `from` as `to`; false when the file system refuses (the caller writes the file instead). */
function tryLink(from: string, to: string): boolean {
  try {
    fs.linkSync(from, to);
    return true;
  } catch {
    return false;
  }
}

const bytesOf = (a: Uint32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
