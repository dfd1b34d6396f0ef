/**
 * The stored incidents as answering holds them: the same incidents as put back together whole, their
 * heads and selection facts made without their reports, the reports read on first use.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { factsOf, selectIncidents, type Incident } from '../../src/incidents/index.js';
import { buildIndex } from '../../src/store/build.js';
import { incidentsOf } from '../../src/store/incident-reports.js';
import { readIndex } from '../../src/store/stored-index.js';
import { forge } from '../helpers/forge.js';
import { article, hashEmbedder, tempDir, testConfig, writeCorpus } from '../helpers/fixtures.js';

const FILES = {
  'rockets.md': article('Rockets hit Karvan', 'Militants fired four rockets at a school in Karvan on Tuesday, killing two pupils and wounding five, police said.\n\nThe school reopened a week later.', { source: 'Wire', published: '2025-03-06' }),
  'blast.md': article('Blast in Loria', 'A car bomb exploded outside a bank in Loria on Thursday, wounding four people. Rebels claimed the bombing.', { source: 'Daily', published: '2025-01-10' }),
  'strike.md': article('Strike on Kharkiv school', 'A missile struck a school in Kharkiv, Ukraine on 3 March 2025, killing two pupils.', { published: '2025-03-04' }),
  'again.md': article('Kharkiv school attack', 'Three pupils were killed when a missile hit a school in Kharkiv on 3 March 2025, Russian forces were blamed.', { published: '2025-03-09' }),
  'calm.md': article('Harvest festival', 'The harvest festival drew large crowds to the square.'),
};

async function built() {
  const root = tempDir('sitrep-catalogue-');
  const corpus = writeCorpus(FILES, path.join(root, 'corpus'));
  const config = testConfig({ CORPUS_DIR: corpus, INDEX_DIR: path.join(root, 'index') });
  await buildIndex(config, { embedder: hashEmbedder() });
  const read = () => readIndex(config.INDEX_DIR, { efSearch: 50 });
  const index = read();
  const articleOf = (id: string) => index.articles.find((a) => a.id === id);
  return { index, read, articleOf };
}

/** Every field of each incident, read (the catalogue's reports and figures are getters). */
const plain = (incidents: Incident[]) => incidents.map(({ id, kind, day, places, reports, killed, injured }) => ({ id, kind, day, places, reports, killed, injured }));

describe('the incident catalogue', () => {
  it('gives the incidents put back together whole: the same heads, reports, figures and selection facts', async () => {
    const { index, articleOf } = await built();
    const whole = incidentsOf(articleOf, index.incidents);
    const catalogue = await index.incidentCatalogue(articleOf);
    expect(whole.length).toBeGreaterThanOrEqual(3);
    expect(catalogue.map((i) => factsOf(i))).toEqual(whole.map((i) => factsOf(i)));
    expect(plain(catalogue)).toEqual(plain(whole));
    expect(JSON.parse(JSON.stringify(catalogue))).toEqual(JSON.parse(JSON.stringify(whole)));
    // Its reports and figures are own fields, read on use: a copy or a comparison sees them.
    expect(catalogue.map((i) => ({ ...i }))).toEqual(whole);
    expect(catalogue).toEqual(whole);
    // Two reports of the Kharkiv strike (in the articles' order), published five days apart, with figures that disagree.
    const kharkiv = catalogue.find((i) => i.places.includes('Kharkiv'))!;
    expect(kharkiv.reports.map((r) => r.title)).toEqual(['Kharkiv school attack', 'Strike on Kharkiv school']);
    expect(kharkiv.killed.map((f) => f.value).sort()).toEqual([2, 3]);
  });

  it('selects as the whole incidents do, by place, country, actor, kind, days and as-of day', async () => {
    const { index, articleOf } = await built();
    const whole = incidentsOf(articleOf, index.incidents);
    const catalogue = await index.incidentCatalogue(articleOf);
    const filters = [
      {},
      { place: 'Kharkiv' },
      { place: 'Ukraine' },
      { actor: 'militants' },
      { kind: 'missile' as const },
      { since: '2025-03-01', until: '2025-03-31' },
      { publishedBy: '2025-03-05' },
      { publishedBy: '2025-01-01' },
    ];
    for (const filter of filters) expect(plain(selectIncidents(catalogue, filter))).toEqual(plain(selectIncidents(whole, filter)));
    expect([{ place: 'Ukraine' }, { actor: 'militants' }, { kind: 'missile' as const }].map((f) => selectIncidents(catalogue, f).length)).toEqual([1, 1, 1]);
    // Before the second Kharkiv report was published, its incident is told by the first alone.
    const asOf = selectIncidents(catalogue, { place: 'Kharkiv', publishedBy: '2025-03-05' });
    expect(asOf).toHaveLength(1);
    expect(asOf[0]!.killed.map((f) => f.value)).toEqual([2]);
  });

  it('reads an incident’s reports only when they are asked for, then keeps them', async () => {
    const { index, articleOf } = await built();
    let reads = 0;
    const counting = (id: string) => {
      reads++;
      return articleOf(id);
    };
    const catalogue = await index.incidentCatalogue(counting);
    const afterHeads = reads;
    expect(selectIncidents(catalogue, { since: '2025-01-01', actor: 'militants' }).length).toBe(1);
    expect(reads).toBe(afterHeads);
    const first = catalogue[0]!;
    expect(first.reports.length).toBeGreaterThan(0);
    const afterOne = reads;
    expect(afterOne).toBeGreaterThan(afterHeads);
    expect(first.reports).toBe(first.reports);
    expect(reads).toBe(afterOne);
  });

  it('tells of damaged lines the checksums vouch for as a damaged index', async () => {
    const { index, read, articleOf } = await built();
    forge(index.location, { 'incidents.jsonl': Buffer.from('{"extractor":"x","articles":1,"groups":0}\n[1]\n') });
    await expect(read().incidentCatalogue(articleOf)).rejects.toThrow(/incidents\.jsonl is damaged: /);
  });
});
