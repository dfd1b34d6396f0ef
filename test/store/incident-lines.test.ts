/**
 * `incidents.jsonl` as the next build reads it: each article's id and report count from the start of
 * its line, its reports parsed only when asked for, each incident's days and refs, and every kept
 * line written again as the bytes it was read from; read in parts (the files' lines as they are) as
 * in one buffer.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildIndex } from '../../src/store/build.js';
import { IncidentLinesError, parseIncidents, readIncidentEntries, readIncidentParts, reportsOf, serializeIncidentLines, serializeIncidents, storedIncidentsOf } from '../../src/store/incident-lines.js';
import type { StoredIncidents, StoredReport } from '../../src/store/incident-reports.js';
import { readIndex } from '../../src/store/stored-index.js';
import { forge } from '../helpers/forge.js';
import { article, hashEmbedder, tempDir, testConfig, writeCorpus } from '../helpers/fixtures.js';

/** A stored report told on `day` (the fields the lines' reading looks at; the rest as an extractor leaves them). */
const report = (articleId: string, sentence: number, day: string | null): StoredReport => ({
  articleId,
  sentence,
  sentenceSpan: { start: 0, end: 10 },
  trigger: { value: 'strike', start: 0, end: 6 },
  kind: { value: 'airstrike', start: 0, end: 6 },
  eventDay: day === null ? null : { day, basis: 'written' },
  place: null,
  otherPlaces: [],
  actor: null,
  target: null,
  killed: null,
  injured: null,
});

// Ids as any corpus may give them: a quote and a backslash, another script, and one longer than the part of a line decoded for its id.
const ODD = 'a"b\\c ✓ Київ';
const LONG = `long-${'ж'.repeat(200)}`;
const incidents: StoredIncidents = {
  extractor: 'rules-1',
  byArticle: {
    [ODD]: [report(ODD, 0, '2025-03-03'), report(ODD, 2, null)],
    plain: [report('plain', 1, '2025-03-04'), report('plain', 3, '2025-03-03')],
    [LONG]: [report(LONG, 0, '2024-01-01')],
  },
  groups: [
    [
      [ODD, 0],
      ['plain', 0],
      ['plain', 1],
    ],
    [[ODD, 1]],
    [[LONG, 0]],
  ],
};

