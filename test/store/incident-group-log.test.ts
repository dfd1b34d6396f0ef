/**
 * The incidents (the reports grouped) as a base plus one group segment per segment of the passage
 * graph's log (layout 15): the pure change and put-together, then through real builds: an add links
 * the groups' base and writes only the incidents it regrouped; both reads give a whole build's
 * incidents through adds and a removal, and at the fold; a damaged, cut, reordered or forged group
 * segment is refused by name.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { currentGeneration } from '../../src/store/generations.js';
import { encodeGroupBase, encodeGroupSegment, groupChangeSince, groupLogName, storedGroupLines } from '../../src/store/incident-group-log.js';
import type { IncidentEntries, IncidentGroup } from '../../src/store/incident-reports.js';
import { INDEX_FILES } from '../../src/store/manifest.js';
import { readIndexInSteps } from '../../src/store/read-in-steps.js';
import type { StoredIndex } from '../../src/store/stored-index.js';
import { MAX_LOG_SEGMENTS } from '../../src/store/vector-log.js';
import { forge } from '../helpers/forge.js';
import { expectDamageRefused, expectIncidentsRefused, inode, logWorkspace, twoLoggedAdds } from '../helpers/log-workspace.js';

const group = (day: string, ...ids: string[]): IncidentGroup => ({ days: [day], refs: ids.map((id) => [id, 0] as [string, number]) });
const entriesOf = (groups: IncidentGroup[], articles = 3): IncidentEntries => ({
  extractor: 'rules-x',
  articles: new Map(Array.from({ length: articles }, (_, i) => [`a${i}`, { count: 1, reports: [] }])),
  groups,
});
const file = (name: string, bytes: Buffer) => ({ name, bytes });
/** The groups as a read takes them: a kept group carries the line it was read from. */
const asRead = (bytes: Buffer): IncidentGroup[] =>
  storedGroupLines(file('incident-groups.jsonl', bytes), []).lines.map((line) => {
    const [days, refs] = JSON.parse(line.toString('utf8')) as [string[], [string, number][]];
    return { days, refs, line };
  });

