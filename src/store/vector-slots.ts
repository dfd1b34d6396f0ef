/**
 * The passage graph's slots (layout 10): slot s is the graph's label s, a passage's raw vector is
 * row s of the snapshot's `vectors.f32` or a record of the log, and `vectors.ids` names the passage
 * of each snapshot slot by id. A slot is keyed by passage id, not by position, so that an article
 * added before others moves no slot and the snapshot files stay as they were. A reader resolves the
 * ids to passage numbers (`slotState`), checking that every passage has exactly one live slot.
 */
import type { Passage } from '../corpus/types.js';
import { damaged } from './index-checks.js';
import { INDEX_FILES } from './manifest.js';
import { NO_PASSAGE } from './vectors.js';
import { addedCount, decodeLogSegment, decodeSlotIds, encodeSlotIds, VectorLogError, type LogSegment, type VectorRecord } from './vector-log.js';

/** The log a generation was read with, kept for the next build (which links or folds it) and for the raw vectors. */
export interface StoredVectorLog {
  segments: LogSegment[];
  /** Vectors its records add. */
  added: number;
  /** Slots of the snapshot: the log's added slots come after them. */
  snapshotSlots: number;
}

export interface SlotState {
  /** Slot → passage number (NO_PASSAGE for a slot deleted); null when every slot is its passage number. */
  passageOf: Uint32Array | null;
  log: StoredVectorLog;
}

/** A stored file's bytes and its path (for messages). */
export interface StoredBytes {
  bytes: Buffer;
  file: string;
}

/**
 * The slots of a stored graph: the snapshot's ids, the log's records applied to them in order, each
 * live slot's passage found by id in `passages`. `rawBytes` is the size of the snapshot's raw
 * vectors (checked against its slot count). Damage is reported by the file that holds it.
 */
export function* slotState(
  ids: StoredBytes,
  log: Array<StoredBytes & { name: string }>,
  passages: readonly Passage[],
  dim: number,
  raw: { bytes: number; file: string },
): Generator<void, SlotState> {
  const slotIds = checked(ids.file, () => decodeSlotIds(ids.bytes));
  const snapshotSlots = slotIds.length;
  if (raw.bytes !== snapshotSlots * dim * 4) throw damaged(raw.file, `it has ${raw.bytes} bytes, ${INDEX_FILES.slots} names ${snapshotSlots} vectors of ${dim} dimensions`);
  const segments: LogSegment[] = [];
  const addedIn: string[] = [];
  for (const { bytes, file, name } of log) {
    const records = checked(file, () => decodeLogSegment(bytes, dim));
    records.forEach((r, i) => {
      if (r.op === 'add') {
        if (r.slot !== slotIds.length) throw damaged(file, `record ${i + 1} adds slot ${r.slot}, the next slot is ${slotIds.length}`);
        slotIds.push(r.id);
        addedIn.push(file);
      } else {
        if (r.slot >= slotIds.length || slotIds[r.slot] === '') throw damaged(file, `record ${i + 1} deletes slot ${r.slot}, which holds no passage`);
        slotIds[r.slot] = '';
      }
    });
    segments.push({ name, records });
    yield;
  }
  let all: Map<string, number> | undefined;
  let scans = 0;
  let next = 0;
  const passageOf = new Uint32Array(slotIds.length).fill(NO_PASSAGE);
  const hasSlot = new Uint8Array(passages.length);
  let identity = slotIds.length === passages.length;
  for (let s = 0; s < slotIds.length; s++) {
    const id = slotIds[s]!;
    if (id !== '') {
      const origin = s < snapshotSlots ? ids.file : addedIn[s - snapshotSlots]!;
      let p = nearPosition(passages, id, next);
      if (p === undefined && !all && scans < MAX_SCANS) {
        scans++;
        p = scannedPosition(passages, id);
      }
      if (p === undefined) p = (all ??= yield* positionsById(passages)).get(id);
      if (p !== undefined) next = p + 1;
      if (p === undefined) throw damaged(origin, `slot ${s} names passage ${id}, which ${INDEX_FILES.passages} does not hold`);
      if (hasSlot[p]) throw damaged(origin, `slot ${s} names passage ${id}, which another slot names`);
      hasSlot[p] = 1;
      passageOf[s] = p;
    }
    if (passageOf[s] !== s) identity = false;
    if ((s & 4095) === 4095) yield;
  }
  const missing = hasSlot.indexOf(0);
  if (missing >= 0) throw damaged(ids.file, `passage ${passages[missing]!.id} has no slot in the passage graph`);
  return { passageOf: identity ? null : passageOf, log: { segments, added: addedCount(segments), snapshotSlots } };
}

/** Passages a miss of the guessed position looks at on each side before the map of every id is made. */
const NEAR = 64;