describe('the next build’s reading of the stored incident lines', () => {
  it('reads each article’s id and count and each incident’s days without parsing a report, and writes the lines again as they were', () => {
    const bytes = Buffer.from(serializeIncidents(incidents));
    const entries = readIncidentEntries(bytes);
    expect(entries.extractor).toBe('rules-1');
    expect([...entries.articles].map(([id, a]) => [id, a.count, a.reports])).toEqual([
      [ODD, 2, undefined],
      ['plain', 2, undefined],
      [LONG, 1, undefined],
    ]);
    expect(entries.groups.map((g) => g.days)).toEqual([['2025-03-03', '2025-03-04'], [], ['2024-01-01']]);
    expect(entries.groups.map((g) => g.refs)).toEqual(incidents.groups);
    expect(serializeIncidentLines(entries).equals(bytes)).toBe(true);
    // Parsed when asked for, and kept.
    expect(reportsOf(entries.articles, 'plain')).toEqual(incidents.byArticle.plain);
    expect(reportsOf(entries.articles, 'plain')).toBe(entries.articles.get('plain')!.reports);
    expect(reportsOf(entries.articles, 'none')).toEqual([]);
    expect(storedIncidentsOf(entries)).toEqual(parseIncidents(bytes));
    expect(parseIncidents(bytes)).toEqual(incidents);
  });

  it('gives a last line without its newline one when it is written again', () => {
    const bytes = Buffer.from(serializeIncidents(incidents).trimEnd());
    const entries = readIncidentEntries(bytes);
    const moved = { ...entries, groups: [entries.groups[2]!, entries.groups[0]!, entries.groups[1]!] };
    expect(parseIncidents(serializeIncidentLines(moved)).groups).toEqual([incidents.groups[2], incidents.groups[0], incidents.groups[1]]);
  });

  it('reads the lines in parts (a base’s and segments’ lines as views of their files) as it reads them in one buffer, the kept lines views of the parts', () => {
    const bytes = Buffer.from(serializeIncidents(incidents));
    const parts = bytes.toString('latin1').split(/(?<=\n)/).map((l) => Buffer.from(l, 'latin1'));
    const entries = readIncidentParts([parts[0]!, Buffer.alloc(0), ...parts.slice(1)]);
    expect(entries).toEqual(readIncidentEntries(bytes));
    expect(entries.articles.get('plain')!.line!.buffer).toBe(parts[2]!.buffer);
    expect(serializeIncidentLines(entries).equals(bytes)).toBe(true);
    // A line without its newline would run on into the next in one buffer: refused, not read as two.
    const cut = [parts[0]!, parts[1]!.subarray(0, parts[1]!.length - 1), ...parts.slice(2)];
    expect(() => readIncidentParts(cut)).toThrow(/a line ends without its newline before the lines after it/);
    expect(() => readIncidentEntries(Buffer.concat(cut))).toThrow(IncidentLinesError);
  });

  it('refuses lines that are not an article’s or an incident’s, and reports that are not the count their line gives, naming the line', () => {
    const lines = serializeIncidents(incidents).split('\n');
    const withLine = (n: number, text: string) => Buffer.from(lines.map((l, i) => (i === n ? text : l)).join('\n'));
    expect(() => readIncidentEntries(withLine(0, '{"extractor":"x"}'))).toThrow(/head line does not give extractor, articles and groups/);
    expect(() => readIncidentEntries(withLine(2, '["plain",[]]'))).toThrow(/line 3 is not an article's reports/);
    expect(() => readIncidentEntries(withLine(2, '["plain",-1,[]]'))).toThrow(/line 3 is not an article's reports/);
    expect(() => readIncidentEntries(withLine(2, '["plain",2,[{}]'))).toThrow(/line 3 is not an article's reports/);
    expect(() => readIncidentEntries(withLine(4, '[["plain",0]]'))).toThrow(/line 5 is not an incident's reports/);
    expect(() => readIncidentEntries(Buffer.from(lines.slice(0, 5).join('\n')))).toThrow(/ends before line 6/);
    expect(() => readIncidentEntries(Buffer.from(`${lines.join('\n')}\n[[],[]]\n`))).toThrow(/more lines than its head line says/);
    // Its start as an article's line, what follows not: found when the reports are parsed.
    const miscounted = readIncidentEntries(withLine(2, '["plain",3,[{"articleId":"plain"}]]'));
    expect(() => reportsOf(miscounted.articles, 'plain')).toThrow(/the line of article plain's reports does not hold the 3 reports it counts/);
    const broken = readIncidentEntries(withLine(2, '["plain",2,[{"articleId":]]'));
    expect(() => reportsOf(broken.articles, 'plain')).toThrow(/the line of article plain's reports is not valid JSON/);
    // Answering's reading of the same lines refuses them at once.
    expect(() => parseIncidents(withLine(2, '["plain",3,[{"articleId":"plain"}]]'))).toThrow(/line 3 is not an article's reports/);
  });
});

describe('a build over stored incident lines that pass the checksum but cannot be read', () => {
  const STRIKE = article('Strike on Kharkiv school', 'A missile struck a school in Kharkiv on 3 March 2025, killing two pupils.', { published: '2025-03-04' });
  const AGAIN = article('Kharkiv school attack', 'Two pupils were killed when a missile hit a school in Kharkiv on 3 March 2025.', { published: '2025-03-05' });

  /** A built index whose incidents file is replaced by `damage` of its text, the checksums made to match (as a writer's bug would leave it). */
  async function damagedIndex(damage: (text: string) => string) {
    const root = tempDir('sitrep-incident-lines-');
    const corpus = writeCorpus({ 'strike.md': STRIKE }, path.join(root, 'corpus'));
    const config = testConfig({ CORPUS_DIR: corpus, INDEX_DIR: path.join(root, 'index') });
    const embedder = hashEmbedder();
    await buildIndex(config, { embedder });
    const { location } = readIndex(config.INDEX_DIR, { efSearch: 50 });
    const file = path.join(location, 'incidents.jsonl');
    const bad = damage(fs.readFileSync(file, 'utf8'));
    forge(location, { 'incidents.jsonl': Buffer.from(bad) });
    // An article telling of the same day: the stored article's incident is grouped again, its reports parsed.
    fs.writeFileSync(path.join(corpus, 'again.md'), AGAIN);
    return { build: () => buildIndex(config, { embedder }), current: () => fs.readFileSync(path.join(config.INDEX_DIR, 'CURRENT'), 'utf8') };
  }

  it('refuses, naming the file, a line whose start is not an article’s, and keeps the index it has', async () => {
    const { build, current } = await damagedIndex((text) => text.replace(/\n\["[0-9a-f]+",1,/, '\n["x",'));
    const before = current();
    await expect(build()).rejects.toThrow(/incidents\.jsonl is damaged: line 2 is not an article's reports/);
    expect(current()).toBe(before);
  });

  it('refuses, naming the file, a kept article’s reports that cannot be parsed when their incident is grouped again', async () => {
    const { build, current } = await damagedIndex((text) => text.replace(/"sentence":/, '"sentence"'));
    const before = current();
    await expect(build()).rejects.toThrow(/incidents\.jsonl is damaged: the line of article [0-9a-f]+'s reports is not valid JSON/);
    expect(current()).toBe(before);
  });
});
