/**
 * A small corpus built and extended through real builds, for the tests of the index's logged
 * segments (postings, records): stories whose files sort among the others, so that what comes
 * after an added one moves; a whole build of the same corpus to compare with; and the refusal both
 * reads give (a forger's rewrite of a
 * generation's files is in forge.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { buildIndex } from '../../src/store/build.js';
import { currentGeneration } from '../../src/store/generations.js';
import { readIndexInSteps } from '../../src/store/read-in-steps.js';
import { readIndex, type StoredIndex } from '../../src/store/stored-index.js';
import { article, hashEmbedder, tempDir, testConfig } from './fixtures.js';

export const PLACES = ['Aden', 'Hodeidah', 'Marib', 'Taiz', 'Sanaa', 'Mukalla', 'Ibb', 'Dhamar'];
/** A name of letters only for `i`, so that stories differ in their words. */
export const tag = (i: number) => [...i.toString(26)].map((c) => String.fromCharCode(97 + parseInt(c, 26))).join('');
export const story = (i: number, source = 'Wire') =>
  article(`Strike ${tag(i)}`, `A drone hit ${PLACES[i % 8]} near ${tag(i)}town. People in ${PLACES[(i * 3) % 8]} were hurt. Officials of ${tag(i)}burg counted craters.`, {
    published: `2024-03-${String((i % 28) + 1).padStart(2, '0')}`,
    source,
  });

export function logWorkspace(prefix: string) {
  const root = tempDir(prefix);
  const corpus = path.join(root, 'corpus');
  fs.mkdirSync(corpus);
  const embedder = hashEmbedder(16);
  const configFor = (indexDir: string) => testConfig({ CORPUS_DIR: corpus, INDEX_DIR: indexDir, PASSAGE_SENTENCES: '1', PASSAGE_OVERLAP: '0' });
  const indexDir = path.join(root, 'index');
  // Names sort the added articles among the others, so that passages after them move.
  const file = (i: number) => path.join(corpus, `s${String((i * 37) % 101).padStart(3, '0')}-${i}.md`);
  let wholeBuilds = 0;
  return {
    corpus,
    indexDir,
    build: () => buildIndex(configFor(indexDir), { embedder }),
    put: (i: number, source?: string) => fs.writeFileSync(file(i), story(i, source)),
    drop: (i: number) => fs.rmSync(file(i)),
    read: () => readIndex(indexDir, { efSearch: 50 }),
    /** The same corpus built whole, in a fresh index. */
    whole: async (): Promise<StoredIndex> => {
      const dir = path.join(root, `whole-${wholeBuilds++}`);
      await buildIndex(configFor(dir), { embedder });
      return readIndex(dir, { efSearch: 50 });
    },
  };
}

export const inode = (gen: string, name: string) => fs.statSync(path.join(gen, name)).ino;

/** The message a read throws (the one at once, checked against the one in steps). */
export async function refusal(indexDir: string): Promise<string> {
  let message = '';
  try {
    readIndex(indexDir, { efSearch: 50 });
  } catch (err) {
    message = (err as Error).message;
  }
  expect(message).not.toBe('');
  await expect(readIndexInSteps(indexDir, { efSearch: 50 })).rejects.toThrow(message);
  return message;
}

/** Five stories built whole, then two more added a build each: the generation, whose log holds two segments. */
export async function twoLoggedAdds(w: Pick<ReturnType<typeof logWorkspace>, 'put' | 'build' | 'indexDir'>): Promise<string> {
  for (let i = 0; i < 5; i++) w.put(i);
  await w.build();
  for (const i of [5, 6]) {
    w.put(i);
    await w.build();
  }
  return currentGeneration(w.indexDir)!;
}

/**
 * `file` (holding `bytes`) with a byte flipped, cut short, then missing: each refused naming it, by
 * both reads. The file is left missing.
 */
export async function expectDamageRefused(indexDir: string, file: string, bytes: Buffer): Promise<void> {
  const flipped = Buffer.from(bytes);
  flipped[Math.floor(flipped.length / 2)]! ^= 0x04;
  for (const [damage, why] of [
    [flipped, /checksum does not match/],
    [bytes.subarray(0, bytes.length - 7), /has \d+ bytes, the manifest says/],
    [null, /it is missing/],
  ] as Array<[Buffer | null, RegExp]>) {
    fs.rmSync(file, { force: true });
    if (damage) fs.writeFileSync(file, damage);
    const message = await refusal(indexDir);
    expect(message).toContain(`${file} is damaged`);
    expect(message).toMatch(why);
  }
}

/**
 * The stored incidents refused naming `file` (`why` the rest of the message) by both reads and by
 * the next build, which keeps the index it has.
 */
export async function expectIncidentsRefused(w: ReturnType<typeof logWorkspace>, file: string, why: RegExp): Promise<void> {
  const message = new RegExp(`${file.replaceAll('.', '\\.')} is damaged: ${why.source}`);
  expect(() => w.read().incidents).toThrow(message);
  await expect((await readIndexInSteps(w.indexDir, { efSearch: 50 })).incidentsInSteps()).rejects.toThrow(message);
  const before = fs.readFileSync(path.join(w.indexDir, 'CURRENT'), 'utf8');
  w.put(7);
  await expect(w.build()).rejects.toThrow(message);
  expect(fs.readFileSync(path.join(w.indexDir, 'CURRENT'), 'utf8')).toBe(before);
  w.drop(7);
}
