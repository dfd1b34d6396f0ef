/**
 * An add's incident change told by the entries the build kept (incident-change.ts) instead of the
 * previous incident files read again and compared line by line: the same change as the comparison,
 * pure and through real builds. Two copies of one index take the same adds, removals, a renamed file
 * and a fold, one with the comparison forced: every generation's files come out byte for byte the
 * same, and only the comparison reads the previous incident files a second time.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildIndex } from '../../src/store/build.js';
import { currentGeneration } from '../../src/store/generations.js';
import { keptGroupChange, keptIncidentChange } from '../../src/store/incident-change.js';
import { encodeGroupBase, groupChangeSince, storedGroupLines } from '../../src/store/incident-group-log.js';
import { encodeIncidentBase, incidentChangeSince, storedArticleLines } from '../../src/store/incident-log.js';
import { IncidentLinesError, readIncidentEntries } from '../../src/store/incident-lines.js';
import type { IncidentEntries, IncidentGroup } from '../../src/store/incident-reports.js';
import { INDEX_FILES } from '../../src/store/manifest.js';
import { readIndex } from '../../src/store/stored-index.js';
import { MAX_LOG_SEGMENTS } from '../../src/store/vector-log.js';
import { hashEmbedder, tempDir, testConfig } from '../helpers/fixtures.js';
import { story } from '../helpers/log-workspace.js';

// `compare`: the walk answers "cannot tell", so that the build compares the lines as it did before; `told`: changes the walk gave.
const walk = vi.hoisted(() => ({ compare: false, told: 0 }));
vi.mock('../../src/store/incident-change.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/store/incident-change.js')>();
  const wrapped = <A extends unknown[], R>(f: (...args: A) => R) => (...args: A): R | undefined => {
    if (walk.compare) return undefined;
    const told = f(...args);
    if (told !== undefined) walk.told++;
    return told;
  };
  return { ...real, keptIncidentChange: wrapped(real.keptIncidentChange), keptGroupChange: wrapped(real.keptGroupChange) };
});

afterEach(() => {
  walk.compare = false;
  vi.restoreAllMocks();
});

const file = (name: string, bytes: Buffer) => ({ name, bytes });
const line = (value: unknown) => Buffer.from(`${JSON.stringify(value)}\n`);
const group = (day: string, ...ids: string[]): IncidentGroup => ({ days: [day], refs: ids.map((id) => [id, 0] as [string, number]) });

/** Entries as the next build reads them (every line kept as a view of the stored bytes) from a whole build's lines. */
function asRead(entries: IncidentEntries): IncidentEntries {
  const lines = [...entries.articles].map(([id, a]) => line([id, a.count, a.reports]));
  const head = line({ extractor: entries.extractor, articles: entries.articles.size, groups: entries.groups.length });
  return readIncidentEntries(Buffer.concat([head, ...lines, ...entries.groups.map((g) => line([g.days, g.refs]))]));
}

const report = { kind: 'strike' };
const before = asRead({
  extractor: 'rules-x',
  articles: new Map(['a0', 'a1', 'a2', 'a3'].map((id) => [id, { count: 1, reports: [report as never] }])),
  groups: [group('2024-03-09', 'a3'), group('2024-03-07', 'a2'), group('2024-03-05', 'a1'), group('2024-03-01', 'a0')],
});
/** What the comparison gives for `after` over `before`'s stored lines. */
const compared = (after: IncidentEntries) => ({
  reports: incidentChangeSince(storedArticleLines(file('incidents.jsonl', encodeIncidentBase([...before.articles.values()].map((a) => Buffer.from(a.line!)))), []), after),
  groups: groupChangeSince(storedGroupLines(file('incident-groups.jsonl', encodeGroupBase(before)), []).lines, after),
});

