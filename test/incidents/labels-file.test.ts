import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { evaluateIncidents, IncidentEvalError, readIncidentLabels } from '../../src/eval/incidents.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sitrep-incident-labels-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

describe('the incident labels file', () => {
  it('names each bad line and what is wrong with it', () => {
    const good = JSON.stringify({ id: 'x', file: 'x.jsonl', published: '2025-03-06', stratum: 'single-story', labelled: 'all', incidents: [] });
    const file = write('bad.jsonl', `${good}\nnot json\n${JSON.stringify({ id: 'y', file: 'x.jsonl', published: '6 March', stratum: 'single-story', labelled: 'all', incidents: [] })}\n`);
    expect(() => readIncidentLabels(file)).toThrow(IncidentEvalError);
    expect(() => readIncidentLabels(file)).toThrow(/2 bad label line\(s\):\n  line 2: invalid JSON.*\n  line 3: published: expected YYYY-MM-DD/s);
  });

  it('says which file or article is missing', () => {
    expect(() => evaluateIncidents(path.join(dir, 'none.jsonl'), dir)).toThrow('no such labels file');
    const labels = write('labels.jsonl', JSON.stringify({ id: 'x', file: 'absent.jsonl', published: '2025-03-06', stratum: 'single-story', labelled: 'all', incidents: [] }) + '\n');
    expect(() => evaluateIncidents(labels, dir)).toThrow(/absent\.jsonl: not found/);
  });

  it('reads the committed labels: 46 articles in the three strata', () => {
    const labels = readIncidentLabels('test/fixtures/eval/incidents.jsonl');
    expect(labels).toHaveLength(46);
    const count = (s: string) => labels.filter((l) => l.stratum === s).length;
    expect(count('wikipedia-day')).toBeGreaterThanOrEqual(10);
    expect(count('live-updates')).toBeGreaterThanOrEqual(10);
    expect(count('single-story')).toBeGreaterThanOrEqual(20);
  });

  it('reads the held-out labels, none of whose articles is in the labelled set', () => {
    const heldOut = readIncidentLabels('test/fixtures/eval/incidents-heldout.jsonl');
    expect(heldOut).toHaveLength(9);
    const labelled = new Set(readIncidentLabels('test/fixtures/eval/incidents.jsonl').map((l) => l.id));
    expect(heldOut.filter((l) => labelled.has(l.id))).toEqual([]);
    expect(heldOut.reduce((n, l) => n + l.incidents.length, 0)).toBe(21);
    const second = readIncidentLabels('test/fixtures/eval/incidents-heldout-2.jsonl');
    expect(second).toHaveLength(9);
    const seen = new Set([...labelled, ...heldOut.map((l) => l.id)]);
    expect(second.filter((l) => seen.has(l.id))).toEqual([]);
  });

  it('reads the third to fifth held-out sets: nine articles each, none in an earlier set', () => {
    const seen = new Set(['incidents', 'incidents-heldout', 'incidents-heldout-2'].flatMap((f) => readIncidentLabels(`test/fixtures/eval/${f}.jsonl`).map((l) => l.id)));
    for (const [file, reports] of [['incidents-heldout-3', 63], ['incidents-heldout-4', 70], ['incidents-heldout-5', 24]] as const) {
      const set = readIncidentLabels(`test/fixtures/eval/${file}.jsonl`);
      expect(set, file).toHaveLength(9);
      expect(set.filter((l) => seen.has(l.id)), file).toEqual([]);
      expect(set.reduce((n, l) => n + l.incidents.length, 0), file).toBe(reports);
      for (const l of set) seen.add(l.id);
    }
  });

  it('reads the sixth to fifteenth held-out sets, drawn larger by stratum, none in an earlier set', () => {
    const seen = new Set(['incidents', 'incidents-heldout', 'incidents-heldout-2', 'incidents-heldout-3', 'incidents-heldout-4', 'incidents-heldout-5'].flatMap((f) => readIncidentLabels(`test/fixtures/eval/${f}.jsonl`).map((l) => l.id)));
    for (const [file, strata, reports] of [['incidents-heldout-6', [4, 3, 5], 53], ['incidents-heldout-7', [5, 3, 8], 104], ['incidents-heldout-8', [5, 1, 8], 64], ['incidents-heldout-9', [5, 2, 8], 59], ['incidents-heldout-10', [5, 2, 8], 81], ['incidents-heldout-11', [5, 2, 8], 178], ['incidents-heldout-12', [5, 2, 8], 58], ['incidents-heldout-13', [5, 2, 8], 78], ['incidents-heldout-14', [5, 2, 8], 53], ['incidents-heldout-15', [0, 0, 18], 100]] as const) {
      const set = readIncidentLabels(`test/fixtures/eval/${file}.jsonl`);
      const count = (s: string) => set.filter((l) => l.stratum === s).length;
      expect([count('wikipedia-day'), count('live-updates'), count('single-story')], file).toEqual(strata);
      expect(set.filter((l) => seen.has(l.id)), file).toEqual([]);
      expect(set.reduce((n, l) => n + l.incidents.length, 0), file).toBe(reports);
      for (const l of set) seen.add(l.id);
    }
  });
});
