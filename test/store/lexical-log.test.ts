/**
 * The postings of a generation as a base plus one segment per segment of the passage graph's log
 * (layout 11), through real builds: an add the log takes links the base and writes only its
 * segment, the merged postings stay those of a whole build through adds, removals and a fold, and a
 * damaged, shortened, missing or reordered segment is refused by name by both reads.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { currentGeneration } from '../../src/store/generations.js';
import { INDEX_FILES } from '../../src/store/manifest.js';
import { readIndexInSteps } from '../../src/store/read-in-steps.js';
import { MAX_LOG_SEGMENTS } from '../../src/store/vector-log.js';
import { forge } from '../helpers/forge.js';
import { expectDamageRefused, inode, logWorkspace, refusal, twoLoggedAdds } from '../helpers/log-workspace.js';

const workspace = () => {
  const w = logWorkspace('sitrep-lexlog-');
  /** The postings of the same corpus built whole, in a fresh index. */
  return { ...w, wholePostings: async () => (await w.whole()).lexical.serialize() };
};

describe('the postings log', () => {
  it('links the base on an add, writes only the added postings, and merges into a whole build through removals and a fold', async () => {
    const w = workspace();
    for (let i = 0; i < 5; i++) w.put(i);
    await w.build();
    const first = w.read().location;
    w.put(5);
    await w.build();
    const added = w.read();
    expect(added.manifest.vectorLog).toEqual(['vectors.log.1']);
    expect(inode(added.location, INDEX_FILES.lexical)).toBe(inode(first, INDEX_FILES.lexical));
    expect(added.manifest.checksums['lexical.log.1']!.bytes).toBeLessThan(1000);
    expect(added.lexical.serialize().equals(await w.wholePostings())).toBe(true);
    // A removal only: its graph segment deletes, its postings segment holds no slot.
    w.drop(2);
    await w.build();
    const removed = w.read();
    expect(removed.manifest.vectorLog).toEqual(['vectors.log.1', 'vectors.log.2']);
    expect(inode(removed.location, 'lexical.log.1')).toBe(inode(added.location, 'lexical.log.1'));
    expect(removed.lexicalLog.map((s) => s.packed.lengths.length)).toEqual([3, 0]);
    expect(removed.lexical.serialize().equals(await w.wholePostings())).toBe(true);
    for (let i = 6; i < 6 + MAX_LOG_SEGMENTS - 1; i++) {
      w.put(i);
      await w.build();
    }
    const folded = w.read();
    expect(folded.manifest.vectorLog).toEqual([`vectors.log.${MAX_LOG_SEGMENTS + 1}`]);
    expect(Object.keys(folded.manifest.checksums).filter((n) => n.startsWith('lexical.log.'))).toEqual([`lexical.log.${MAX_LOG_SEGMENTS + 1}`]);
    expect(folded.lexicalLog[0]!.packed.lengths.length).toBe(folded.vectorSlots.log.added);
    expect(folded.lexical.serialize().equals(await w.wholePostings())).toBe(true);
    const stepped = await readIndexInSteps(w.indexDir, { efSearch: 50 });
    expect(stepped.lexical.serialize().equals(folded.lexical.serialize())).toBe(true);
    expect(stepped.lexical.search([{ term: 'drone', weight: 1 }], 10)).toEqual(folded.lexical.search([{ term: 'drone', weight: 1 }], 10));
  }, 90_000);

  it('refuses a damaged, shortened, missing or reordered postings segment by name, read at once and in steps', async () => {
    const w = workspace();
    const gen = await twoLoggedAdds(w);
    const one = path.join(gen, 'lexical.log.1');
    const two = path.join(gen, 'lexical.log.2');
    const [bytesOne, bytesTwo] = [fs.readFileSync(one), fs.readFileSync(two)];
    await expectDamageRefused(w.indexDir, one, bytesOne);
    // Swapped, each under its own checksum: the checksums pass, the slots do not.
    forge(gen, { 'lexical.log.1': bytesTwo, 'lexical.log.2': bytesOne });
    expect(await refusal(w.indexDir)).toMatch(new RegExp(`${one} is damaged: it holds the postings of 3 slots from slot 18, vectors\\.log\\.1 adds 3 from slot 15`));
    // Swapped, the manifest left as it was: the checksum finds the first.
    forge(gen, { 'lexical.log.1': bytesOne, 'lexical.log.2': bytesTwo });
    fs.writeFileSync(one, bytesTwo);
    expect(await refusal(w.indexDir)).toMatch(new RegExp(`${one} is damaged: (its checksum does not match|it has ${bytesTwo.length} bytes)`));
    // A build finding its previous generation damaged builds whole, carrying nothing of it.
    w.put(7);
    await w.build();
    const rebuilt = w.read();
    expect(rebuilt.manifest.vectorLog).toEqual([]);
    expect(rebuilt.lexical.serialize().equals(await w.wholePostings())).toBe(true);
  }, 60_000);

  it('carries a damaged base it links unread into an add, refused by readers and repaired by the next build', async () => {
    const w = workspace();
    for (let i = 0; i < 5; i++) w.put(i);
    await w.build();
    const before = w.read();
    const base = path.join(before.location, INDEX_FILES.lexical);
    const bytes = fs.readFileSync(base);
    bytes[Math.floor(bytes.length / 2)]! ^= 0xff;
    fs.writeFileSync(base, bytes);
    w.put(5);
    await w.build();
    const gen = currentGeneration(w.indexDir)!;
    expect(inode(gen, INDEX_FILES.lexical)).toBe(fs.statSync(base).ino);
    expect(await refusal(w.indexDir)).toContain(`${path.join(gen, INDEX_FILES.lexical)} is damaged: its checksum does not match`);
    // No corpus change: the whole generation is checked, the damage found, the postings built anew.
    await w.build();
    const repaired = w.read();
    expect(repaired.location).not.toBe(gen);
    expect(repaired.lexical.serialize().equals(await w.wholePostings())).toBe(true);
  }, 60_000);
});
