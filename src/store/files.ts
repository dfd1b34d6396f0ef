/** File primitives for the index folder: durable writes and checksums. */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export function sha256(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Writes a file and forces it to disk before returning, so a rename after it publishes whole data. */
export function writeDurable(file: string, data: Uint8Array | string): void {
  const fd = fs.openSync(file, 'w');
  try {
    fs.writeFileSync(fd, data);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Forces a file another writer wrote (hnswlib, which does not fsync) to disk. */
export function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Forces a folder's entries (new names, renames) to disk. */
export function syncDir(dir: string): void {
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Replaces `file` in one step: readers see the old content or the new, never a part. */
export function replaceAtomically(file: string, data: Uint8Array | string): void {
  const tmp = `${file}.tmp-${process.pid}`;
  writeDurable(tmp, data);
  fs.renameSync(tmp, file);
  syncDir(path.dirname(file));
}

/** Float32 vectors packed into bytes (little-endian, as Float32Array is on every supported platform). */
export function packVectors(vectors: Float32Array[], dim: number): Buffer {
  const out = new Float32Array(vectors.length * dim);
  vectors.forEach((v, i) => out.set(v, i * dim));
  return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
}

export function unpackVectors(bytes: Buffer, dim: number): Float32Array[] {
  const copy = new Float32Array(bytes.byteLength / 4);
  new Uint8Array(copy.buffer).set(bytes);
  const out: Float32Array[] = [];
  for (let i = 0; i < copy.length; i += dim) out.push(copy.subarray(i, i + dim));
  return out;
}
