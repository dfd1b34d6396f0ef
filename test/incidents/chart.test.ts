import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHART_TITLE, chartSubtitle, timelineChartSpec, weeklyCounts } from '../../src/incidents/chart.js';
import { ChartError, findChartFont, NO_INCIDENTS_TO_CHART, renderTimelineChart, specToSvg } from '../../src/incidents/render-chart.js';
import type { Incident, IncidentKind } from '../../src/incidents/types.js';

function incident(id: string, day: string | null, kind: IncidentKind): Incident {
  return { id, kind, day, places: [], reports: [], killed: [], injured: [] };
}

// Weeks run Monday to Sunday: 2023-10-16 is a Monday, 2023-10-22 the Sunday of the same week.
const incidents = [
  incident('a', '2023-10-16', 'drone'),
  incident('b', '2023-10-22', 'drone'),
  incident('c', '2023-10-18', 'rocket'),
  incident('d', '2023-10-23', 'rocket'),
  incident('e', '2023-11-08', 'airstrike'),
  incident('f', null, 'drone'),
];

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('the chart of incidents per week', () => {
  it('counts incidents per ISO week (Monday start) and kind, weeks in order, segments stacked', () => {
    expect(weeklyCounts(incidents)).toEqual([
      { week: '2023-10-16', weekEnd: '2023-10-23', kind: 'drone', count: 2, from: 0, to: 2 },
      { week: '2023-10-16', weekEnd: '2023-10-23', kind: 'rocket', count: 1, from: 2, to: 3 },
      { week: '2023-10-23', weekEnd: '2023-10-30', kind: 'rocket', count: 1, from: 0, to: 1 },
      { week: '2023-11-06', weekEnd: '2023-11-13', kind: 'airstrike', count: 1, from: 0, to: 1 },
    ]);
  });

  it('puts a Sunday in the week of the Monday before it, and a year-end week in one piece', () => {
    const weeks = weeklyCounts([incident('x', '2024-12-29', 'raid'), incident('y', '2024-12-30', 'raid'), incident('z', '2025-01-05', 'raid')]);
    expect(weeks.map((w) => [w.week, w.count])).toEqual([
      ['2024-12-23', 1],
      ['2024-12-30', 2],
    ]);
  });

  it('is a vega-lite spec of stacked bars by kind, titled with what the corpus holds', () => {
    const spec = timelineChartSpec(incidents, { place: 'Ain al-Asad', since: '2023-10-01' }, { font: 'Test Sans' }) as any;
    expect(spec.title.text).toBe(CHART_TITLE);
    expect(spec.title.text).toBe("Incidents Sitrep's corpus reports, per week");
    expect(spec.title.subtitle).toBe('6 incidents · place Ain al-Asad · since 1 Oct 2023 · 1 with no day not shown');
    expect(spec.mark.type).toBe('bar');
    expect(spec.encoding.x).toMatchObject({ field: 'week', type: 'temporal' });
    expect(spec.encoding.y2).toEqual({ field: 'to' });
    // Only the kinds present, in the fixed kind order.
    expect(spec.encoding.color.scale.domain).toEqual(['drone', 'rocket', 'airstrike']);
    expect(spec.data.values.reduce((n: number, v: { count: number }) => n + v.count, 0)).toBe(5);
    expect(spec.config.font).toBe('Test Sans');
  });

  it('has no spec when no incident has a day', () => {
    expect(timelineChartSpec([], {})).toBeNull();
    expect(timelineChartSpec([incident('u', null, 'other')], {})).toBeNull();
    expect(chartSubtitle([incident('u', null, 'other')], { actor: 'Houthi', until: '2024-01-31' })).toBe('1 incident · actor Houthi · until 31 Jan 2024 · 1 with no day not shown');
  });
});

describe('rendering the chart', () => {
  it('yields a PNG', async () => {
    const png = await renderTimelineChart(incidents, { since: '2023-10-01' });
    expect(png.length).toBeGreaterThan(0);
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    // IHDR: the width and height, at the default twice-size scale.
    expect(png.readUInt32BE(16)).toBeGreaterThan(640);
    expect(png.readUInt32BE(20)).toBeGreaterThan(260);
  });

  it('draws its text: the title and labels are the only near-black pixels, and they are there', async () => {
    const font = findChartFont();
    expect(font, 'no font found: install one (apt-get install fonts-dejavu-core) or set CHART_FONT_FILE').not.toBeNull();
    const svg = await specToSvg(timelineChartSpec(incidents, {}, { font: font!.family || 'sans-serif' })!);
    const { Resvg } = await import('@resvg/resvg-js');
    const px = new Resvg(svg, { font: { loadSystemFonts: false, fontFiles: font!.files }, background: 'white' }).render().pixels;
    let dark = 0;
    for (let i = 0; i < px.length; i += 4) if (px[i]! < 60 && px[i + 1]! < 60 && px[i + 2]! < 60) dark++;
    expect(dark).toBeGreaterThan(500);
  });

  it('says so, instead of drawing an empty chart, when no incident has a day', async () => {
    await expect(renderTimelineChart([])).rejects.toThrow(NO_INCIDENTS_TO_CHART);
    await expect(renderTimelineChart([incident('u', null, 'other')])).rejects.toMatchObject({ code: 'CHART_NO_INCIDENTS' });
  });

  it('finds no font in a folder without fonts, and refuses a font file that does not exist', () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'sitrep-fonts-'));
    try {
      expect(findChartFont({ dirs: [empty] })).toBeNull();
      expect(() => findChartFont({ file: path.join(empty, 'missing.ttf') })).toThrow(ChartError);
      expect(() => findChartFont({ file: path.join(empty, 'missing.ttf') })).toThrow(/CHART_FONT_FILE/);
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });

  it('takes any font file when it knows none of them, a plain sans face first', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sitrep-fonts-'));
    try {
      for (const f of ['SomeMono.ttf', 'OtherSans-Bold.ttf', 'OtherSans.otf']) fs.writeFileSync(path.join(dir, f), '');
      expect(findChartFont({ dirs: [dir] })).toEqual({ family: '', files: [path.join(dir, 'OtherSans.otf')] });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('finds a font it knows by its file name, with its bold face', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sitrep-fonts-'));
    try {
      fs.mkdirSync(path.join(dir, 'truetype', 'liberation'), { recursive: true });
      for (const f of ['LiberationSans-Regular.ttf', 'LiberationSans-Bold.ttf']) fs.writeFileSync(path.join(dir, 'truetype', 'liberation', f), '');
      expect(findChartFont({ dirs: [dir] })).toEqual({
        family: 'Liberation Sans',
        files: [path.join(dir, 'truetype', 'liberation', 'LiberationSans-Regular.ttf'), path.join(dir, 'truetype', 'liberation', 'LiberationSans-Bold.ttf')],
      });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
