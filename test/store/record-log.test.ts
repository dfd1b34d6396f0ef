/**
 * The article and passage lists as a base plus one record segment per segment of the passage
 * graph's log (layout 13): the change of a list as removed and added positions, through real
 * builds (an add the log takes links the base and writes only its segment; the lists read back
 * stay those of a whole build through adds, removals, a change to an article's metadata alone and a
 * fold), and a damaged, shortened, missing, reordered or forged segment refused by name by both reads.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INDEX_FILES } from '../../src/store/manifest.js';
import { readIndexInSteps } from '../../src/store/read-in-steps.js';
import { applyChange, changeFromOrigins, changeProblem, decodeRecordSegment, encodeRecordSegment } from '../../src/store/record-log.js';
import type { StoredIndex } from '../../src/store/stored-index.js';
import { basePositions } from '../../src/store/stored-records.js';
import { MAX_LOG_SEGMENTS } from '../../src/store/vector-log.js';
import { forge } from '../helpers/forge.js';
import { PLACES, expectDamageRefused, inode, logWorkspace, refusal, tag, twoLoggedAdds } from '../helpers/log-workspace.js';

describe('a change of a list', () => {
  it('makes the list after from the list before, for any removals and additions that keep the kept records in order', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { maxLength: 40 }), fc.array(fc.nat(60), { maxLength: 15 }), (keep, inserts) => {
        const before = keep.map((_, i) => `old${i}`);
        const after: Array<{ name: string; origin: number }> = before.flatMap((name, i) => (keep[i] ? [{ name, origin: i }] : []));
        inserts.forEach((at, j) => after.splice(Math.min(at, after.length), 0, { name: `new${j}`, origin: -1 }));
        const change = changeFromOrigins(Int32Array.from(after, (r) => r.origin), before.length)!;
        expect(changeProblem(change, before.length, 'records')).toBeNull();
        const added = change.added.map((i) => after[i]!.name);
        expect(applyChange(before, change, added)).toEqual(after.map((r) => r.name));
        expect(change.removed).toEqual(keep.flatMap((k, i) => (k ? [] : [i])));
      }),
      { numRuns: 300, seed: 12 },
    );
  });

  it('cannot say that kept records moved, and refuses positions out of order or out of the list', () => {
    expect(changeFromOrigins(Int32Array.from([1, 0]), 2)).toBeNull();
    expect(changeFromOrigins(Int32Array.from([0, 0]), 2)).toBeNull();
    expect(changeProblem({ from: 3, removed: [], added: [] }, 4, 'articles')).toBe('it changes 3 articles, the articles before it are 4');
    expect(changeProblem({ from: 3, removed: [2, 1], added: [] }, 3, 'articles')).toMatch(/removes are not positions/);
    expect(changeProblem({ from: 3, removed: [], added: [3] }, 3, 'articles')).toBeNull();
    expect(changeProblem({ from: 3, removed: [], added: [4] }, 3, 'articles')).toMatch(/adds are not positions/);
  });

  it('finds where each record now stands in the base, through several segments', () => {
    const segment = (from: number, removed: number[], added: number[]) => ({
      change: { articles: { from, removed, added }, passages: { from: 0, removed: [], added: [] } },
      articleLines: added.map(() => Buffer.from('{}\n')),
      passageLines: [],
    });
    // Base a b c d; the first removes b and adds x first (x a c d), the second removes c and adds y last (x a d y).
    const segments = [segment(4, [1], [0]), segment(4, [2], [3])];
    expect([...basePositions(segments, 'articles', 4)]).toEqual([-1, 0, 3, -1]);
    expect([...basePositions([], 'articles', 3)]).toEqual([0, 1, 2]);
  });

  it('decodes what it encodes, and refuses a segment whose lines do not match its change', () => {
    const change = { articles: { from: 2, removed: [1], added: [0] }, passages: { from: 5, removed: [], added: [5, 6] } };
    const lines = ['{"a":1}\n', '{"p":1}\n', '{"p":2}\n'].map((l) => Buffer.from(l));
    const bytes = encodeRecordSegment({ change, articleLines: lines.slice(0, 1), passageLines: lines.slice(1) });
    const decoded = decodeRecordSegment(bytes);
    expect(decoded.change).toEqual(change);
    expect(decoded.passageLines.map(String)).toEqual(['{"p":1}\n', '{"p":2}\n']);
    expect(() => decodeRecordSegment(bytes.subarray(0, bytes.length - 1))).toThrow('its last line is cut short');
    expect(() => decodeRecordSegment(bytes.subarray(0, bytes.length - 8))).toThrow('it holds 2 record lines, its change adds 3');
    expect(() => decodeRecordSegment(Buffer.from('{"articles":1}\n'))).toThrow(/is not a record change/);
  });
});

const lists = (index: Pick<StoredIndex, 'articles' | 'passages'>) => ({ articles: index.articles, passages: index.passages });
const workspace = () => {
  const w = logWorkspace('sitrep-recordlog-');
  /** The lists of the same corpus built whole, in a fresh index. */
  return { ...w, whole: async () => lists(await w.whole()) };
};

