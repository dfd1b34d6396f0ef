import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/corpus/types.js';
import { createGazetteer, extractReports, groupReports, samePlaceName, overlappingPlaceNames } from '../../src/incidents/index.js';

// Invented towns: Karvan and Telin 8 km apart, Loria 60 km from both.
const gazetteer = createGazetteer([
  { name: 'Karvan', country: 'AM', lat: 40.0, lon: 44.0, population: 30_000 },
  { name: 'Telin', country: 'AM', lat: 40.07, lon: 44.02, population: 20_000 },
  { name: 'Loria', country: 'AM', lat: 40.5, lon: 44.3, population: 60_000 },
]);

let n = 0;
function reportsOf(text: string, published = '2025-03-06') {
  const a: Article = { id: `art${++n}`, file: `${n}.md`, title: `Story ${n}`, published, text };
  return extractReports(a, { gazetteer });
}

describe('place names', () => {
  it('joins spellings of one place', () => {
    expect(samePlaceName('Hodeidah', 'Hudaydah')).toBe(true);
    expect(samePlaceName('the Kyiv region', 'Kyiv Oblast')).toBe(true);
    expect(samePlaceName('Sanaa airport', 'Sanaa International Airport')).toBe(true);
    expect(overlappingPlaceNames('Ain al-Asad', 'al-Asad Airbase')).toBe(true);
    expect(samePlaceName('Karvan', 'Loria')).toBe(false);
  });
});

describe('groupReports', () => {
  it('groups reports of one incident from different articles, spelt differently', () => {
    const reports = [
      ...reportsOf('A drone struck Ain al-Asad Airbase on Monday, injuring three soldiers.'),
      ...reportsOf('Three soldiers were injured in a drone attack on al-Asad Airbase on Monday.', '2025-03-05'),
    ];
    expect(reports).toHaveLength(2);
    const incidents = groupReports(reports);
    expect(incidents).toHaveLength(1);
    expect(incidents[0]!.reports).toHaveLength(2);
    expect(incidents[0]!.injured).toEqual([{ value: 3, reports: [0, 1] }]);
  });

  it('keeps apart incidents of different kinds, days or far-apart places', () => {
    const reports = [
      ...reportsOf('A rocket hit a school in Karvan on Monday, killing two children.'),
      ...reportsOf('A car bomb exploded in Karvan on Monday, killing one man.'),
      ...reportsOf('A rocket hit a school in Karvan on Friday, wounding four.', '2025-03-08'),
      ...reportsOf('A rocket hit a clinic in Loria on Monday, killing two.'),
    ];
    expect(reports).toHaveLength(4);
    expect(groupReports(reports)).toHaveLength(4);
  });

  it('joins nearby towns the gazetteer knows', () => {
    const reports = [
      ...reportsOf('Shelling hit a market in Karvan on Monday, killing six.'),
      ...reportsOf('Six people died when shells hit a market in Telin on Monday.'),
    ];
    expect(groupReports(reports)).toHaveLength(1);
  });

  it('merges two groups when a later report links them, and shows where the figures disagree', () => {
    const first = reportsOf('Rockets hit Karvan on Monday, killing three.');
    const second = reportsOf('A rocket attack on the Loria depot on Monday killed two.');
    expect(groupReports([...first, ...second])).toHaveLength(2);
    const linking = reportsOf('Rockets hit Karvan and the Loria depot on Monday, killing three people.');
    const incidents = groupReports([...first, ...second, ...linking]);
    expect(incidents).toHaveLength(1);
    expect(incidents[0]!.killed).toEqual([
      { value: 3, reports: [0, 2] },
      { value: 2, reports: [1] },
    ]);
    expect(incidents[0]!.day).toBe('2025-03-03');
  });

  it('does not merge through a third report two groups of one article whose towns are apart', () => {
    // Karvan and Loria are 60 km apart; the country named in the middle links each to it, not them to each other.
    const text = 'Shelling hit a market in Karvan on Monday, killing three. Shelling across Armenia on Monday wounded four people, officials said. Shells hit a school in Loria on Monday, killing two.';
    const reports = reportsOf(text);
    expect(reports).toHaveLength(3);
    const incidents = groupReports(reports);
    expect(incidents.some((i) => i.places.includes('Karvan') && i.places.includes('Loria'))).toBe(false);
  });

  it('joins an earlier event an article recalls, whatever place each sentence names in passing', () => {
    const text = 'Militants raided the Karvan Air Base on January 7, killing 40 soldiers. In Loria, officials said the January 7 raid had killed 40 soldiers.';
    const reports = reportsOf(text);
    expect(reports).toHaveLength(2);
    expect(groupReports(reports)).toHaveLength(1);
    // Events of the article's own days are not joined so: two towns apart are two incidents.
    const recent = reportsOf('Militants raided the Karvan Air Base on Monday, killing 40 soldiers. Militants raided a police post in Loria on Monday, killing two.');
    expect(groupReports(recent)).toHaveLength(2);
  });

  it('takes explosions for the effect of the weapon another sentence of the article names, not across articles', () => {
    const text = 'Explosions rocked the Karvan shipyard on Monday, killing two workers. Missiles struck the Karvan shipyard on Monday, officials said.';
    expect(groupReports(reportsOf(text))).toHaveLength(1);
    const apart = [...reportsOf('Explosions rocked the Karvan shipyard on Monday, killing two workers.'), ...reportsOf('Missiles struck the Karvan shipyard on Monday, officials said.')];
    expect(groupReports(apart)).toHaveLength(2);
    // A raid is fought with any weapon: the shots fired in it are the raid.
    expect(groupReports(reportsOf('Troops raided a camp in Karvan on Monday, killing one man. Soldiers opened fire on a car in Karvan on Monday, wounding two.'))).toHaveLength(1);
  });

  it('lets a report that names no place join the report before it in its article', () => {
    const text = 'A drone hit a fuel depot in Karvan on Monday. The attack killed two guards, officials said.';
    const incidents = groupReports(reportsOf(text));
    expect(incidents).toHaveLength(1);
    expect(incidents[0]!.reports.map((r) => r.sentence)).toEqual([0, 1]);
    expect(incidents[0]!.kind).toBe('drone');
  });

  it('does not let a report that names no place join a group of another weapon through its toll of no kind', () => {
    const text = 'Drones struck the airport of Karvan on Monday, targeting the terminal. At least two people are injured. Officials met on Tuesday. A missile hit an oil refinery, causing a fire.';
    const reports = reportsOf(text);
    expect(reports.map((r) => r.sentence)).toEqual([0, 1, 3]);
    const incidents = groupReports(reports);
    expect(incidents.map((i) => i.reports.map((r) => r.sentence)).sort()).toEqual([[0, 1], [3]]);
  });

  it('groups the same reports together whatever order the articles come in', () => {
    // Ids out of alphabetical order, so that the input order and the ids' order differ.
    const story = (id: string, text: string, published = '2025-03-06') => extractReports({ id, file: `${id}.md`, title: id, published, text }, { gazetteer });
    const articles = [
      story('zeta', 'A drone hit a fuel depot in Karvan on Monday. The attack killed two guards, officials said.'),
      story('alpha', 'Two guards were killed when a drone struck a depot in Telin on Monday.'),
      story('mid', 'A car bomb exploded in Loria on Monday, killing one man. Rockets hit a school in Karvan on Friday, wounding four.', '2025-03-08'),
      story('beta', 'The blast in Loria on Monday killed a man, police said.'),
    ];
    const partition = (reports: ReturnType<typeof story>) =>
      groupReports(reports)
        .map((i) => i.reports.map((r) => `${r.articleId}:${r.sentence}`).sort().join(' '))
        .sort();
    const given = partition(articles.flat());
    expect(given.some((g) => g.includes('zeta:1') && g.includes('alpha:0'))).toBe(true);
    expect(partition([...articles].reverse().flat())).toEqual(given);
    expect(partition([articles[2]!, articles[0]!, articles[3]!, articles[1]!].flat())).toEqual(given);
  });
});

