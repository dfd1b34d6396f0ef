/**
 * The vector half of retrieval: an HNSW graph (hnswlib-node) over unit vectors, cosine distance,
 * plus the exact scan it is measured against.
 */
import hnswlib from 'hnswlib-node';

export interface HnswOptions {
  /** Graph degree (default 16). */
  m: number;
  /** Candidate list size while building (default 100): higher builds slower, recalls better. */
  efConstruction: number;
  /** Candidate list size while searching (default 100). */
  efSearch: number;
}

export const DEFAULT_HNSW: HnswOptions = { m: 16, efConstruction: 100, efSearch: 100 };

export interface VectorHit {
  /** Passage number. */
  id: number;
  /** Cosine similarity. */
  score: number;
}

export interface VectorIndex {
  readonly dim: number;
  readonly size: number;
  /** The `k` nearest passages; `accept`, when given, admits a passage inside the graph search. */
  search(query: Float32Array, k: number, accept?: (id: number) => boolean): VectorHit[];
  save(file: string): void;
}

const SEED = 100;

/** In a label map, a label whose passage was removed (its point is marked deleted in the graph). */
export const NO_PASSAGE = 0xffffffff;

/**
 * The graph and what its labels mean. A graph built whole labels passage i with i; one extended in
 * place keeps its old labels, gives new passages new ones, and maps every label to its passage now.
 */
class HnswVectors implements VectorIndex {
  constructor(
    readonly graph: hnswlib.HierarchicalNSW,
    readonly dim: number,
    efSearch: number,
    /** Label → passage number; null when every label is its passage number. */
    readonly passageOf: Uint32Array | null,
  ) {
    graph.setEf(efSearch);
  }

  get size(): number {
    return this.graph.getCurrentCount();
  }

  search(query: Float32Array, k: number, accept?: (id: number) => boolean): VectorHit[] {
    const n = Math.min(k, this.graph.getCurrentCount());
    if (n === 0 || !isNonZero(query)) return [];
    const map = this.passageOf;
    const filter = accept && (map ? (label: number) => map[label] !== NO_PASSAGE && accept(map[label]!) : accept);
    const { neighbors, distances } = filter ? this.graph.searchKnn(Array.from(query), n, filter) : this.graph.searchKnn(Array.from(query), n);
    return neighbors.map((label, i) => ({ id: map ? map[label]! : label, score: 1 - distances[i]! }));
  }

  save(file: string): void {
    this.graph.writeIndexSync(file);
  }
}

function wrap(index: hnswlib.HierarchicalNSW, dim: number, efSearch: number, passageOf: Uint32Array | null = null): VectorIndex {
  return new HnswVectors(index, dim, efSearch, passageOf);
}

/** The label map of a passage graph, for storing beside it: label → passage number (identity for a graph built whole). */
export function labelMap(index: VectorIndex, passages: number): Uint32Array {
  if (!(index instanceof HnswVectors)) throw new Error('not an HNSW passage graph');
  if (index.passageOf) return index.passageOf;
  const identity = new Uint32Array(passages);
  for (let i = 0; i < passages; i++) identity[i] = i;
  return identity;
}

export interface VectorChange {
  /** Passages of the graph's index so far. */
  oldPassages: number;
  /** Old passage number → new passage number, or -1 for a passage removed. */
  newPassageOf: Int32Array;
  /** New passages and their vectors (a zero vector gets a slot but no point: it matches nothing, as in a whole build). */
  added: Array<{ passage: number; vector: Float32Array }>;
}

/** A change to the graph in slots (its labels), in the order it is applied: what the log records. */
export interface SlotChange {
  /** Slot → passage number after the change (NO_PASSAGE for a deleted slot). */
  passageOf: Uint32Array;
  /** Share of the slots now deleted, for the caller to rebuild the graph whole when it grows large. */
  deletedShare: number;
  /** Slots deleted, in slot order. */
  deleted: number[];
  /** Slots added, one per new passage, after the deletions. */
  added: Array<{ slot: number; passage: number }>;
}

