/**
 * Incident reports kept in the index: stored per article when it enters, read back as the extractor
 * gives them, and kept, added and dropped with their articles as the corpus changes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/corpus/types.js';
import { createGazetteer, EXTRACTOR_VERSION, extractReports, groupReports, loadGazetteer, REPORT_FEATURES } from '../../src/incidents/index.js';
import { buildIndex } from '../../src/store/build.js';
import { parseIncidents, parseIncidentsInSteps, readIncidentEntries, serializeIncidentLines, serializeIncidents, storedIncidentsOf } from '../../src/store/incident-lines.js';
import { incidentsOf, reportsOf, updateIncidents, type StoredIncidents } from '../../src/store/incident-reports.js';
import { readIncidentsInThread } from '../../src/store/incident-thread.js';
import { readIndex } from '../../src/store/stored-index.js';
import { forge } from '../helpers/forge.js';
import { article, hashEmbedder, tempDir, testConfig, writeCorpus } from '../helpers/fixtures.js';

const ROCKETS = article('Rockets hit Karvan', 'Militants fired four rockets at a school in Karvan on Tuesday, killing two pupils and wounding five, police said.\n\nThe school reopened a week later.', { source: 'Wire', published: '2025-03-06' });
const BLAST = article('Blast in Loria', 'A car bomb exploded outside a bank in Loria on Thursday, wounding four people.\n\nMarkets stayed open.', { source: 'Daily', published: '2025-01-10' });
const DRONE = article('Drone strike on a depot', 'A drone struck a fuel depot near Hadar on 2 April 2025, killing three guards, officials said.', { published: '2025-04-03' });
const CALM = article('Harvest festival', 'The harvest festival drew large crowds to the square.');

function setup(files: Record<string, string>) {
  const root = tempDir('sitrep-incidents-');
  const corpus = writeCorpus(files, path.join(root, 'corpus'));
  const config = testConfig({ CORPUS_DIR: corpus, INDEX_DIR: path.join(root, 'index') });
  const embedder = hashEmbedder();
  const build = () => buildIndex(config, { embedder });
  const read = () => readIndex(config.INDEX_DIR, { efSearch: 50 });
  return { corpus, build, read };
}

const gazetteer = loadGazetteer();
const extracted = (a: Article) => extractReports(a, { gazetteer });
const reportedDays = (articles: Article[], index: ReturnType<ReturnType<typeof setup>['read']>) =>
  reportsOf(articles, index.incidents).map((r) => `${r.title} ${r.eventDay?.day}`);

describe('incident reports in the index', () => {
  it('stores every article’s reports, reads them back as the extractor gives them, and quotes them from the stored text', async () => {
    const { build, read } = setup({ 'rockets.md': ROCKETS, 'blast.md': BLAST, 'calm.md': CALM });
    await build();
    const index = read();
    expect(index.manifest.incidents.extractor).toBe(EXTRACTOR_VERSION);
    const stored = reportsOf(index.articles, index.incidents);
    expect(stored).toEqual(index.articles.flatMap(extracted));
    expect(stored.map((r) => r.title).sort()).toEqual(['Blast in Loria', 'Rockets hit Karvan']);
    expect(index.manifest.incidents.reports).toBe(stored.length);
    const rockets = stored.find((r) => r.title === 'Rockets hit Karvan')!;
    const text = index.articles.find((a) => a.id === rockets.articleId)!.text;
    expect(text.slice(rockets.sentenceSpan.start, rockets.sentenceSpan.end)).toMatch(/^Militants fired four rockets .* police said\.$/);
    expect(rockets).toMatchObject({ file: 'rockets.md', source: 'Wire', published: '2025-03-06', killed: { value: 2 }, injured: { value: 5 } });
    // Citation fields are the article's, not copies kept in the reports file.
    const raw = fs.readFileSync(path.join(index.location, 'incidents.jsonl'), 'utf8');
    expect(raw).not.toContain('rockets.md');
    // Nor are the words of its fields: they are cut from the article's text again.
    expect(rockets.kind.text).toMatch(/^rockets?$/);
    expect(rockets.kind.text).toBe(text.slice(rockets.kind.start, rockets.kind.end));
    expect(raw).not.toContain('"text"');
  });

  it('adds an added article’s reports, drops a removed one’s, and reads a changed one again', async () => {
    const { corpus, build, read } = setup({ 'rockets.md': ROCKETS, 'blast.md': BLAST });
    await build();
    const first = read();
    const blastReports = first.incidents.byArticle[first.articles.find((a) => a.title === 'Blast in Loria')!.id];
    expect(blastReports).toBeDefined();

    fs.writeFileSync(path.join(corpus, 'drone.md'), DRONE);
    await build();
    const added = read();
    expect(reportedDays(added.articles, added).sort()).toEqual(['Blast in Loria 2025-01-09', 'Drone strike on a depot 2025-04-02', 'Rockets hit Karvan 2025-03-04']);
    // A kept article's reports are the ones stored before, not read again.
    expect(added.incidents.byArticle[added.articles.find((a) => a.title === 'Blast in Loria')!.id]).toEqual(blastReports);

    fs.rmSync(path.join(corpus, 'blast.md'));
    fs.writeFileSync(path.join(corpus, 'rockets.md'), ROCKETS.replace('on Tuesday', 'on Monday'));
    await build();
    const changed = read();
    expect(reportedDays(changed.articles, changed).sort()).toEqual(['Drone strike on a depot 2025-04-02', 'Rockets hit Karvan 2025-03-03']);
    expect(Object.keys(changed.incidents.byArticle).sort()).toEqual(changed.articles.filter((a) => a.title !== 'Harvest festival').map((a) => a.id).sort());
    expect(changed.manifest.incidents.reports).toBe(2);
  });
});

/** Incidents as comparable values: their fields and their reports' articles and sentences, in order. */
const shapeOf = (incidents: ReturnType<typeof groupReports>) =>
  incidents.map((i) => ({ ...i, reports: i.reports.map((r) => `${r.title}#${r.sentence}`), firstReport: i.reports[0] }));
