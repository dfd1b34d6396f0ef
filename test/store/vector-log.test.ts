/**
 * The passage graph as a snapshot plus a log: the log's format, a generation replayed from its log
 * against the same generation with its graph written whole, the log's bounds (a new snapshot, the
 * segments folded), and the damage a checksum cannot see.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildIndex } from '../../src/store/build.js';
import { currentGeneration } from '../../src/store/generations.js';
import { INDEX_FILES } from '../../src/store/manifest.js';
import { readIndexInSteps } from '../../src/store/read-in-steps.js';
import { readIndex, type StoredIndex } from '../../src/store/stored-index.js';
import { MAX_LOG_SEGMENTS, VectorLogError, decodeLogSegment, encodeLogSegment, type VectorRecord } from '../../src/store/vector-log.js';
import { labelMap } from '../../src/store/vectors.js';
import { SNAPSHOT_FILES } from '../../src/store/write-index.js';
import { article, hashEmbedder, tempDir, testConfig } from '../helpers/fixtures.js';

const DIM = 16;
const PLACES = ['Aden', 'Hodeidah', 'Marib', 'Taiz', 'Sanaa', 'Mukalla', 'Ibb', 'Dhamar', 'Saada', 'Amran', 'Hajjah', 'Lahij'];
const WEAPONS = ['missile', 'drone', 'rocket', 'shell', 'mortar', 'bomb'];

/** A word of letters only, its own for each `i` (the hash embedder reads letters, not digits). */
const tag = (i: number) => [...i.toString(26)].map((c) => String.fromCharCode(97 + parseInt(c, 26))).join('');

/** A small article whose every sentence has a word of its own, so that no two passages share a vector. */
const story = (i: number) =>
  article(`Strike ${tag(i)}`, `A ${WEAPONS[i % 6]} hit ${PLACES[i % 12]} near ${tag(i)}town. People in ${tag(i)}ville were hurt near ${PLACES[(i * 7) % 12]}. Officials of ${tag(i)}burg counted craters.`, {
    published: `2024-03-${String((i % 28) + 1).padStart(2, '0')}`,
  });

function workspace(maxLoggedVectors?: number) {
  const root = tempDir('sitrep-vlog-');
  const corpus = path.join(root, 'corpus');
  fs.mkdirSync(corpus);
  const indexDir = path.join(root, 'index');
  const config = testConfig({ CORPUS_DIR: corpus, INDEX_DIR: indexDir, PASSAGE_SENTENCES: '1', PASSAGE_OVERLAP: '0' });
  const embedder = hashEmbedder(DIM);
  const build = () => buildIndex(config, { embedder, ...(maxLoggedVectors !== undefined ? { maxLoggedVectors } : {}) });
  // Names sort the added articles among the others, so that passages after them move.
  const put = (i: number) => fs.writeFileSync(path.join(corpus, `s${String((i * 37) % 101).padStart(3, '0')}-${i}.md`), story(i));
  const drop = (i: number) => fs.rmSync(path.join(corpus, `s${String((i * 37) % 101).padStart(3, '0')}-${i}.md`));
  const read = () => readIndex(indexDir, { efSearch: 200, rawVectors: true });
  return { indexDir, build, put, drop, read, embedder };
}

/** What a generation's passage graph answers: each passage's raw vector as a query, its 5 nearest passages. */
function graphAnswers(index: StoredIndex) {
  return index.rawVectors.map((v) => index.vectors.search(v, 5).map((h) => h.id));
}

/** Where each snapshot file's bytes are on disk (a linked file keeps its inode; a generation is pruned two builds on). */
const snapshotInodes = (index: StoredIndex) => SNAPSHOT_FILES.map((name) => fs.statSync(path.join(index.location, name)).ino);

