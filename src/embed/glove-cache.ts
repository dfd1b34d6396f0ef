/**
 * The GloVe binary cache: one file holding the raw vectors, their norms and the word table, so a
 * start reads ~150 MB of flat arrays instead of parsing a 307 MB JSON (seconds and ~1 GB of heap).
 *
 * Layout: a 4 KiB header (magic, then JSON padded with spaces), then float32 vectors (size × dim),
 * float32 norms (size), the word table's uint32 offsets (size + 1) and int32 hash slots, and last
 * the words' UTF-8 bytes. Numbers are in the writing machine's byte order, recorded in the header.
 * A load checks the header, the exact file size, the installed package's version, a CRC-32 of
 * everything after the vectors (~10 MB), and recomputes the norm of ~1,000 sampled vectors; a full
 * CRC of the vectors would add a few hundred milliseconds to every start for no real gain, since
 * the file is only ever replaced whole.
 */
import { randomBytes } from 'node:crypto';
import { open, readFile, rename, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { WordTable } from './word-table.js';

export const GLOVE_CACHE_FORMAT = 1;
const MAGIC = 'SITRGLV\n';
const HEADER_BYTES = 4096;

/** The package a cache was converted from; a different installed version invalidates the cache. */
export interface GloveSource {
  package: string;
  version: string;
  /** Size of the package's JSON file. */
  bytes: number;
}

export interface GloveTables {
  /** Words in the source's order (by corpus frequency, most frequent first). */
  words: WordTable;
  dim: number;
  /** `words.size × dim` raw GloVe vectors. */
  vectors: Float32Array;
  /** L2 norm of each vector. */
  norms: Float32Array;
}

interface Header {
  format: number;
  source: GloveSource;
  size: number;
  dim: number;
  endianness: 'LE' | 'BE';
  normsOffset: number;
  offsetsOffset: number;
  slotsOffset: number;
  slotCount: number;
  bytesOffset: number;
  totalBytes: number;
  crc32: number;
}

export type GloveCacheRead =
  | { ok: true; tables: GloveTables; source: GloveSource }
  | { ok: false; missing: boolean; reason: string };

/** Writes the cache atomically: a temp file beside `file`, fsync, rename, fsync of the folder. */
export async function writeGloveCache(file: string, tables: GloveTables, source: GloveSource): Promise<void> {
  const { words, dim, vectors, norms } = tables;
  const size = words.size;
  if (vectors.length !== size * dim || norms.length !== size) {
    throw new Error(`GloVe cache: ${size} words but ${vectors.length / dim} vectors and ${norms.length} norms`);
  }
  const view = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
  const { offsets, slots, bytes } = words.arrays;
  const body = [vectors, norms, offsets, slots, bytes].map(view);
  let crc = 0;
  for (const part of body.slice(1)) crc = crc32(part, crc);

  const normsOffset = HEADER_BYTES + body[0].length;
  const offsetsOffset = normsOffset + body[1].length;
  const slotsOffset = offsetsOffset + body[2].length;
  const bytesOffset = slotsOffset + body[3].length;
  const header: Header = {
    format: GLOVE_CACHE_FORMAT,
    source,
    size,
    dim,
    endianness: os.endianness(),
    normsOffset,
    offsetsOffset,
    slotsOffset,
    slotCount: slots.length,
    bytesOffset,
    totalBytes: bytesOffset + body[4].length,
    crc32: crc,
  };
  const headerBytes = Buffer.alloc(HEADER_BYTES, 0x20);
  const headerText = MAGIC + JSON.stringify(header);
  if (Buffer.byteLength(headerText) > HEADER_BYTES) throw new Error('GloVe cache: header too large');
  headerBytes.write(headerText, 0, 'utf8');

  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const handle = await open(temp, 'w');
  try {
    for (const part of [headerBytes, ...body]) await handle.write(part);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  await rename(temp, file);
  await fsyncDir(path.dirname(file));
}

async function fsyncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } catch {
    // Some file systems refuse fsync on a folder; the rename itself is still atomic.
  } finally {
    await handle.close();
  }
}