const storedIncidents = (index: ReturnType<ReturnType<typeof setup>['read']>) =>
  incidentsOf((id) => index.articles.find((a) => a.id === id), index.incidents);

// Two reports of one strike in two articles, and one of another incident.
const STRIKE = article('Strike on Kharkiv school', 'A missile struck a school in Kharkiv on 3 March 2025, killing two pupils.', { published: '2025-03-04' });
const STRIKE_AGAIN = article('Kharkiv school attack', 'Two pupils were killed when a missile hit a school in Kharkiv on 3 March 2025.', { published: '2025-03-05' });

describe('incidents grouped in the index', () => {
  it('stores the grouping of every report, and puts the same incidents back together as grouping afresh', async () => {
    const { build, read } = setup({ 'rockets.md': ROCKETS, 'blast.md': BLAST, 'drone.md': DRONE, 'strike.md': STRIKE, 'again.md': STRIKE_AGAIN, 'calm.md': CALM });
    await build();
    const index = read();
    const afresh = groupReports(reportsOf(index.articles, index.incidents));
    expect(afresh.some((i) => i.reports.length === 2)).toBe(true);
    expect(index.incidents.groups).toHaveLength(afresh.length);
    expect(index.manifest.incidents.groups).toBe(afresh.length);
    expect(shapeOf(storedIncidents(index))).toEqual(shapeOf(afresh));
  });

  it('keeps the two incidents of one sentence apart, with ids of their own, when put back together', async () => {
    const TWO = article('Rockets and a drone strike', 'Militants fired rockets at Kharkiv on Tuesday in retaliation for a drone strike days earlier that killed two commanders in Odesa.', { published: '2025-03-06' });
    const { build, read } = setup({ 'two.md': TWO, 'calm.md': CALM });
    await build();
    const index = read();
    const stored = storedIncidents(index);
    expect(stored).toHaveLength(2);
    expect(new Set(stored.map((i) => i.id)).size).toBe(2);
    expect(shapeOf(stored)).toEqual(shapeOf(groupReports(reportsOf(index.articles, index.incidents))));
  });

  it('groups again when an article is added or removed: an added report joins the incident it tells of', async () => {
    const { corpus, build, read } = setup({ 'strike.md': STRIKE, 'blast.md': BLAST });
    await build();
    expect(read().incidents.groups.map((g) => g.length)).toEqual([1, 1]);

    fs.writeFileSync(path.join(corpus, 'again.md'), STRIKE_AGAIN);
    const added = await build();
    expect(added.incidents).toMatchObject({ articlesRead: 1, incidents: 2 });
    const joined = read();
    const strike = storedIncidents(joined).find((i) => i.places.includes('Kharkiv'))!;
    expect(strike.reports.map((r) => r.title).sort()).toEqual(['Kharkiv school attack', 'Strike on Kharkiv school']);
    expect(shapeOf(storedIncidents(joined))).toEqual(shapeOf(groupReports(reportsOf(joined.articles, joined.incidents))));

    fs.rmSync(path.join(corpus, 'strike.md'));
    await build();
    const removed = read();
    expect(storedIncidents(removed).map((i) => i.reports.map((r) => r.title))).toEqual([['Kharkiv school attack'], ['Blast in Loria']]);
  });

  it('reads its stored lines back whole, at once or a few at a time, and names a damaged line', async () => {
    const { build, read } = setup({ 'rockets.md': ROCKETS, 'blast.md': BLAST, 'strike.md': STRIKE, 'again.md': STRIKE_AGAIN });
    await build();
    const incidents: StoredIncidents = read().incidents;
    const text = serializeIncidents(incidents);
    const bytes = Buffer.from(text);
    expect(parseIncidents(bytes)).toEqual(incidents);
    let steps = 0;
    const stepped = await parseIncidentsInSteps(bytes, async () => void steps++, 0);
    expect(stepped).toEqual(incidents);
    expect(steps).toBeGreaterThan(0);
    const lines = text.split('\n');
    lines[2] = lines[2]!.slice(0, 10);
    expect(() => parseIncidents(Buffer.from(lines.join('\n')))).toThrow(/line 3 is not valid JSON/);
    expect(() => parseIncidents(Buffer.from(text.split('\n').slice(0, 3).join('\n')))).toThrow(/ends before line 4/);
  });

  it('tells of stored lines that pass the checksum but cannot be read as a damaged index, when they are first read', async () => {
    const { build, read } = setup({ 'rockets.md': ROCKETS });
    await build();
    const { location } = read();
    // Bad lines the manifest vouches for (as a writer's bug would leave them): the checksums are made to match.
    const bad = '{"extractor":"x","articles":1,"groups":0}\n[1]\n';
    forge(location, { 'incidents.jsonl': Buffer.from(bad) });
    const index = read();
    await expect(index.incidentsInSteps()).rejects.toThrow(/incidents\.jsonl is damaged: line 2 is not an article's reports/);
    expect(() => index.incidents).toThrow(/incidents\.jsonl is damaged: line 2 is not an article's reports/);
  });
});

describe('updateIncidents', () => {
  const articles: Article[] = [
    { id: 'a', file: 'a.md', title: 'A', published: '2025-03-06', text: 'Rebels fired rockets at a school in Karvan on Monday, killing three pupils.' },
    { id: 'b', file: 'b.md', title: 'B', published: '2025-01-10', text: 'A car bomb exploded outside a bank in Loria on Thursday, wounding four.' },
  ];
  const towns = () => createGazetteer([{ name: 'Karvan', country: 'AM', lat: 40, lon: 44, population: 30_000 }]);

  it('reads only the articles the previous generation did not hold', () => {
    const first = updateIncidents(articles.slice(0, 1), null, towns);
    expect(first.extracted).toBe(1);
    // As the next build reads it: a's line kept, its reports unparsed.
    const stored = readIncidentEntries(serializeIncidentLines(first.incidents));
    const next = updateIncidents(articles, { articleIds: new Set(['a']), incidents: stored }, towns);
    expect(next.extracted).toBe(1);
    expect([...next.incidents.articles.keys()].sort()).toEqual(['a', 'b']);
    expect(next.incidents.articles.get('a')).toBe(stored.articles.get('a'));
    expect(next.incidents.articles.get('a')!.line).toBeDefined();
    expect(storedIncidentsOf(next.incidents).byArticle.a).toEqual(first.incidents.articles.get('a')!.reports);
  });

  it('reads every article again when the stored reports were read by other rules', () => {
    const first = updateIncidents(articles, null, towns);
    const stale = { ...first.incidents, extractor: 'older-rules' };
    const next = updateIncidents(articles, { articleIds: new Set(['a', 'b']), incidents: stale }, towns);
    expect(next.extracted).toBe(2);
    expect(next.incidents.extractor).toBe(EXTRACTOR_VERSION);
  });

  it('keeps the report filter in the reports\' version: reports read without it are read again with it, and its drops are kept', () => {
    const n = REPORT_FEATURES.length;
    const dropAll = { model: { mean: Array(n).fill(0), scale: Array(n).fill(1), weights: Array(n).fill(0), bias: -20 }, threshold: 0.5, id: 'reports-test' };
    const first = updateIncidents(articles, null, towns);
    const stored = readIncidentEntries(serializeIncidentLines(first.incidents));
    const next = updateIncidents(articles, { articleIds: new Set(['a', 'b']), incidents: stored }, towns, dropAll);
    expect(next.extracted).toBe(2);
    expect(next.incidents.extractor).toBe(`${EXTRACTOR_VERSION}+reports-test`);
    expect(next.incidents.articles.size).toBe(0);
  });

  it('reads the same reports and incidents in a worker thread as in the build’s own, the gazetteer’s towns included', async () => {
    const many: Article[] = [
      ...articles,
      { id: 'k1', file: 'k1.md', title: 'K1', published: '2025-03-04', text: 'A missile struck a school in Kharkiv on 3 March 2025, killing two pupils.' },
      { id: 'k2', file: 'k2.md', title: 'K2', published: '2025-03-04', text: 'Two pupils were killed when a Russian missile hit a school in Kharkiv on Monday. Another six people were injured.' },
    ];
    const inThread = await readIncidentsInThread(many);
    expect(inThread.incidents).toEqual(updateIncidents(many, null).incidents);
    expect(inThread.extracted).toBe(many.length);
    const { byArticle, groups } = storedIncidentsOf(inThread.incidents);
    expect(byArticle.k1![0]!.place?.gazetteer?.country).toBe('UA');
    expect(groups.some((g) => g.length >= 2 && g.some(([id]) => id === 'k1') && g.some(([id]) => id === 'k2'))).toBe(true);
  });

  it('loads no gazetteer for articles without a place to look up', () => {
    let loads = 0;
    const calm: Article[] = [{ id: 'c', file: 'c.md', title: 'C', text: 'The harvest festival drew large crowds to the square.' }];
    updateIncidents(calm, null, () => (loads++, towns()));
    expect(loads).toBe(0);
  });
});
