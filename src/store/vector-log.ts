/**
 * The passage graph's log (layout 10): what changed in the graph since its snapshot
 * (`vectors.hnsw`, `vectors.f32`, `vectors.ids`), as records in files of their own. hnswlib saves
 * only a whole graph (55 MB at 100k passages), so an add writes its few new vectors and deleted
 * slots here instead, and a reader replays them onto the snapshot (`addPoint`, `markDelete`).
 *
 * A generation's log is a chain of segment files, `vectors.log.1`, `vectors.log.2`, …, listed in
 * order in the manifest (`vectorLog`), each checksummed there like any stored file. A build that
 * logs its change hard-links the previous generation's segments and writes one new segment holding
 * only its own records, so it writes bytes in proportion to the change, and no published file is
 * ever written again (the previous generation stays whole whatever happens to the build). The
 * chain is bounded: past MAX_LOG_SEGMENTS the segments are folded into one new file, and past
 * DEFAULT_MAX_LOGGED_VECTORS added vectors (each replayed at every open) a new snapshot is written.
 */

/**
 * Vectors added through the log before a build writes a snapshot again (default of the build's
 * `maxLoggedVectors`). Every open replays them, and so does every build (it reads the previous
 * generation): 1,001 logged vectors took 0.50–0.66 s to replay into a 100k-passage graph on the 2
 * shared cores, so at this bound the log adds at most about 0.3 s to an open or an add there,
 * while a snapshot (95 MB at 100k passages, 1–2 s to write) comes once per 512 added passages.
 */
export const DEFAULT_MAX_LOGGED_VECTORS = 512;

/** Segment files a log may have before a build folds them into one (it writes all their records again, a few MB at most). */
export const MAX_LOG_SEGMENTS = 16;

/** One change to the passage graph: a new slot (its passage id and raw vector), or a slot deleted. */
export type VectorRecord = { op: 'add'; slot: number; id: string; raw: Float32Array } | { op: 'delete'; slot: number };

/** A segment of the log: its file name and records. */
export interface LogSegment {
  name: string;
  records: VectorRecord[];
}

const MAGIC = 'SVL1';
const HEADER_BYTES = 12;
const ADD = 1;
const DELETE = 2;
const NAME = /^vectors\.log\.([1-9]\d{0,8})$/;

/** Why a log segment cannot be read. */
export class VectorLogError extends Error {}

/** Whether `name` is a log segment's file name (a manifest naming anything else is refused). */
export function isLogName(name: string): boolean {
  return NAME.test(name);
}

/**
 * The segment of another part of the index that goes with the graph's log segment `vectorLogName`
 * (`vectors.log.N` → `<part>.log.N`): the postings', the records', the incident reports' and the
 * incidents' segments are named, linked and folded with the graph's.
 */
export function companionLogName(vectorLogName: string, part: 'lexical' | 'records' | 'incidents' | 'groups'): string {
  const n = NAME.exec(vectorLogName)?.[1];
  if (n === undefined) throw new Error(`${vectorLogName} is not a vector log file name`);
  return `${part}.log.${n}`;
}

/** The name of the segment after the last of `names`. */
export function nextLogName(names: readonly string[]): string {
  const last = names.length === 0 ? 0 : Number(NAME.exec(names.at(-1)!)?.[1] ?? 0);
  return `vectors.log.${last + 1}`;
}

/** Vectors the log's records add. */
export function addedCount(segments: readonly LogSegment[]): number {
  let n = 0;
  for (const s of segments) for (const r of s.records) if (r.op === 'add') n++;
  return n;
}

/**
 * A segment's bytes: "SVL1", the vector dimension and the record count (uint32 LE), then each record:
 * its kind (1 add, 2 delete) and slot (uint32); an add then holds its passage id (uint16 length and
 * UTF-8 bytes) and raw vector (dim float32 LE).
 */
export function encodeLogSegment(records: readonly VectorRecord[], dim: number): Buffer {
  const ids = records.map((r) => (r.op === 'add' ? Buffer.from(r.id, 'utf8') : null));
  let size = HEADER_BYTES;
  records.forEach((r, i) => (size += 5 + (r.op === 'add' ? 2 + ids[i]!.length + dim * 4 : 0)));
  const out = Buffer.alloc(size);
  out.write(MAGIC, 0, 'latin1');
  out.writeUInt32LE(dim, 4);
  out.writeUInt32LE(records.length, 8);
  let at = HEADER_BYTES;
  records.forEach((r, i) => {
    out[at] = r.op === 'add' ? ADD : DELETE;
    out.writeUInt32LE(r.slot, at + 1);
    at += 5;
    if (r.op === 'delete') return;
    if (r.raw.length !== dim) throw new Error(`a logged vector has ${r.raw.length} dimensions, not ${dim}`);
    const id = ids[i]!;
    if (id.length === 0 || id.length > 0xffff || id.includes(0x0a)) throw new Error(`passage id ${JSON.stringify(r.id)} cannot be logged`);
    out.writeUInt16LE(id.length, at);
    id.copy(out, at + 2);
    at += 2 + id.length;
    for (let j = 0; j < dim; j++, at += 4) out.writeFloatLE(r.raw[j]!, at);
  });
  return out;
}

/** The records of a segment's bytes, every field checked (throws VectorLogError saying what is wrong). */
export function decodeLogSegment(bytes: Buffer, dim: number): VectorRecord[] {
  if (bytes.length < HEADER_BYTES || bytes.toString('latin1', 0, 4) !== MAGIC) throw new VectorLogError('it does not start as a vector log');
  if (bytes.readUInt32LE(4) !== dim) throw new VectorLogError(`it holds vectors of ${bytes.readUInt32LE(4)} dimensions, the index ${dim}`);
  const count = bytes.readUInt32LE(8);
  const records: VectorRecord[] = [];
  let at = HEADER_BYTES;
  const need = (n: number) => {
    if (at + n > bytes.length) throw new VectorLogError(`record ${records.length + 1} of ${count} runs past its end`);
  };
  while (records.length < count) {
    need(5);
    const op = bytes[at]!;
    const slot = bytes.readUInt32LE(at + 1);
    at += 5;
    if (op === DELETE) {
      records.push({ op: 'delete', slot });
      continue;
    }
    if (op !== ADD) throw new VectorLogError(`record ${records.length + 1} is of no known kind (${op})`);
    need(2);
    const idLength = bytes.readUInt16LE(at);
    need(2 + idLength + dim * 4);
    const id = bytes.toString('utf8', at + 2, at + 2 + idLength);
    at += 2 + idLength;
    if (id.length === 0 || id.includes('\n')) throw new VectorLogError(`record ${records.length + 1} names no passage`);
    const raw = new Float32Array(dim);
    for (let j = 0; j < dim; j++, at += 4) raw[j] = bytes.readFloatLE(at);
    records.push({ op: 'add', slot, id, raw });
  }
  if (at !== bytes.length) throw new VectorLogError(`it has ${bytes.length - at} bytes after its ${count} records`);
  return records;
}

/** The snapshot's slot table (`vectors.ids`): each slot's passage id on a line, an empty line for a slot deleted. */
export function encodeSlotIds(ids: readonly string[]): Buffer {
  return Buffer.from(ids.map((id) => `${id}\n`).join(''), 'utf8');
}

export function decodeSlotIds(bytes: Buffer): string[] {
  if (bytes.length === 0) return [];
  const text = bytes.toString('utf8');
  if (!text.endsWith('\n')) throw new VectorLogError('its last line is cut short');
  return text.slice(0, -1).split('\n');
}