describe('the passage graph log', () => {
  it('reads back the records it was written with, and refuses any cut or stray byte', () => {
    const record: fc.Arbitrary<VectorRecord> = fc.oneof(
      fc.record({ op: fc.constant('delete' as const), slot: fc.nat() }),
      fc.record({
        op: fc.constant('add' as const),
        slot: fc.nat(),
        id: fc.string({ minLength: 1, maxLength: 20 }).filter((s) => !s.includes('\n')),
        raw: fc.array(fc.float({ noNaN: true }), { minLength: 4, maxLength: 4 }).map((a) => Float32Array.from(a)),
      }),
    );
    fc.assert(
      fc.property(fc.array(record, { maxLength: 12 }), fc.nat(), (records, cut) => {
        const bytes = encodeLogSegment(records, 4);
        expect(decodeLogSegment(bytes, 4)).toEqual(records);
        expect(() => decodeLogSegment(bytes.subarray(0, cut % bytes.length), 4)).toThrow(VectorLogError);
        expect(() => decodeLogSegment(Buffer.concat([bytes, Buffer.from([0])]), 4)).toThrow(VectorLogError);
        expect(() => decodeLogSegment(bytes, 5)).toThrow(VectorLogError);
      }),
      { numRuns: 200, seed: 7 },
    );
  });

  it('replays adds and removals onto the snapshot into the graph a build writes whole, read at once and in steps', async () => {
    const logged = workspace();
    const whole = workspace(0);
    for (const w of [logged, whole]) for (let i = 0; i < 30; i++) w.put(i);
    const steps: Array<(w: typeof logged) => void> = [
      (w) => [30, 31, 32].forEach(w.put),
      (w) => [3, 17].forEach(w.drop),
      (w) => [33, 34].forEach(w.put),
      (w) => w.drop(31),
    ];
    await logged.build();
    await whole.build();
    const snapshot = snapshotInodes(logged.read());
    for (const [n, change] of steps.entries()) {
      change(logged);
      change(whole);
      await logged.build();
      await whole.build();
      const a = logged.read();
      const b = whole.read();
      expect(a.manifest.vectorLog).toHaveLength(n + 1);
      expect(b.manifest.vectorLog).toEqual([]);
      expect(snapshotInodes(a)).toEqual(snapshot);
      expect(a.passages).toEqual(b.passages);
      expect(a.rawVectors).toEqual(b.rawVectors);
      expect(labelMap(a.vectors, a.passages.length)).toEqual(labelMap(b.vectors, b.passages.length));
      expect(a.vectors.size).toBe(b.vectors.size);
      expect(graphAnswers(a)).toEqual(graphAnswers(b));
      // The postings merged from the base and the log's segments are those of the snapshot written at every build.
      expect(a.lexical.serialize().equals(b.lexical.serialize())).toBe(true);
      let turns = 0;
      const stepped = await readIndexInSteps(logged.indexDir, { efSearch: 200, rawVectors: true }, async () => void turns++);
      expect(graphAnswers(stepped)).toEqual(graphAnswers(a));
      expect(stepped.lexical.serialize().equals(a.lexical.serialize())).toBe(true);
      expect(stepped.rawVectors).toEqual(a.rawVectors);
      expect(turns).toBeGreaterThan(0);
    }
  }, 60_000);

  it('writes a snapshot again once the log would pass its bound, and links it afterwards', async () => {
    const w = workspace(4);
    for (let i = 0; i < 10; i++) w.put(i);
    await w.build();
    const first = snapshotInodes(w.read());
    // Three passages a story: one add stays within four logged vectors, the second passes them.
    w.put(10);
    await w.build();
    const logged = w.read();
    expect(logged.manifest.vectorLog).toEqual(['vectors.log.1']);
    expect(logged.vectorSlots.log.added).toBe(3);
    w.put(11);
    await w.build();
    const snapshot = w.read();
    expect(snapshot.manifest.vectorLog).toEqual([]);
    snapshotInodes(snapshot).forEach((ino, i) => expect(ino).not.toBe(first[i]));
    // The new snapshot keeps the slots the log gave: nothing was renumbered.
    const slotIds = (index: StoredIndex) => [...labelMap(index.vectors, index.passages.length)].map((p) => index.passages[p]?.id ?? '');
    expect(slotIds(snapshot).slice(0, 33)).toEqual(slotIds(logged));
    expect(slotIds(snapshot)).toHaveLength(36);
    w.drop(2);
    await w.build();
    const after = w.read();
    expect(after.manifest.vectorLog).toEqual(['vectors.log.1']);
    expect(snapshotInodes(after)).toEqual(snapshotInodes(snapshot));
    expect(graphAnswers(after).every((ids, p) => ids[0] === p)).toBe(true);
  }, 60_000);

  it(`folds its segments into one past ${MAX_LOG_SEGMENTS}, keeping every record`, async () => {
    const w = workspace();
    for (let i = 0; i < 5; i++) w.put(i);
    await w.build();
    for (let i = 5; i < 5 + MAX_LOG_SEGMENTS; i++) {
      w.put(i);
      await w.build();
    }
    const full = w.read();
    expect(full.manifest.vectorLog).toHaveLength(MAX_LOG_SEGMENTS);
    w.put(100);
    await w.build();
    const folded = w.read();
    expect(folded.manifest.vectorLog).toEqual([`vectors.log.${MAX_LOG_SEGMENTS + 1}`]);
    expect(folded.vectorSlots.log.added).toBe(full.vectorSlots.log.added + 3);
    expect(graphAnswers(folded).every((ids, p) => ids[0] === p)).toBe(true);
  }, 60_000);

  it('refuses a log that passes its checksum but does not fit the snapshot, naming the file', async () => {
    const w = workspace();
    for (let i = 0; i < 5; i++) w.put(i);
    await w.build();
    w.put(5);
    await w.build();
    const gen = currentGeneration(w.indexDir)!;
    const name = 'vectors.log.1';
    const records = decodeLogSegment(fs.readFileSync(path.join(gen, name)), DIM);
    const manifestFile = path.join(gen, 'manifest.json');
    const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
    const forge = (changed: VectorRecord[]) => {
      const bytes = encodeLogSegment(changed, DIM);
      fs.rmSync(path.join(gen, name));
      fs.writeFileSync(path.join(gen, name), bytes);
      manifest.checksums[name] = { sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length };
      const text = JSON.stringify(manifest, null, 2);
      fs.writeFileSync(manifestFile, text);
      fs.writeFileSync(path.join(gen, 'manifest.sha256'), `${createHash('sha256').update(text).digest('hex')}\n`);
    };
    const add = records.find((r) => r.op === 'add')!;
    for (const [changed, why] of [
      [records.map((r) => (r === add ? { ...add, slot: add.slot + 1 } : r)), /adds slot/],
      [[...records, { op: 'delete', slot: 10_000 }], /deletes slot/],
      [records.map((r) => (r === add ? { ...add, id: 'no-such-passage' } : r)), /no-such-passage/],
    ] as Array<[VectorRecord[], RegExp]>) {
      forge(changed);
      const message = (() => {
        try {
          readIndex(w.indexDir, { efSearch: 50 });
          return '';
        } catch (err) {
          return (err as Error).message;
        }
      })();
      expect(message).toMatch(why);
      expect(message).toContain(path.join(gen, name));
      await expect(readIndexInSteps(w.indexDir, { efSearch: 50 })).rejects.toThrow(message);
    }
    expect(fs.existsSync(path.join(gen, INDEX_FILES.slots))).toBe(true);
  }, 60_000);

  it('links the snapshot unread on an add the log takes; a damaged snapshot is refused by readers and rebuilt by the next build', async () => {
    const w = workspace();
    for (let i = 0; i < 6; i++) w.put(i);
    await w.build();
    const before = w.read();
    const file = path.join(before.location, INDEX_FILES.vectors);
    // Written in place (the same inode), as damage on disk would be: the add must not read it to link it.
    flipMiddleByte(file);
    w.put(6);
    const added = await w.build();
    expect(added.reused).toBe(before.passages.length);
    const gen = currentGeneration(w.indexDir)!;
    expect(gen).not.toBe(before.location);
    expect(fs.statSync(path.join(gen, INDEX_FILES.vectors)).ino).toBe(fs.statSync(file).ino);
    expect(() => w.read()).toThrowError(new RegExp(`${gen}/${INDEX_FILES.vectors}.*checksum.*npm run index`));
    // With no change to the corpus, the whole index is checked: the damage is found and the graph written anew.
    await w.build();
    const repaired = w.read();
    expect(repaired.location).not.toBe(gen);
    expect(repaired.passages.length).toBe(before.passages.length + 3);
    expect(graphAnswers(repaired).every((ids, p) => ids[0] === p)).toBe(true);
  }, 60_000);

  it('builds everything again when a build that must write a snapshot finds the previous one damaged', async () => {
    // Bound 0: every build writes a snapshot, so it reads the previous graph and raw vectors.
    const w = workspace(0);
    for (let i = 0; i < 6; i++) w.put(i);
    await w.build();
    const before = w.read();
    const file = path.join(before.location, INDEX_FILES.rawVectors);
    flipMiddleByte(file);
    w.put(6);
    const added = await w.build();
    expect(added.reused).toBe(0);
    const after = w.read();
    expect(after.passages.length).toBe(before.passages.length + 3);
    expect(graphAnswers(after).every((ids, p) => ids[0] === p)).toBe(true);
  }, 60_000);
});

/** Damages a stored file in place, as a bad disk would: its middle byte flipped, its inode kept. */
function flipMiddleByte(file: string): void {
  const bytes = fs.readFileSync(file);
  bytes[Math.floor(bytes.length / 2)]! ^= 0xff;
  fs.writeFileSync(file, bytes);
}
