import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/corpus/types.js';
import { createGazetteer, extractReports, groupReports, overlappingPlaceNames, placeNameTokens, samePlaceName } from '../../src/incidents/index.js';
import { atPlace, placeIndex } from '../../src/incident-answers.js';

/** Place names made of a few syllables, generic words, "al-" and accents, so that keys, skeletons and words collide. */
const word = fc.constantFrom('Hodeidah', 'Hudaydah', 'Asad', 'al-Asad', 'Ain', 'Kyiv', 'Kiev', 'Oblast', 'region', 'Airbase', 'Base', 'North', 'Tal', 'Tall', 'Sur', 'Sour', 'Qaim', 'Al', 'of', 'Zé', 'Ze', 'Bani', 'Banī');
const placeName = fc.array(word, { minLength: 1, maxLength: 4 }).map((ws) => ws.join(' '));

describe('place comparison tokens', () => {
  it('two names that share no token are neither the same place nor overlapping', () => {
    fc.assert(
      fc.property(placeName, placeName, (a, b) => {
        const shared = placeNameTokens(a).some((t) => placeNameTokens(b).includes(t));
        if (!shared) expect(samePlaceName(a, b) || overlappingPlaceNames(a, b)).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('the incidents at a place', () => {
  const gazetteer = createGazetteer([{ name: 'Karvan', country: 'AM', lat: 40, lon: 44, population: 30_000 }]);
  const towns = ['Karvan', 'al-Asad Airbase', 'Ain al-Asad', 'Hodeidah', 'Hudaydah port', 'Kyiv Oblast', 'the Kyiv region', 'Loria', 'North Loria'];
  const articles: Article[] = towns.map((t, i) => ({
    id: `a${i}`,
    file: `a${i}.md`,
    title: `Attack in ${t}`,
    published: `2025-03-${String(10 + i).padStart(2, '0')}`,
    text: `A rocket attack on a school in ${t} on Monday killed ${i + 2} people, officials said.`,
  }));
  const incidents = groupReports(articles.flatMap((a) => extractReports(a, { gazetteer })));
  const index = placeIndex(incidents);

  it('finds, through the tokens, the incidents a scan of every name finds', () => {
    const names = [...index.byName.keys()];
    expect(names.length).toBeGreaterThan(4);
    for (const place of [...towns, 'Asad', 'Kiev', 'Armenia', 'Hudayda', 'Nowhere', 'Loria region']) {
      const scanned = new Set(names.filter((n) => samePlaceName(n, place) || overlappingPlaceNames(n, place)).flatMap((n) => index.byName.get(n)!));
      const found = atPlace(index, place);
      for (const i of scanned) expect(found.has(i)).toBe(true);
      // Beyond the names: a country's towns ("Armenia" holds Karvan).
      const byCountry = new Set(place === 'Armenia' ? index.byCountry.get('AM') ?? [] : []);
      for (const i of found) expect(scanned.has(i) || byCountry.has(i)).toBe(true);
    }
    expect(atPlace(index, 'Asad').size).toBeGreaterThan(0);
    expect(atPlace(index, 'Nowhere').size).toBe(0);
  });
});