/** A graph changed in place, and the change in slots. */
export interface VectorExtension extends SlotChange {
  index: VectorIndex;
}

/**
 * The slots a change gives a graph whose slot map is `old` (slot → old passage number): a slot whose
 * passage went is deleted, every new passage gets the next new slot. Pure, so that a build can tell
 * what the change costs (and log it) without loading the graph.
 */
export function slotChange(old: Uint32Array, newPassageOf: Int32Array, addedPassages: readonly number[]): SlotChange {
  const passageOf = new Uint32Array(old.length + addedPassages.length).fill(NO_PASSAGE);
  const deleted: number[] = [];
  let dead = 0;
  for (let label = 0; label < old.length; label++) {
    const was = old[label]!;
    const now = was === NO_PASSAGE ? -1 : newPassageOf[was]!;
    if (now >= 0) {
      passageOf[label] = now;
      continue;
    }
    dead++;
    if (was !== NO_PASSAGE) deleted.push(label);
  }
  const added = addedPassages.map((passage, i) => {
    const slot = old.length + i;
    passageOf[slot] = passage;
    return { slot, passage };
  });
  return { passageOf, deletedShare: passageOf.length === 0 ? 0 : dead / passageOf.length, deleted, added };
}

/**
 * Applies a change to a graph in place, at the cost of the change (`slotChange`): removed passages'
 * points are marked deleted (hnswlib skips them in results but keeps them as stepping stones), new
 * passages' points are inserted under new slots, and the slot map is rewritten in memory (4 bytes a
 * slot). `index` must not be used afterwards; the result replaces it. A reader replaying the same
 * change from the log (`replayLog`) makes the same graph: the same operations in the same order.
 */
export function extendVectorIndex(index: VectorIndex, change: VectorChange, efSearch: number): VectorExtension {
  if (!(index instanceof HnswVectors)) throw new Error('not an HNSW passage graph');
  const { graph } = index;
  const slots = slotChange(labelMap(index, change.oldPassages), change.newPassageOf, change.added.map((a) => a.passage));
  for (const slot of slots.deleted) markDeleted(graph, slot);
  slots.added.forEach(({ slot }, i) => addToGraph(graph, change.added[i]!.vector, slot));
  return { ...slots, index: new HnswVectors(graph, index.dim, efSearch, slots.passageOf) };
}

/** Marks a slot's point deleted; a slot never given a point (a zero vector) has nothing to mark. */
function markDeleted(graph: hnswlib.HierarchicalNSW, slot: number): void {
  try {
    graph.markDelete(slot);
  } catch {
    /* no point under this slot */
  }
}

/** Inserts a vector under `slot`, growing the graph by a quarter when it is full; a zero vector gets no point. */
function addToGraph(graph: hnswlib.HierarchicalNSW, vector: Float32Array, slot: number): void {
  if (!isNonZero(vector)) return;
  if (graph.getCurrentCount() + 1 > graph.getMaxElements()) graph.resizeIndex(Math.max(graph.getCurrentCount() + 1, Math.ceil(graph.getMaxElements() * 1.25)));
  graph.addPoint(Array.from(vector), slot);
}

/**
 * Replays a stored graph's log onto its snapshot, as `extendVectorIndex` applied it, one record per
 * step (an insert into a 100k graph takes about 0.4 ms); `final` removes SIF's component from a raw
 * vector. `onError` turns hnswlib's refusal of a record into the error to throw (naming the file).
 */
export function* replayLog(
  index: VectorIndex,
  segments: ReadonlyArray<{ name: string; records: ReadonlyArray<{ op: 'add'; slot: number; raw: Float32Array } | { op: 'delete'; slot: number }> }>,
  final: (raw: Float32Array) => Float32Array,
  onError: (segment: string, err: unknown) => Error,
): Generator<void, void> {
  if (!(index instanceof HnswVectors)) throw new Error('not an HNSW passage graph');
  const { graph } = index;
  for (const segment of segments) {
    for (const r of segment.records) {
      try {
        if (r.op === 'delete') markDeleted(graph, r.slot);
        else addToGraph(graph, final(r.raw), r.slot);
      } catch (err) {
        throw onError(segment.name, err);
      }
      if (r.op === 'add') yield;
    }
  }
}