describe('groupReports at the edges of its grid', () => {
  // Towns of other names about 20 km apart: across the antimeridian, and near the pole where a degree of longitude is short.
  const edge = createGazetteer([
    { name: 'Ostrel', country: 'FJ', lat: -16.8, lon: 179.95, population: 30_000 },
    { name: 'Vanuk', country: 'FJ', lat: -16.8, lon: -179.87, population: 30_000 },
    { name: 'Nordby', country: 'NO', lat: 78.2, lon: 15.0, population: 30_000 },
    { name: 'Hamvik', country: 'NO', lat: 78.2, lon: 15.9, population: 30_000 },
  ]);
  const of = (text: string) => extractReports({ id: `edge${++n}`, file: `${n}.md`, title: `Story ${n}`, published: '2025-03-06', text }, { gazetteer: edge });

  it('joins nearby towns across the antimeridian and near the pole', () => {
    expect(groupReports([...of('A rocket hit a depot in Ostrel on Monday, killing two.'), ...of('A rocket hit a depot in Vanuk on Monday, killing two.')])).toHaveLength(1);
    expect(groupReports([...of('A rocket hit a depot in Nordby on Monday, killing two.'), ...of('A rocket hit a depot in Hamvik on Monday, killing two.')])).toHaveLength(1);
  });
});

describe('two incidents of one sentence', () => {
  it('groups them apart, each with an id of its own', () => {
    const reports = reportsOf('Militants fired rockets at Loria on Tuesday in retaliation for a drone strike days earlier that killed a commander in Karvan.');
    expect(reports).toHaveLength(2);
    const incidents = groupReports(reports);
    expect(incidents).toHaveLength(2);
    expect(new Set(incidents.map((i) => i.id)).size).toBe(2);
  });
});
