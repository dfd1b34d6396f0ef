/**
 * Incident reports kept in the index: stored per article when it enters, read back as the extractor
 * gives them, and kept, added and dropped with their articles as the corpus changes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/corpus/types.js';
import { createGazetteer, EXTRACTOR_VERSION, extractReports, loadGazetteer } from '../../src/incidents/index.js';
import { buildIndex } from '../../src/store/build.js';
import { reportsOf, updateIncidents } from '../../src/store/incident-reports.js';
import { readIndex } from '../../src/store/stored-index.js';
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
    const raw = fs.readFileSync(path.join(index.location, 'incidents.json'), 'utf8');
    expect(raw).not.toContain('rockets.md');
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

describe('updateIncidents', () => {
  const articles: Article[] = [
    { id: 'a', file: 'a.md', title: 'A', published: '2025-03-06', text: 'Rebels fired rockets at a school in Karvan on Monday, killing three pupils.' },
    { id: 'b', file: 'b.md', title: 'B', published: '2025-01-10', text: 'A car bomb exploded outside a bank in Loria on Thursday, wounding four.' },
  ];
  const towns = () => createGazetteer([{ name: 'Karvan', country: 'AM', lat: 40, lon: 44, population: 30_000 }]);

  it('reads only the articles the previous generation did not hold', () => {
    const first = updateIncidents(articles.slice(0, 1), null, towns);
    expect(first.extracted).toBe(1);
    const next = updateIncidents(articles, { articleIds: new Set(['a']), incidents: first.incidents }, towns);
    expect(next.extracted).toBe(1);
    expect(Object.keys(next.incidents.byArticle).sort()).toEqual(['a', 'b']);
    expect(next.incidents.byArticle.a).toBe(first.incidents.byArticle.a);
  });

  it('reads every article again when the stored reports were read by other rules', () => {
    const first = updateIncidents(articles, null, towns);
    const stale = { ...first.incidents, extractor: 'older-rules' };
    const next = updateIncidents(articles, { articleIds: new Set(['a', 'b']), incidents: stale }, towns);
    expect(next.extracted).toBe(2);
    expect(next.incidents.extractor).toBe(EXTRACTOR_VERSION);
  });

  it('loads no gazetteer for articles without a place to look up', () => {
    let loads = 0;
    const calm: Article[] = [{ id: 'c', file: 'c.md', title: 'C', text: 'The harvest festival drew large crowds to the square.' }];
    updateIncidents(calm, null, () => (loads++, towns()));
    expect(loads).toBe(0);
  });
});
