/**
 * The passage graph as both reads take it from a generation's files (layout 10): the snapshot's
 * slots resolved to passages, the graph loaded with that map, then its log replayed onto it. The
 * read at once runs these steps whole, the read in steps between turns of the event loop; the
 * order and the errors are the same.
 */
import path from 'node:path';
import type { Passage } from '../corpus/types.js';
import { removeComponent } from '../embed/sif.js';
import { damaged } from './index-checks.js';
import { lexicalLogName } from './lexical-segments.js';
import { INDEX_FILES, type Manifest } from './manifest.js';
import { groupLogName } from './incident-group-log.js';
import { incidentLogName } from './incident-log.js';
import { recordLogName } from './record-log.js';
import { packRawVectors, rowsOf, slotState, type SlotState } from './vector-slots.js';
import { replayLog, type VectorIndex } from './vectors.js';

/** Every file a generation stores besides its manifest: the fixed ones, then its graph's log segments in order, then their postings segments, then their record segments. */
export function storedNames(manifest: Manifest): string[] {
  const { vectorLog } = manifest;
  return [...Object.values(INDEX_FILES), ...vectorLog, ...vectorLog.map(lexicalLogName), ...vectorLog.map(recordLogName), ...vectorLog.map(incidentLogName), ...vectorLog.map(groupLogName)];
}

/** The slots of the generation in `location`, from its checked files' bytes (`bytesOf` gives a file's, by name). */
export function slotsOf(location: string, manifest: Manifest, passages: readonly Passage[], bytesOf: (name: string) => Buffer): Generator<void, SlotState> {
  const at = (name: string) => path.join(location, name);
  const log = manifest.vectorLog.map((name) => ({ name, file: at(name), bytes: bytesOf(name) }));
  const raw = { bytes: manifest.checksums[INDEX_FILES.rawVectors]!.bytes, file: at(INDEX_FILES.rawVectors) };
  return slotState({ bytes: bytesOf(INDEX_FILES.slots), file: at(INDEX_FILES.slots) }, log, passages, manifest.embedder.dim, raw);
}

/** Replays the log onto a graph loaded from the snapshot with the slots' map, one insert per step. */
export function* replayed(vectors: VectorIndex, state: SlotState, location: string, manifest: Manifest): Generator<void, VectorIndex> {
  const component = manifest.embedder.commonComponent ? Float32Array.from(manifest.embedder.commonComponent) : null;
  const final = component ? (raw: Float32Array) => removeComponent(raw, component) : (raw: Float32Array) => raw;
  yield* replayLog(vectors, state.log.segments, final, (name, err) => damaged(path.join(location, name), `hnswlib refused a record of it (${(err as Error).message})`));
  return vectors;
}

/** Every passage's raw vector (row i for passage i), from the snapshot's raw vectors and the log. */
export function rawVectorsOf(snapshot: Buffer, state: SlotState, passages: number, dim: number): Float32Array[] {
  return rowsOf(packRawVectors(snapshot, state, passages, dim), dim);
}
