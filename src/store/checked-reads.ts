/**
 * A generation's files read synchronously, each refused unless its size and checksum match the
 * manifest (the one-shot read of stored-index.ts and the health check); the running server's reads
 * in steps are in read-in-steps.ts.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sha256 } from './files.js';
import { MANIFEST, MANIFEST_CHECKSUM, checkSize, checkSum, damaged, expectedOf, manifestFrom } from './index-checks.js';
import type { Manifest } from './manifest.js';

/** Refuses a stored file that is missing or whose size differs from the manifest's, without reading it. */
export function checkStoredSize(location: string, manifest: Manifest, name: string): void {
  const file = path.join(location, name);
  const expected = expectedOf(manifest, file);
  let bytes: number;
  try {
    bytes = fs.statSync(file).size;
  } catch {
    throw damaged(file, 'it is missing');
  }
  checkSize(file, expected, bytes);
}

/** Bytes hashed at a time by `checkInChunks`. */
const CHECK_CHUNK_BYTES = 8 << 20;

/** Refuses a stored file whose size or checksum differs from the manifest's, reading it a chunk at a time (nothing is kept). */
export function checkInChunks(location: string, manifest: Manifest, name: string): void {
  const file = path.join(location, name);
  const expected = expectedOf(manifest, file);
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    throw damaged(file, 'it is missing');
  }
  try {
    const size = fs.fstatSync(fd).size;
    checkSize(file, expected, size);
    const hash = createHash('sha256');
    const chunk = Buffer.allocUnsafe(Math.min(size, CHECK_CHUNK_BYTES));
    for (let read = 0; read < size; ) {
      const got = fs.readSync(fd, chunk, 0, Math.min(chunk.length, size - read), read);
      if (got === 0) throw damaged(file, `it ended at ${read} bytes while it was read, the manifest says ${expected.bytes}`);
      hash.update(chunk.subarray(0, got));
      read += got;
    }
    checkSum(file, expected, hash.digest('hex'));
  } finally {
    fs.closeSync(fd);
  }
}

/** A stored file's bytes, after its size and checksum are found to match the manifest. */
export function readChecked(location: string, manifest: Manifest, name: string): Buffer {
  const file = path.join(location, name);
  const expected = expectedOf(manifest, file);
  let data: Buffer;
  try {
    data = fs.readFileSync(file);
  } catch {
    throw damaged(file, 'it is missing');
  }
  checkSize(file, expected, data.length);
  checkSum(file, expected, sha256(data));
  return data;
}

export function readManifest(location: string): Manifest {
  const orNull = <T>(read: () => T): T | null => {
    try {
      return read();
    } catch {
      return null;
    }
  };
  return manifestFrom(
    location,
    orNull(() => fs.readFileSync(path.join(location, MANIFEST))),
    orNull(() => fs.readFileSync(path.join(location, MANIFEST_CHECKSUM), 'utf8')),
  );
}
