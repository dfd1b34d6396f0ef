import { describe, expect, it } from 'vitest';
import { timelinePage, TIMELINE_PAGE_SIZE } from '../../src/bot/format/timeline-page.js';
import { readTimelineFilter } from '../../src/bot/timeline-filter.js';
import { parseTimelineButton, timelineButtonId } from '../../src/bot/timeline-view.js';
import type { Incident, IncidentReport } from '../../src/incidents/types.js';
import { embedSizes } from './fixtures.js';

function report(articleId: string, over: Partial<IncidentReport> = {}): IncidentReport {
  return {
    articleId,
    file: `${articleId}.md`,
    title: `Report ${articleId}`,
    source: 'Wire',
    published: '2024-01-02',
    sentence: 0,
    sentenceSpan: { start: 0, end: 10 },
    trigger: { value: 'strike', text: 'strike', start: 0, end: 6 },
    kind: { value: 'drone', text: 'drone', start: 0, end: 5 },
    eventDay: null,
    place: null,
    otherPlaces: [],
    actor: null,
    target: null,
    killed: null,
    injured: null,
    ...over,
  };
}

function incident(id: string, day: string, reports: IncidentReport[], places: string[] = ['Mosul']): Incident {
  return { id, kind: 'drone', day, places, reports, killed: [{ value: 3, reports: [0] }, { value: 2, reports: [1] }], injured: [], };
}

describe('a timeline page', () => {
  it('fits Discord\'s limits with the longest quotes, titles, links and places', () => {
    const long = 'A drone strike hit the depot and the crowd nearby while officials spoke, witnesses said. '.repeat(30);
    const incidents = Array.from({ length: 23 }, (_, i) =>
      incident(
        `i${i}`,
        `2024-01-${String(28 - i).padStart(2, '0')}`,
        Array.from({ length: 6 }, (_, r) =>
          report(`a${i}-${r}`, { title: `${'Very long headline about a strike '.repeat(12)}${i}-${r}`, url: `https://example.org/${'x'.repeat(400)}/${i}/${r}` }),
        ),
        ['Place with a very long name '.repeat(8)],
      ),
    );
    for (let page = 0; page < 5; page++) {
      const view = timelinePage({ incidents, quote: () => long, filter: { place: 'P'.repeat(35) }, page, buttonId: (p) => `tl:${p}`, chart: { attached: true } });
      const sizes = embedSizes(view.embeds[0]!.toJSON() as never);
      expect(sizes.description).toBeLessThanOrEqual(4096);
      expect(sizes.total).toBeLessThanOrEqual(6000);
      expect(sizes.longestFieldValue).toBeLessThanOrEqual(1024);
      expect(sizes.fields).toBeLessThanOrEqual(25);
      // Every incident of the page is there, each with its quotes cited.
      const text = view.embeds[0]!.toJSON().description!;
      const shown = incidents.slice(page * TIMELINE_PAGE_SIZE, (page + 1) * TIMELINE_PAGE_SIZE);
      for (let i = 0; i < shown.length; i++) expect(text).toContain(`**${page * TIMELINE_PAGE_SIZE + i + 1}. `);
      expect(text).toContain('[1]');
      expect(text).toContain('… and 4 more reports');
    }
  });

  it('clamps the page, shows disagreeing figures, and has no buttons for one page', () => {
    const view = timelinePage({ incidents: [incident('a', '2024-01-02', [report('x')])], quote: () => 'A drone hit Mosul.', filter: {}, page: 7, buttonId: (p) => `tl:${p}`, chart: { attached: false, note: null } });
    expect(view.page).toBe(0);
    expect(view.components).toEqual([]);
    expect(view.embeds[0]!.toJSON().description).toContain('**1. 2 Jan 2024** · drone · Mosul · killed 3 (1) vs 2 (1)');
    expect(view.embeds[0]!.toJSON().image).toBeUndefined();
  });
});

describe('page buttons', () => {
  it('carry the filter itself, read back the same', () => {
    const filter = { place: 'Ain al-Asad', actor: 'Islamic Resistance', since: '2023-10-17', until: '2023-12-06' };
    const id = timelineButtonId(filter, { kind: 'filter' }, 3)!;
    expect(id).toBe('tl:3:f:20231017:20231206:Ain al-Asad:Islamic Resistance');
    expect(parseTimelineButton(id)).toEqual({ page: 3, ref: { kind: 'filter', filter } });
    expect(parseTimelineButton(timelineButtonId({}, { kind: 'filter' }, 0)!)).toEqual({ page: 0, ref: { kind: 'filter', filter: {} } });
  });

  it('carry an answer id for a list opened from an answer, and refuse what does not fit', () => {
    expect(parseTimelineButton(timelineButtonId({ place: 'x' }, { kind: 'answer', id: '20231207abcdefghij' }, 1)!)).toEqual({ page: 1, ref: { kind: 'answer', id: '20231207abcdefghij' } });
    expect(timelineButtonId({ place: 'a:b' }, { kind: 'filter' }, 0)).toBeNull();
    expect(timelineButtonId({ place: 'p'.repeat(95) }, { kind: 'filter' }, 0)).toBeNull();
    expect(parseTimelineButton('tl:1:f:2023:::')).toBeNull();
    expect(parseTimelineButton('sources:1')).toBeNull();
  });
});

describe('the /timeline options', () => {
  const now = new Date('2026-12-01T12:00:00Z');
  const read = (o: Partial<Record<'place' | 'actor' | 'since' | 'until', string>>) =>
    readTimelineFilter({ place: o.place ?? null, actor: o.actor ?? null, since: o.since ?? null, until: o.until ?? null }, 'UTC', now);

  it('reads ISO and written dates as as_of does', () => {
    expect(read({ since: '2023-10-17', until: '6 Dec 2023' })).toEqual({ ok: true, filter: { since: '2023-10-17', until: '2023-12-06' } });
    expect(read({ since: 'October 17, 2023' })).toEqual({ ok: true, filter: { since: '2023-10-17' } });
    expect(read({ place: '  Kirkuk ', actor: '' })).toEqual({ ok: true, filter: { place: 'Kirkuk' } });
  });

  it('refuses a date it cannot read, one after today, and a reversed range', () => {
    expect(read({ since: 'soon' })).toMatchObject({ ok: false, message: expect.stringContaining('2023-10-17 or 17 Oct 2023') });
    expect(read({ until: '2030-01-01' })).toMatchObject({ ok: false });
    expect(read({ since: '2023-12-06', until: '2023-10-17' })).toMatchObject({ ok: false, message: 'The since date (2023-12-06) is after the until date (2023-10-17).' });
  });
});
