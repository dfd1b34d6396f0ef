/** Writes one index generation's files, the manifest (with every file's checksum) last. */
import fs from 'node:fs';
import path from 'node:path';
import { MANIFEST, MANIFEST_CHECKSUM } from './index-checks.js';
import { serializeIncidents } from './incident-lines.js';
import { packVectors, sha256, writeDurable } from './files.js';
import { INDEX_FILES, SCHEMA_VERSION, type Manifest } from './manifest.js';
import { serializeRecords } from './record-lines.js';
import { labelMap } from './vectors.js';
import type { IndexContents } from './stored-index.js';

/** Writes every file of a generation into `folder`, the manifest (with checksums) last. */
export function writeIndexFiles(folder: string, contents: IndexContents): void {
  const { dim } = contents.manifest.embedder;
  const blobs: Record<string, Uint8Array | string> = {
    [INDEX_FILES.articles]: serializeRecords(contents.articles),
    [INDEX_FILES.passages]: serializeRecords(contents.passages),
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

const bytesOf = (a: Uint32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
