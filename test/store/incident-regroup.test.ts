/**
 * Regrouping at build only the incidents an added, removed or changed article can touch, from the
 * previous grouping as the next build reads it: the same incidents as grouping afresh.
 */
import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/corpus/types.js';
import { createGazetteer } from '../../src/incidents/index.js';
import { parseIncidents, readIncidentEntries, serializeIncidentLines } from '../../src/store/incident-lines.js';
import { groupIncidents, updateIncidents, type ReportRef } from '../../src/store/incident-reports.js';

describe('regrouping only the incidents a change can touch', () => {
  const art = (id: string, text: string, published: string): Article => ({ id, file: `${id}.md`, title: id, published, text });
  const towns = () => createGazetteer([{ name: 'Karvan', country: 'AM', lat: 40, lon: 44, population: 30_000 }]);
  // Incidents far apart in time, so that a change near one leaves most of them as they were.
  const background = ['Loria', 'Hadar', 'Karvan', 'Tamsin', 'Orvel', 'Brisk'].map((town, i) =>
    art(`bg${i}`, `A car bomb exploded outside a bank in ${town} on ${i + 10} ${['June', 'July', 'August', 'September', 'October', 'November'][i]} 2024, wounding four people.`, `2024-${String(i + 6).padStart(2, '0')}-${i + 11}`),
  );
  const third = art('k3', 'A missile struck a school in Kharkiv on 3 March 2025, killing two pupils.', '2025-03-04');
  const fifth = art('k5', 'A missile struck a hospital in Kharkiv on 5 March 2025, killing three people.', '2025-03-06');
  const between = art('k4', 'A missile struck a school in Kharkiv on 4 March 2025, killing two pupils and a teacher.', '2025-03-05');
  const far = art('far', 'A drone struck a fuel depot in Orvel on 2 April 2026, killing three guards.', '2026-04-03');

  /**
   * The next build's grouping, worked out from `before`'s as the next build reads it from its lines,
   * with the afresh grouping of the same reports beside it; `incidents`: the update as answering reads it.
   */
  function next(before: ReturnType<typeof updateIncidents>, beforeArticles: Article[], articles: Article[]) {
    const stored = readIncidentEntries(serializeIncidentLines(before.incidents));
    const update = updateIncidents(articles, { articleIds: new Set(beforeArticles.map((a) => a.id)), incidents: stored }, towns);
    // Kept articles whose reports the update parsed: those of the incidents grouped again or compared with one.
    const parsed = [...stored.articles].filter(([, a]) => a.reports !== undefined).map(([id]) => id);
    const incidents = parseIncidents(serializeIncidentLines(update.incidents));
    return { update, incidents, parsed, afresh: groupIncidents(articles, incidents.byArticle) };
  }
  const refsOf = (update: ReturnType<typeof updateIncidents>) => update.incidents.groups.map((g) => g.refs);
  const titlesOf = (groups: ReportRef[][]) => groups.map((g) => g.map(([id]) => id));

  it('joins two previous incidents through an added report that links both, as grouping afresh does', () => {
    const first = [...background, third, fifth];
    const before = updateIncidents(first, null, towns);
    expect(before.regrouped).toBe(refsOf(before).flat().length);
    expect(titlesOf(refsOf(before)).filter((g) => g.some((id) => id.startsWith('k')))).toEqual([['k5'], ['k3']]);
    const articles = [...background, third, between, fifth];
    const { update, incidents, parsed, afresh } = next(before, first, articles);
    expect(incidents.groups).toEqual(afresh);
    expect(titlesOf(incidents.groups)).toContainEqual(['k3', 'k4', 'k5']);
    // Only the added report and the two incidents within a day of it were grouped again, and only their articles parsed (with those compared for its place).
    expect(update.regrouped).toBe(3);
    expect(parsed).toEqual(expect.arrayContaining(['k3', 'k5']));
    expect(parsed.length).toBeLessThan(first.length);
  });

  it('groups only its own reports for an article far in time from the others, and splits an incident when its link is removed', () => {
    const first = [...background, third, between, fifth];
    const before = updateIncidents(first, null, towns);
    const withFar = [...first, far];
    const added = next(before, first, withFar);
    expect(added.incidents.groups).toEqual(added.afresh);
    expect(added.update.regrouped).toBe(1);
    expect(titlesOf(added.incidents.groups)[0]).toEqual(['far']);
    // Only the kept incidents its place among them is searched by (a binary search) have their articles' reports parsed.
    expect(added.parsed.length).toBeLessThan(first.length);

    const withoutLink = withFar.filter((a) => a.id !== 'k4');
    const removed = next(added.update, withFar, withoutLink);
    expect(removed.incidents.groups).toEqual(removed.afresh);
    expect(removed.update.regrouped).toBe(2);
    expect(titlesOf(removed.incidents.groups).filter((g) => g.some((id) => id.startsWith('k')))).toEqual([['k5'], ['k3']]);
  });

  it('changes an article: its old reports leave their incident and its new ones are grouped with their neighbours', () => {
    const first = [...background, third, fifth];
    const before = updateIncidents(first, null, towns);
    // k5 told again with the 4th for its day: a new id, the old one removed.
    const changed = art('k5b', fifth.text.replace('5 March', '4 March'), fifth.published!);
    const articles = [...background, third, changed];
    const { update, incidents, afresh } = next(before, first, articles);
    expect(incidents.groups).toEqual(afresh);
    expect(update.regrouped).toBeLessThan(incidents.groups.flat().length);
  });

  it('puts kept incidents in the order grouping afresh gives when the articles’ order has moved', () => {
    const first = [...background, third, between, fifth];
    const before = updateIncidents(first, null, towns);
    // The articles of the Kharkiv incident in another order (files renamed), and one added far from it.
    const moved = [fifth, ...background, far, between, third];
    const { update, incidents, afresh } = next(before, first, moved);
    expect(update.regrouped).toBe(1);
    expect(incidents.groups).toEqual(afresh);
    expect(titlesOf(incidents.groups)).toContainEqual(['k5', 'k4', 'k3']);
  });

  it('groups every report afresh when most of them would be grouped again', () => {
    const first = [third, fifth];
    const before = updateIncidents(first, null, towns);
    const { update, incidents, afresh } = next(before, first, [third, between, fifth]);
    expect(incidents.groups).toEqual(afresh);
    expect(update.regrouped).toBe(3);
  });
});