describe('the incident change told by the kept entries (pure)', () => {
  it('gives the comparison’s change: an article removed and one added, an incident regrouped the same kept at its place', () => {
    const articles = new Map(before.articles);
    articles.delete('a1');
    articles.set('a9', { count: 1, reports: [report as never] });
    const [g3, g2, g1, g0] = before.groups;
    // a2's incident grouped again comes out as it was (no line: made now); a1's is gone; a9's is new.
    const after: IncidentEntries = { extractor: 'rules-x', articles, groups: [group('2024-03-10', 'a9'), g3!, { days: g2!.days, refs: g2!.refs }, g0!] };
    const told = { reports: keptIncidentChange(before, after), groups: keptGroupChange(before, after) };
    expect(told).toEqual(compared(after));
    expect(told.reports!.change).toEqual({ from: 4, removed: [1], added: [3] });
    expect(told.groups!.change).toEqual({ from: 4, removed: [2], added: [0] });
    expect(g1).toBeDefined();
  });

  it('gives null as the comparison does when kept lines are out of order, and cannot tell when the rules changed or an article was read again', () => {
    const reversed: IncidentEntries = { ...before, articles: new Map([...before.articles].reverse()) };
    expect(keptIncidentChange(before, reversed)).toBeNull();
    expect(compared(reversed).reports).toBeNull();
    expect(keptGroupChange(before, { ...before, groups: [...before.groups].reverse() })).toBeUndefined();
    expect(keptIncidentChange(before, { ...before, extractor: 'rules-y' })).toBeUndefined();
    expect(keptGroupChange(before, { ...before, extractor: 'rules-y' })).toBeUndefined();
    const readAgain = new Map(before.articles);
    readAgain.set('a2', { count: 1, reports: [report as never] });
    expect(keptIncidentChange(before, { ...before, articles: readAgain })).toBeUndefined();
  });

  it('refuses stored lines that give one article two lines', () => {
    const twice = Buffer.concat([line({ extractor: 'x', articles: 2, groups: 0 }), line(['a0', 0, []]), line(['a0', 0, []])]);
    expect(() => readIncidentEntries(twice)).toThrow(IncidentLinesError);
  });
});

describe('the incident change told by the kept entries (through builds)', () => {
  it('writes every generation byte for byte as the comparison does, without reading the previous incident files again', async () => {
    const root = tempDir('sitrep-incident-change-');
    const corpus = path.join(root, 'corpus');
    fs.mkdirSync(corpus);
    const embedder = hashEmbedder(16);
    const [told, comparedDir] = [path.join(root, 'told'), path.join(root, 'compared')];
    const name = (i: number) => path.join(corpus, `s${String((i * 37) % 101).padStart(3, '0')}-${i}.md`);
    const put = (i: number) => fs.writeFileSync(name(i), story(i));
    /** The previous incident base's reads during one build of `dir`. */
    const build = async (dir: string) => {
      const previous = currentGeneration(dir);
      const reads = vi.spyOn(fs, 'readFileSync');
      await buildIndex(testConfig({ CORPUS_DIR: corpus, INDEX_DIR: dir, PASSAGE_SENTENCES: '1', PASSAGE_OVERLAP: '0' }), { embedder });
      const base = previous && path.join(previous, INDEX_FILES.incidents);
      const count = reads.mock.calls.filter(([f]) => f === base).length;
      reads.mockRestore();
      return count;
    };
    const step = async (change: () => void) => {
      change();
      const toldBefore = walk.told;
      const toldReads = await build(told);
      const toldNow = walk.told - toldBefore;
      walk.compare = true;
      const comparedReads = await build(comparedDir);
      walk.compare = false;
      const [a, b] = [readIndex(told, { efSearch: 50 }).manifest, readIndex(comparedDir, { efSearch: 50 }).manifest];
      expect(a.vectorLog).toEqual(b.vectorLog);
      expect(a.checksums).toEqual(b.checksums);
      return { toldNow, toldReads, comparedReads, log: a.vectorLog.length };
    };
    for (let i = 0; i < 10; i++) put(i);
    await build(told);
    fs.cpSync(told, comparedDir, { recursive: true });

    // An add (its day near others', so that incidents are grouped again), a removal, and another add: told by the walk.
    for (const change of [() => put(10), () => fs.rmSync(name(3)), () => put(11)]) {
      // The comparison reads the previous base once more than every read of the build (a removal's check of the whole index is one more for both).
      const s = await step(change);
      expect(s.toldNow).toBe(2);
      expect(s.comparedReads).toBe(s.toldReads + 1);
    }
    // A renamed file moves its articles: the lists are written whole with a new snapshot, the incidents with them.
    const renamed = await step(() => fs.renameSync(name(5), path.join(corpus, 'zz-renamed.md')));
    expect(renamed.toldNow).toBe(0);
    // Past the log's bound the segments fold into one since the base: compared, as before.
    let folded = false;
    for (let i = 12; !folded && i < 12 + MAX_LOG_SEGMENTS + 2; i++) {
      const s = await step(() => put(i));
      folded = s.log === 1 && s.toldNow === 0;
    }
    expect(folded).toBe(true);
    // And after the fold, an add is told by the walk again.
    expect(await step(() => put(40))).toMatchObject({ toldNow: 2, toldReads: 1, comparedReads: 2 });
  }, 180_000);
});
