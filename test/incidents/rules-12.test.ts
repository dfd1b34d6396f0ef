/** The rules of incidents-12: the place of a verb in the present and of a site, names that are no place, what-ifs, misses, counts since a war, a series launched, and editors' notes. */
import { describe, expect, it } from 'vitest';
import { extractReports } from '../../src/incidents/index.js';
import { article, gazetteer, only } from '../helpers/invented-incidents.js';

const none = (text: string, published?: string) => expect(extractReports(article(text, published), { gazetteer })).toEqual([]);

describe('the place of the event', () => {
  it('reads the object of an attack verb in the present ("jets strike …") as the place, and a facility as a site', () => {
    expect(only('Militia jets strike Dunmere, the army says.').place?.value).toBe('Dunmere');
    expect(only('Militia jets strike the Zarqa Nuclear Facility, the army says.').place).toMatchObject({ value: 'Zarqa Nuclear Facility', specificity: 'site' });
  });

  it('does not read a name after a determiner and "strike" as the place ("the strike Karvan carried out")', () => {
    const r = only('The strike Karvan carried out on Monday hit a depot in Dunmere.');
    expect(r.place?.value).toBe('Dunmere');
  });

  it('does not take a name after an organisation\'s "of", or a treaty, for a place', () => {
    const r = only('Militia jets strike the Zarqa Nuclear Facility, according to the Energy Organization of Karvan.');
    expect([r.place, ...r.otherPlaces].map((p) => p?.value)).toEqual(['Zarqa Nuclear Facility']);
    none('Members join because of Article 5 of the Dunmere Treaty, which holds that an attack on one is an attack against all.');
  });
});

describe('what did not happen', () => {
  it('passes over a potential or imminent attack and weapons capable of hitting', () => {
    none('Officials in Dunmere discussed a potential attack on the port.');
    none('The base in Karvan braced for an imminent attack, the army said.');
    none('Those missiles are capable of hitting targets in Dunmere.');
  });

  it('keeps a strike made against an "imminent threat"', () => {
    expect(only('A drone struck a car in Karvan on Sunday, against an "imminent threat" to the airport.').kind.value).toBe('drone');
  });

  it('passes over a miss that harmed nothing, and keeps one told with harm done', () => {
    none('However, neither missile hits the base in Karvan, with one failing in flight and the other intercepted.');
    none('Officials confirm no militia missiles hit the Zarqa Air Base.');
    expect(only('One missile missed its target, but another hit a school in Dunmere, killing two.').killed?.value).toBe(2);
  });
});

describe('counts since a war began', () => {
  it('passes over a count since the war or the conflict began', () => {
    none('Since the conflict began, militants have fired nearly 1,000 rockets at Dunmere.');
    none('Since the Karvan war, the militia has conducted dozens of missile and drone attacks on ships near Dunmere.');
  });

  it('keeps an event measured against the war, or told beside the count', () => {
    expect(only('The strike on Karvan was the deadliest since the war began, killing 30 people.').killed?.value).toBe(30);
    expect(only('Three people are injured after a drone hit a depot, adding to the total since the war began.').injured?.value).toBe(3);
    expect(only('Thousands have died in Karvan since the invasion that followed a militia attack that killed almost 1,200 people.').place?.value).toBe('Karvan');
  });
});

describe('a series of strikes launched, and an editor\'s note', () => {
  it('reads "launches a series of airstrikes" as one operation, not attacks in general', () => {
    expect(only('The Sudanese Air Force launches a series of airstrikes against militia positions.').kind.value).toBe('airstrike');
    expect(only('Rebels launched a series of drone attacks against army positions near the border.').kind.value).toBe('drone');
    none('A series of airstrikes has hit militia positions.');
  });

  it('passes over an editor\'s note on what a page sums up, but not a report the splitter ran on into it', () => {
    none("Editor's Note: This page is a summary of news on the militia attack on Dunmere for Monday, March 3.");
    expect(only("Editor's Note: For the latest news, see Friday's updates here.An explosion at a church in Dunmere late Thursday killed two people.").killed?.value).toBe(2);
  });
});
