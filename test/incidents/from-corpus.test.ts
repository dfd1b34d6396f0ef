import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCorpusTimeline } from '../../src/incidents/from-corpus.js';
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
    const t = createCorpusTimeline(corpus(), { gazetteer });
    const { incidents, quote } = await t.timeline({ place: 'Karvan' }, 'gen-1');
    expect(incidents.map((i) => i.day)).toEqual(['2025-03-03']);
    expect(quote(incidents[0]!.reports[0]!)).toBe('Rebels fired rockets at a school in Karvan on Monday, killing three pupils.');
    expect((await t.timeline({ since: '2025-04-01' }, 'gen-1')).incidents).toEqual([]);
  });

  it('reads the folder once per index generation', async () => {
    const dir = corpus();
    const t = createCorpusTimeline(dir, { gazetteer });
    expect((await t.timeline({}, 'gen-1')).incidents).toHaveLength(1);
    fs.writeFileSync(path.join(dir, 'b.md'), article('Karvan blast', '2025-05-09', 'A car bomb exploded outside a bank in Karvan on Thursday, wounding four.'));
    expect((await t.timeline({}, 'gen-1')).incidents).toHaveLength(1);
    expect((await t.timeline({}, 'gen-2')).incidents).toHaveLength(2);
  });

  it('refuses a bad filter before reading anything', async () => {
    const t = createCorpusTimeline(path.join(os.tmpdir(), 'no-such-corpus-folder-here'), { gazetteer });
    await expect(t.timeline({ since: 'yesterday' }, 'gen-1')).rejects.toThrow(TimelineError);
  });
});
