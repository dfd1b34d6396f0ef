import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { filterTimeline, readCorpusIncidents } from '../../src/incidents/from-corpus.js';
import { createGazetteer } from '../../src/incidents/gazetteer.js';
import { TimelineError } from '../../src/incidents/timeline.js';

const gazetteer = createGazetteer([{ name: 'Karvan', country: 'AM', lat: 40, lon: 44, population: 30_000 }]);
const article = (title: string, published: string, text: string) => `---\ntitle: ${title}\nsource: Wire\npublished: ${published}\n---\n\n${text}\n`;

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function corpus(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sitrep-incidents-'));
  dirs.push(dir);
  fs.writeFileSync(path.join(dir, 'a.md'), article('Rockets on Karvan', '2025-03-06', 'Rebels fired rockets at a school in Karvan on Monday, killing three pupils.'));
  return dir;
}

describe('timelines from the corpus folder', () => {
  it('quotes each report\'s sentence and filters newest first', async () => {
    const all = await readCorpusIncidents(corpus(), { gazetteer });
    const { incidents, quote } = filterTimeline(all, { place: 'Karvan' });
    expect(incidents.map((i) => i.day)).toEqual(['2025-03-03']);
    expect(quote(incidents[0]!.reports[0]!)).toBe('Rebels fired rockets at a school in Karvan on Monday, killing three pupils.');
    expect(filterTimeline(all, { since: '2025-04-01' }).incidents).toEqual([]);
  });

  it('refuses a bad filter', async () => {
    const all = await readCorpusIncidents(corpus(), { gazetteer });
    expect(() => filterTimeline(all, { since: 'yesterday' })).toThrow(TimelineError);
  });
});
