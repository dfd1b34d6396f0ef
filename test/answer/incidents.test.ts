/**
 * The incident records in answers, end to end through openSitrep (GloVe embedder, real index): the
 * count line beside a count question's figure, and "when was the last attack on <place>" answered from
 * the records when they hold an incident there, by the answer path otherwise.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatAnswerText } from '../../src/answer/format.js';
import { groupReports } from '../../src/incidents/index.js';
import { openSitrep, type Sitrep } from '../../src/sitrep.js';
import { reportsOf } from '../../src/store/incident-reports.js';
import { readIndex } from '../../src/store/stored-index.js';
import { article, tempDir, testConfig, writeCorpus } from '../helpers/fixtures.js';

describe('the count line on the shipped corpus', () => {
  let sitrep: Sitrep;
  const indexDir = path.join(tempDir(), 'index');
  beforeAll(async () => {
    sitrep = await openSitrep(testConfig({ CORPUS_DIR: path.resolve('corpus'), INDEX_DIR: indexDir }), { buildIfMissing: true });
  }, 180_000);

  it('lists the incidents the build grouped, the same as grouping the stored reports afresh', async () => {
    const index = readIndex(indexDir, { efSearch: 50 });
    const afresh = groupReports(reportsOf(index.articles, index.incidents));
    expect(afresh.length).toBeGreaterThan(1);
    expect((await sitrep.timeline({})).incidents).toEqual(afresh);
  });

  it('gives the article’s figure as the answer and, beside it, the incidents the corpus reports since that day', async () => {
    const a = await sitrep.answer('How many attacks since Oct 17?');
    expect(a.answer!.span!.text).toBe('at least 78 attacks');
    expect(a.incidents).toBeDefined();
    const { count, filter, line } = a.incidents!;
    expect(filter).toMatchObject({ since: '2023-10-17' });
    // The count is what the filter lists: the drone attack on the base and the strike in Kirkuk.
    const listed = await sitrep.timeline(filter);
    expect(listed.incidents).toHaveLength(count);
    expect(listed.incidents.map((i) => i.day)).toEqual(['2023-12-06', '2023-12-03']);
    expect(line).toBe(`Sitrep's corpus reports ${count} distinct incidents since 17 Oct 2023`);
    // In the plain text, the line stands under the quote, before the sources.
    const text = formatAnswerText(a);
    expect(text.indexOf(line)).toBeGreaterThan(text.indexOf('at least 78 attacks'));
    expect(text.indexOf(line)).toBeLessThan(text.indexOf('[1] Western Troops'));
  });

  it('gives no count line to a question that counts something else', async () => {
    const a = await sitrep.answer('How many militants were killed in the Kirkuk strike?');
    expect(a.incidents).toBeUndefined();
  });

  it('bounds the timeline by day on both ends', async () => {
    const days = async (filter: { since?: string; until?: string }) => (await sitrep.timeline(filter)).incidents.map((i) => i.day);
    expect(await days({ since: '2023-12-04' })).toEqual(['2023-12-06']);
    expect(await days({ until: '2023-12-05' })).toEqual(['2023-12-03']);
    expect(await days({ since: '2023-12-03', until: '2023-12-06' })).toEqual(['2023-12-06', '2023-12-03']);
    expect(await days({ since: '2023-12-07' })).toEqual([]);
  });

  it('quotes each listed report from the stored article text', async () => {
    const { incidents, quote } = await sitrep.timeline({ place: 'Kirkuk' });
    expect(incidents).toHaveLength(1);
    expect(quote(incidents[0]!.reports[0]!)).toMatch(/^The US military said on Sunday it launched a “self-defence” strike against pro-Iranian militants in the northern province of Kirkuk, killing five of them\.$/);
  });
});

describe('when was the last attack on a place', () => {
  let sitrep: Sitrep;
  beforeAll(async () => {
    const corpus = writeCorpus({
      'march.md': article('Rockets hit Dunmere school', 'Militants fired four rockets at a school in Dunmere on Tuesday, killing two pupils, police said.\n\nThe school stayed shut.', { source: 'Wire', published: '2025-03-06' }),
      'april.md': article('Drone strikes Dunmere depot', 'A drone struck a fuel depot in Dunmere on 2 April 2025, wounding three guards, officials said.\n\nThe depot supplied the town.', { source: 'Daily', published: '2025-04-03' }),
      'loria.md': article('Blast in Loria', 'A car bomb exploded outside a bank in Loria on 20 April 2025, wounding four people.', { source: 'Daily', published: '2025-04-21' }),
    });
    sitrep = await openSitrep(testConfig({ CORPUS_DIR: corpus, INDEX_DIR: path.join(tempDir(), 'index') }), { buildIfMissing: true });
  }, 180_000);

  it('answers from the newest incident at the place, quoting its sentence with the day as the span', async () => {
    const a = await sitrep.answer('When was the last attack on Dunmere?');
    expect(a.abstained).toBe(false);
    expect(a.answer!.text).toBe('A drone struck a fuel depot in Dunmere on 2 April 2025, wounding three guards, officials said.');
    expect(a.answer!.span!.text).toBe('2 April 2025');
    expect(a.answer!.text.slice(a.answer!.span!.start, a.answer!.span!.end)).toBe('2 April 2025');
    expect(a.sources).toEqual([expect.objectContaining({ n: a.answer!.citation, title: 'Drone strikes Dunmere depot', file: 'april.md' })]);
  });

  it('keeps to the kind asked and to the as-of day', async () => {
    const rockets = await sitrep.answer('When was the last rocket attack on Dunmere?');
    expect(rockets.answer!.text).toMatch(/^Militants fired four rockets at a school in Dunmere on Tuesday/);
    expect(rockets.answer!.span!.text).toBe('Tuesday');
    expect(rockets.answer!.dates).toEqual([expect.objectContaining({ text: 'Tuesday', date: '2025-03-04', relative: true })]);
    const before = await sitrep.answer('When was the last attack on Dunmere?', { asOf: '2025-03-20' });
    expect(before.sources[0]!.file).toBe('march.md');
    expect(before.asOf).toBe('2025-03-20');
  });

  it('leaves a place the records hold no incident at to the answer path', async () => {
    const a = await sitrep.answer('When was the last attack on Tallowmere?');
    expect(a.incidents).toBeUndefined();
    // Not an answer from the records (those are quoted with full confidence from an incident at the place).
    expect(a.abstained || !a.answer!.text.includes('Tallowmere')).toBe(true);
  });
});