describe('the record log', () => {
  it('links the base on an add, writes only the added records, and reads back a whole build through removals, a metadata change and a fold', async () => {
    const w = workspace();
    for (let i = 0; i < 5; i++) w.put(i);
    await w.build();
    const first = w.read().location;
    w.put(5);
    await w.build();
    const added = w.read();
    for (const name of [INDEX_FILES.articles, INDEX_FILES.passages]) expect(inode(added.location, name)).toBe(inode(first, name));
    expect(added.manifest.checksums['records.log.1']!.bytes).toBeLessThan(2000);
    expect(added.recordLog.segments[0]!.change.articles.removed).toEqual([]);
    expect(lists(added)).toEqual(await w.whole());
    // A removal only: the positions of its article and passages, no line.
    w.drop(2);
    await w.build();
    const removed = w.read();
    expect(inode(removed.location, 'records.log.1')).toBe(inode(added.location, 'records.log.1'));
    expect(removed.recordLog.segments[1]!.change.passages.removed.length).toBe(3);
    expect(removed.recordLog.segments[1]!.articleLines.length + removed.recordLog.segments[1]!.passageLines.length).toBe(0);
    expect(lists(removed)).toEqual(await w.whole());
    // The same text under another source: the graph keeps every passage (its segment holds no record), the article's line changes.
    w.put(4, 'Agency');
    await w.build();
    const restated = w.read();
    expect(restated.vectorSlots.log.segments[2]!.records).toEqual([]);
    expect(restated.recordLog.segments[2]!.change.articles).toMatchObject({ removed: [expect.any(Number)], added: [expect.any(Number)] });
    expect(restated.articles.find((a) => a.title === `Strike ${tag(4)}`)!.source).toBe('Agency');
    expect(lists(restated)).toEqual(await w.whole());
    for (let i = 6; i < 6 + MAX_LOG_SEGMENTS - 3; i++) {
      w.put(i);
      await w.build();
    }
    const beforeFold = w.read().location;
    w.put(6 + MAX_LOG_SEGMENTS - 3);
    await w.build();
    const folded = w.read();
    expect(folded.manifest.vectorLog).toEqual([`vectors.log.${MAX_LOG_SEGMENTS + 1}`]);
    expect(Object.keys(folded.manifest.checksums).filter((n) => n.startsWith('records.log.'))).toEqual([`records.log.${MAX_LOG_SEGMENTS + 1}`]);
    for (const name of [INDEX_FILES.articles, INDEX_FILES.passages]) expect(inode(folded.location, name)).toBe(inode(beforeFold, name));
    // Folded from the base: the two removed (dropped, restated) and every article added since.
    expect(folded.recordLog.segments[0]!.change.articles).toMatchObject({ from: 5, removed: [expect.any(Number), expect.any(Number)] });
    // Added: article 5, article 4 restated, then one article per build up to the fold (14 of them).
    expect(folded.recordLog.segments[0]!.articleLines.length).toBe(2 + 14);
    const whole = await w.whole();
    expect(lists(folded)).toEqual(whole);
    expect(lists(await readIndexInSteps(w.indexDir, { efSearch: 50 }))).toEqual(whole);
  }, 120_000);

  it('keeps the articles of a file parsed again whose lines come out the same: only the changed ones are in the segment', async () => {
    const w = workspace();
    for (let i = 0; i < 3; i++) w.put(i);
    const exportFile = path.join(path.dirname(w.indexDir), 'corpus', 'export.jsonl');
    const line = (i: number, source = 'Wire') => `${JSON.stringify({ title: `Export ${tag(i)}`, source, text: `A shell hit ${PLACES[i % 8]} near ${tag(i)}ville on Monday. Two were hurt.` })}\n`;
    fs.writeFileSync(exportFile, [10, 11, 12].map((i) => line(i)).join(''));
    await w.build();
    // One line appended, one restated under another source: the file is parsed again, its other two articles kept.
    fs.writeFileSync(exportFile, [line(10), line(11, 'Agency'), line(12), line(13)].join(''));
    await w.build();
    const after = w.read();
    const { articles } = after.recordLog.segments[0]!.change;
    expect([articles.removed.length, articles.added.length]).toEqual([1, 2]);
    expect(after.recordLog.segments[0]!.articleLines.map((l) => JSON.parse(l.toString()).title)).toEqual([`Export ${tag(11)}`, `Export ${tag(13)}`]);
    expect(lists(after)).toEqual(await w.whole());
  }, 60_000);

  it('refuses a damaged, shortened, missing, reordered or forged record segment by name, read at once and in steps', async () => {
    const w = workspace();
    const gen = await twoLoggedAdds(w);
    const one = path.join(gen, 'records.log.1');
    const [bytesOne, bytesTwo] = [fs.readFileSync(one), fs.readFileSync(path.join(gen, 'records.log.2'))];
    await expectDamageRefused(w.indexDir, one, bytesOne);
    // Swapped, each under its own checksum: the checksums pass, the lists they follow do not.
    forge(gen, { 'records.log.1': bytesTwo, 'records.log.2': bytesOne });
    expect(await refusal(w.indexDir)).toMatch(new RegExp(`${one} is damaged: it changes 6 articles, the articles before it are 5`));
    // Forged whole under its checksum, one addition left out: what the segments leave is not what the manifest counts.
    const change = decodeRecordSegment(bytesTwo);
    const fewer = { ...change, change: { ...change.change, passages: { ...change.change.passages, added: change.change.passages.added.slice(1) } }, passageLines: change.passageLines.slice(1) };
    forge(gen, { 'records.log.1': bytesOne, 'records.log.2': encodeRecordSegment(fewer) });
    expect(await refusal(w.indexDir)).toMatch(new RegExp(`records\\.log\\.2 is damaged: it leaves 7 articles and 20 passages, the manifest counts 7 and 21`));
    // A line forged: the passage names an article the lists do not hold.
    const stray = { ...change, passageLines: [Buffer.from(change.passageLines[0]!.toString().replace(/"articleId":"[^"]+"/, '"articleId":"nowhere"')), ...change.passageLines.slice(1)] };
    forge(gen, { 'records.log.2': encodeRecordSegment(stray) });
    expect(await refusal(w.indexDir)).toMatch(/records\.log\.2 is damaged: its passage line 1 names article nowhere, which the articles do not hold/);
    // A build finding its previous generation damaged builds whole, carrying nothing of it.
    w.put(7);
    await w.build();
    const rebuilt = w.read();
    expect(rebuilt.manifest.vectorLog).toEqual([]);
    expect(lists(rebuilt)).toEqual(await w.whole());
  }, 60_000);
});
