import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/corpus/types.js';
import { createGazetteer, extractReports, formatTimeline, groupReports, selectIncidents, TimelineError } from '../../src/incidents/index.js';

const gazetteer = createGazetteer([
  { name: 'Karvan', country: 'AM', lat: 40, lon: 44, population: 30_000 },
  { name: 'Loria', country: 'GE', lat: 42, lon: 44, population: 60_000 },
]);

const articles: Article[] = [
  { id: 'a', file: 'a.md', title: 'Rockets on Karvan', source: 'Wire', published: '2025-03-06', text: 'Rebels fired rockets at a school in Karvan on Monday, killing three pupils.' },
  { id: 'b', file: 'b.md', title: 'Karvan toll', source: 'Daily', published: '2025-03-04', text: 'A rocket attack on a school in Karvan on Monday killed two, officials said.' },
  { id: 'c', file: 'c.md', title: 'Loria blast', published: '2025-01-10', text: 'A car bomb exploded outside a bank in Loria on Thursday, wounding four.' },
];
const texts = new Map(articles.map((a) => [a.id, a.text]));
const incidents = groupReports(articles.flatMap((a) => extractReports(a, { gazetteer })));
const quote = (r: { articleId: string; sentenceSpan: { start: number; end: number } }) => texts.get(r.articleId)!.slice(r.sentenceSpan.start, r.sentenceSpan.end);

describe('the timeline', () => {
  it('lists incidents newest first', () => {
    expect(selectIncidents(incidents, {}).map((i) => i.day)).toEqual(['2025-03-03', '2025-01-09']);
  });

  it('filters by place, by a country of its towns, by actor and by dates', () => {
    expect(selectIncidents(incidents, { place: 'Karvan' })).toHaveLength(1);
    expect(selectIncidents(incidents, { place: 'Georgia' }).map((i) => i.places[0])).toEqual(['Loria']);
    expect(selectIncidents(incidents, { actor: 'rebels' })).toHaveLength(1);
    expect(selectIncidents(incidents, { since: '2025-02-01' })).toHaveLength(1);
    expect(selectIncidents(incidents, { until: '2025-02-01' })).toHaveLength(1);
  });

  it('quotes every report with its citation and shows figures that disagree', () => {
    const text = formatTimeline(selectIncidents(incidents, { place: 'Karvan' }), quote);
    expect(text).toContain("Sitrep's corpus reports 1 incident matching.");
    expect(text).toContain('killed 3 (1 report) vs 2 (1 report)');
    expect(text).toContain('“Rebels fired rockets at a school in Karvan on Monday, killing three pupils.”');
    expect(text).toContain('Karvan toll · Daily · 2025-03-04 · b.md');
  });

  it('rejects a malformed or reversed date range with a clear message', () => {
    expect(() => selectIncidents(incidents, { since: '17 Oct' })).toThrow(TimelineError);
    expect(() => selectIncidents(incidents, { since: '17 Oct' })).toThrow('--since: expected a date as YYYY-MM-DD, got "17 Oct"');
    expect(() => selectIncidents(incidents, { since: '2025-03-01', until: '2025-02-01' })).toThrow('is after --until');
  });
});