/**
 * Reads and verifies a cache file. `expected`, when given, is the installed package: a cache made
 * from another version (or another file size) is reported stale.
 */
export async function readGloveCache(file: string, expected?: GloveSource): Promise<GloveCacheRead> {
  let buf: Buffer;
  try {
    buf = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, missing: code === 'ENOENT', reason: `cannot read it (${code ?? String(error)})` };
  }
  const bad = (reason: string): GloveCacheRead => ({ ok: false, missing: false, reason });

  if (buf.length < HEADER_BYTES || buf.toString('utf8', 0, MAGIC.length) !== MAGIC) return bad('not a GloVe cache file');
  let header: Header;
  try {
    header = JSON.parse(buf.toString('utf8', MAGIC.length, HEADER_BYTES).trimEnd()) as Header;
  } catch {
    return bad('unreadable header');
  }
  if (header.format !== GLOVE_CACHE_FORMAT) return bad(`format ${header.format}, expected ${GLOVE_CACHE_FORMAT}`);
  if (header.endianness !== os.endianness()) return bad(`written on a ${header.endianness} machine`);
  const { size, dim, slotCount } = header;
  const consistent =
    typeof header.source === 'object' && header.source !== null &&
    size > 0 && dim > 0 && slotCount >= size &&
    header.normsOffset === HEADER_BYTES + size * dim * 4 &&
    header.offsetsOffset === header.normsOffset + size * 4 &&
    header.slotsOffset === header.offsetsOffset + (size + 1) * 4 &&
    header.bytesOffset === header.slotsOffset + slotCount * 4 &&
    header.totalBytes >= header.bytesOffset;
  if (!consistent) return bad('inconsistent header');
  if (buf.length !== header.totalBytes) return bad(`${buf.length} bytes, header says ${header.totalBytes} (truncated?)`);
  if (expected && (expected.package !== header.source.package || expected.version !== header.source.version || expected.bytes !== header.source.bytes)) {
    const s = header.source;
    return bad(`made from ${s.package}@${s.version} (${s.bytes} bytes), installed is ${expected.package}@${expected.version} (${expected.bytes} bytes)`);
  }
  if (crc32(buf.subarray(header.normsOffset)) !== header.crc32) return bad('checksum mismatch (damaged file)');

  // Typed-array views need aligned offsets; readFile's buffer normally starts at offset 0.
  const data = buf.byteOffset % 4 === 0 ? buf : Buffer.from(buf);
  const at = <T>(Type: new (b: ArrayBufferLike, offset: number, length: number) => T, offset: number, length: number) =>
    new Type(data.buffer, data.byteOffset + offset, length);
  const vectors = at(Float32Array, HEADER_BYTES, size * dim);
  const norms = at(Float32Array, header.normsOffset, size);
  const offsets = at(Uint32Array, header.offsetsOffset, size + 1);
  const slots = at(Int32Array, header.slotsOffset, slotCount);
  const bytes = at(Uint8Array, header.bytesOffset, header.totalBytes - header.bytesOffset);
  if (offsets[0] !== 0 || offsets[size] !== bytes.length) return bad('word offsets do not match the word bytes');
  const damaged = firstDamagedVector(vectors, norms, dim);
  if (damaged >= 0) return bad(`vector ${damaged} does not match its stored norm (damaged file)`);

  let words: WordTable;
  try {
    words = new WordTable({ bytes, offsets, slots });
  } catch (error) {
    return bad((error as Error).message);
  }
  return { ok: true, tables: { words, dim, vectors, norms }, source: header.source };
}

/** Recomputes the norm of ~1,000 evenly spread vectors (and the last); -1 when all agree. */
function firstDamagedVector(vectors: Float32Array, norms: Float32Array, dim: number): number {
  const size = norms.length;
  for (let k = 0; k <= 1000; k++) {
    const i = Math.floor((k * (size - 1)) / 1000);
    let sq = 0;
    for (let d = i * dim, end = d + dim; d < end; d++) sq += vectors[d] * vectors[d];
    if (!(Math.abs(Math.sqrt(sq) - norms[i]) <= 1e-4 * Math.max(1, norms[i]))) return i;
  }
  return -1;
}