describe('the incident lines as a base and segments (pure)', () => {
  it('logs the incidents regrouped at their places, and puts together the lines a whole build writes', () => {
    const base = encodeGroupBase(entriesOf([group('2024-03-09', 'a2'), group('2024-03-05', 'a1'), group('2024-03-01', 'a0')]));
    const [newest, middle, oldest] = asRead(base);
    // An add regroups the middle incident with a new report and puts a new incident first.
    const after = entriesOf([group('2024-03-10', 'a3'), newest!, group('2024-03-05', 'a1', 'a3'), oldest!], 4);
    const change = groupChangeSince(asRead(base).map((g) => Buffer.from(g.line!)), after)!;
    expect(change.change).toEqual({ from: 3, removed: [1], added: [0, 2] });
    expect(change.head).toEqual({ extractor: 'rules-x', articles: 4, groups: 4 });
    const put = storedGroupLines(file('incident-groups.jsonl', base), [file('groups.log.1', encodeGroupSegment(change))]);
    expect(Buffer.concat([put.headLine, ...put.lines])).toEqual(encodeGroupBase(after));
    expect(put.file).toBe('groups.log.1');
    expect(middle).toBeDefined();
  });

  it('gives no change when the kept incidents are out of their order (the base is then written whole)', () => {
    const base = encodeGroupBase(entriesOf([group('2024-03-09', 'a2'), group('2024-03-05', 'a1')]));
    const [a, b] = asRead(base);
    expect(groupChangeSince(asRead(base).map((g) => Buffer.from(g.line!)), entriesOf([b!, a!]))).toBeNull();
  });

  it('refuses a base or segment whose lines do not match its head, naming it', () => {
    const base = encodeGroupBase(entriesOf([group('2024-03-09', 'a2')]));
    const cut = base.subarray(0, base.indexOf(0x0a) + 1);
    expect(() => storedGroupLines(file('incident-groups.jsonl', cut), [])).toThrow(/it holds 0 incident lines, its head line counts 1/);
    const wrongCount = Buffer.from(`${JSON.stringify({ head: { extractor: 'rules-x', articles: 3, groups: 5 }, from: 1, removed: [], added: [] })}\n`);
    expect(() => storedGroupLines(file('incident-groups.jsonl', base), [file('groups.log.1', wrongCount)])).toThrow(/it leaves 1 incident lines, its head line counts 5/);
    const notIncident = Buffer.from(`${JSON.stringify({ head: { extractor: 'rules-x', articles: 3, groups: 2 }, from: 1, removed: [], added: [0] })}\n["x",1]\n`);
    expect(() => storedGroupLines(file('incident-groups.jsonl', base), [file('groups.log.1', notIncident)])).toThrow(/its line 2 is not an incident's/);
  });
});

/** The incidents as answering reads them, their articles' order included (a whole build's). */
const incidentsOf = (index: StoredIndex) => ({ incidents: index.incidents, order: Object.keys(index.incidents.byArticle) });
const segmentLines = (gen: string, name: string) => fs.readFileSync(path.join(gen, name), 'utf8').split('\n').filter((l) => l !== '');

describe('the incident lines as a base and segments (through builds)', () => {
  it('an add links the groups’ base and writes only what it regrouped; both reads give a whole build’s incidents', async () => {
    const w = logWorkspace('sitrep-group-log-');
    for (let i = 0; i < 8; i++) w.put(i);
    await w.build();
    const first = currentGeneration(w.indexDir)!;
    const groups = w.read().manifest.incidents.groups;
    w.put(8);
    await w.build();
    const added = currentGeneration(w.indexDir)!;
    expect(inode(added, INDEX_FILES.incidentGroups)).toBe(inode(first, INDEX_FILES.incidentGroups));
    const lines = segmentLines(added, groupLogName('vectors.log.1'));
    expect(lines.length - 1).toBeLessThan(groups);
    expect(JSON.parse(lines[0]!)).toMatchObject({ from: groups, head: { articles: 9 } });
    expect(incidentsOf(w.read())).toEqual(incidentsOf(await w.whole()));
    w.drop(3);
    await w.build();
    w.put(9);
    await w.build();
    const whole = await w.whole();
    expect(incidentsOf(w.read())).toEqual(incidentsOf(whole));
    expect(await (await readIndexInSteps(w.indexDir, { efSearch: 50 })).incidentsInSteps()).toEqual(whole.incidents);
  });

  it('folds with the other segments, the base kept linked while the change since it stays small', async () => {
    const w = logWorkspace('sitrep-group-log-fold-');
    // Enough incidents, on days (20th to 28th) no added story's (1st to 17th) is near, that the fold's
    // change since the base (an incident an add) stays under half of them.
    for (let k = 0; k < 8; k++) for (let d = 19; d < 28; d++) w.put(28 * k + d);
    await w.build();
    // Generations before the previous one are pruned: the base's inode is taken now.
    const baseInode = inode(currentGeneration(w.indexDir)!, INDEX_FILES.incidentGroups);
    for (let i = 0; i < MAX_LOG_SEGMENTS + 1; i++) {
      w.put(i);
      await w.build();
    }
    const folded = w.read();
    const names = Object.keys(folded.manifest.checksums).filter((n) => n.startsWith('groups.log.'));
    expect(names).toEqual(folded.manifest.vectorLog.map(groupLogName));
    expect(names.length).toBeLessThanOrEqual(1);
    expect(inode(folded.location, INDEX_FILES.incidentGroups)).toBe(baseInode);
    expect(incidentsOf(folded)).toEqual(incidentsOf(await w.whole()));
  }, 120_000);

  it('writes the base whole when a change adds more than half the incidents, its segments then changing nothing', async () => {
    const w = logWorkspace('sitrep-group-log-whole-');
    for (let i = 0; i < 5; i++) w.put(i);
    await w.build();
    const baseInode = inode(currentGeneration(w.indexDir)!, INDEX_FILES.incidentGroups);
    for (let i = 5; i < 11; i++) w.put(i);
    await w.build();
    const index = w.read();
    expect(index.manifest.vectorLog).toEqual(['vectors.log.1']);
    expect(inode(index.location, INDEX_FILES.incidentGroups)).not.toBe(baseInode);
    expect(JSON.parse(segmentLines(index.location, 'groups.log.1')[0]!)).toMatchObject({ removed: [], added: [] });
    expect(incidentsOf(index)).toEqual(incidentsOf(await w.whole()));
  });

  it('refuses a damaged, shortened or missing group segment by name at both reads', async () => {
    const w = logWorkspace('sitrep-group-log-damage-');
    const gen = await twoLoggedAdds(w);
    const name = path.join(gen, groupLogName('vectors.log.2'));
    await expectDamageRefused(w.indexDir, name, fs.readFileSync(name));
  });

  it('refuses by name, at both reads and at the next build, group segments reordered or forged', async () => {
    const w = logWorkspace('sitrep-group-log-forged-');
    const gen = await twoLoggedAdds(w);
    const one = fs.readFileSync(path.join(gen, 'groups.log.1'));
    const two = fs.readFileSync(path.join(gen, 'groups.log.2'));
    const expectRefused = (file: string, why: RegExp) => expectIncidentsRefused(w, file, why);
    forge(gen, { 'groups.log.1': two, 'groups.log.2': one });
    await expectRefused('groups.log.1', /it changes \d+ incidents, the incidents before it are \d+/);
    const head = JSON.parse(two.toString('utf8').split('\n')[0]!) as { head: { articles: number; groups: number } };
    // Forged whole, consistent with its lines: it counts one article fewer than the reports' segments leave.
    const fewer = { ...head, head: { ...head.head, articles: head.head.articles - 1 } };
    forge(gen, { 'groups.log.1': one, 'groups.log.2': Buffer.concat([Buffer.from(`${JSON.stringify(fewer)}\n`), ...two.toString('utf8').split('\n').slice(1, -1).map((l) => Buffer.from(`${l}\n`))]) });
    await expectRefused('incidents.log.2', /it leaves 7 articles' reports, groups\.log\.2 counts 6/);
  });
});