/**
 * Where passage `id` is, looked for only near `next`, the position after the last one found: the
 * snapshot's slots run in passage order, shifted only where an add or a removal moved the passages
 * after it. Undefined when it is not near; only then does the reader scan for it, and past
 * MAX_SCANS misses make the map of all ids, which at a million passages took most of a second.
 */
function nearPosition(passages: readonly Passage[], id: string, next: number): number | undefined {
  for (let k = 0; k <= 2 * NEAR; k++) {
    // next, next + 1, next - 1, next + 2, …
    const p = k & 1 ? next + ((k + 1) >> 1) : next - (k >> 1);
    if (p >= 0 && p < passages.length && passages[p]!.id === id) return p;
  }
  return undefined;
}

/**
 * Misses looked up by a scan of every id before the map of all ids is made: the log's added slots
 * name the passages of a few added articles, each a run found near the one before once its first is
 * found, and a scan of a million ids costs a few milliseconds where the map took most of a second.
 */
const MAX_SCANS = 16;

/** Where passage `id` is, by a scan of every passage; undefined when none is. */
function scannedPosition(passages: readonly Passage[], id: string): number | undefined {
  for (let p = 0; p < passages.length; p++) if (passages[p]!.id === id) return p;
  return undefined;
}

/** Every passage's position by id, made in steps like the rest of the read. */
function* positionsById(passages: readonly Passage[]): Generator<void, Map<string, number>> {
  const all = new Map<string, number>();
  for (let i = 0; i < passages.length; i++) {
    all.set(passages[i]!.id, i);
    if ((i & 4095) === 4095) yield;
  }
  return all;
}

/** Slot → passage number of a read graph (`SlotState.passageOf`, or slot i for passage i), without loading the graph. */
export function slotMap(state: SlotState, passages: number): Uint32Array {
  if (state.passageOf) return state.passageOf;
  const identity = new Uint32Array(passages);
  for (let i = 0; i < passages; i++) identity[i] = i;
  return identity;
}

/** Every passage's raw vector, packed by passage number: from the snapshot's rows and the log's records. */
export function packRawVectors(snapshot: Buffer, state: SlotState, passages: number, dim: number): Float32Array {
  const packed = new Float32Array(passages * dim);
  const rows = new Float32Array(snapshot.byteLength / 4);
  new Uint8Array(rows.buffer).set(snapshot);
  const passageAt = (slot: number) => (state.passageOf ? state.passageOf[slot]! : slot);
  for (let s = 0; s < state.log.snapshotSlots; s++) {
    const p = passageAt(s);
    if (p !== NO_PASSAGE) packed.set(rows.subarray(s * dim, (s + 1) * dim), p * dim);
  }
  for (const segment of state.log.segments) {
    for (const r of segment.records) {
      const p = r.op === 'add' ? passageAt(r.slot) : NO_PASSAGE;
      if (r.op === 'add' && p !== NO_PASSAGE) packed.set(r.raw, p * dim);
    }
  }
  return packed;
}

/** Rows of a packed array, as views. */
export function rowsOf(packed: Float32Array, dim: number): Float32Array[] {
  const out: Float32Array[] = [];
  for (let i = 0; i < packed.length; i += dim) out.push(packed.subarray(i, i + dim));
  return out;
}

/**
 * A new snapshot's slot files: each slot's passage id (`vectors.ids`) and raw vector (`vectors.f32`;
 * zeros for a deleted slot), from the graph's slot → passage map (null: slot i is passage i).
 */
export function snapshotFiles(passageOf: Uint32Array | null, passages: readonly Passage[], rawVectors: readonly Float32Array[], dim: number): { ids: Buffer; raw: Buffer } {
  const slots = passageOf ? passageOf.length : passages.length;
  const rows = new Float32Array(slots * dim);
  const ids: string[] = [];
  for (let s = 0; s < slots; s++) {
    const p = passageOf ? passageOf[s]! : s;
    if (p === NO_PASSAGE) {
      ids.push('');
      continue;
    }
    ids.push(passages[p]!.id);
    rows.set(rawVectors[p]!, s * dim);
  }
  return { ids: encodeSlotIds(ids), raw: Buffer.from(rows.buffer, rows.byteOffset, rows.byteLength) };
}

/** A build's change to the graph as log records: the slots deleted, then the slots added, in the order they were applied. */
export function changeRecords(
  change: { deleted: readonly number[]; added: ReadonlyArray<{ slot: number; passage: number }> },
  passages: readonly Passage[],
  rawVectors: readonly Float32Array[],
): VectorRecord[] {
  return [
    ...change.deleted.map((slot): VectorRecord => ({ op: 'delete', slot })),
    ...change.added.map(({ slot, passage }): VectorRecord => ({ op: 'add', slot, id: passages[passage]!.id, raw: rawVectors[passage]! })),
  ];
}

function checked<T>(file: string, read: () => T): T {
  try {
    return read();
  } catch (err) {
    if (err instanceof VectorLogError) throw damaged(file, err.message);
    throw err;
  }
}