export function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/** Cosine similarity (0 when either vector is zero). */
export function cosine(a: Float32Array, b: Float32Array): number {
  const n = Math.sqrt(dot(a, a) * dot(b, b));
  return n === 0 ? 0 : dot(a, b) / n;
}

function isNonZero(v: Float32Array): boolean {
  for (let i = 0; i < v.length; i++) if (v[i] !== 0) return true;
  return false;
}

/** Builds the graph over `vectors` (row i is passage i). Zero vectors are left out: they match nothing. */
export function buildVectorIndex(
  vectors: Float32Array[],
  dim: number,
  options: HnswOptions,
  onProgress?: (done: number) => void,
): VectorIndex {
  const index = new hnswlib.HierarchicalNSW('cosine', dim);
  index.initIndex({ maxElements: Math.max(1, vectors.length), m: options.m, efConstruction: options.efConstruction, randomSeed: SEED });
  vectors.forEach((v, i) => {
    if (isNonZero(v)) index.addPoint(Array.from(v), i);
    if (onProgress && (i + 1) % 1000 === 0) onProgress(i + 1);
  });
  onProgress?.(vectors.length);
  return wrap(index, dim, options.efSearch);
}

/** Reads a saved graph; `passageOf` is its label map when its labels are not passage numbers. */
export function loadVectorIndex(file: string, dim: number, efSearch: number, passageOf: Uint32Array | null = null): VectorIndex {
  const index = new hnswlib.HierarchicalNSW('cosine', dim);
  index.readIndexSync(file);
  return wrap(index, dim, efSearch, passageOf);
}

/** `loadVectorIndex` with hnswlib reading the file on a thread of its own (a running server's way: 50 ms and more at 100k passages). */
export async function loadVectorIndexOffThread(file: string, dim: number, efSearch: number, passageOf: Uint32Array | null = null): Promise<VectorIndex> {
  const index = new hnswlib.HierarchicalNSW('cosine', dim);
  if (!(await index.readIndex(file))) throw new Error(`hnswlib did not read ${file}`);
  return wrap(index, dim, efSearch, passageOf);
}

/**
 * Exact top-k by cosine among the vectors `ids` names (unit vectors packed in one array): a search
 * confined to a few eligible passages, where a filtered graph search would wander the whole graph.
 */
export function exactSearchAmong(packed: Float32Array, dim: number, query: Float32Array, ids: ArrayLike<number>, k: number): VectorHit[] {
  const scored: VectorHit[] = [];
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    let dot = 0;
    const base = id * dim;
    for (let j = 0; j < dim; j++) dot += packed[base + j]! * query[j]!;
    scored.push({ id, score: dot });
  }
  return scored.sort((a, b) => b.score - a.score || a.id - b.id).slice(0, k);
}

/** Exact top-k by cosine over unit vectors packed in one array: the yardstick for HNSW recall. */
export function exactSearch(packed: Float32Array, dim: number, query: Float32Array, k: number): VectorHit[] {
  const n = packed.length / dim;
  const top: VectorHit[] = [];
  for (let i = 0; i < n; i++) {
    let dot = 0;
    const base = i * dim;
    for (let j = 0; j < dim; j++) dot += packed[base + j]! * query[j]!;
    if (top.length < k) {
      top.push({ id: i, score: dot });
      if (top.length === k) top.sort((a, b) => a.score - b.score);
    } else if (dot > top[0]!.score) {
      top[0] = { id: i, score: dot };
      // Keep the smallest first; k is small, so one insertion pass is enough.
      for (let j = 0; j + 1 < top.length && top[j]!.score > top[j + 1]!.score; j++) {
        [top[j], top[j + 1]] = [top[j + 1]!, top[j]!];
      }
    }
  }
  return top.sort((a, b) => b.score - a.score);
}
