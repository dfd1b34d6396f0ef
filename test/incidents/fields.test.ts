import { describe, expect, it } from 'vitest';
import { createGazetteer, findCasualties, findPlaces, parseNumber, rankPlaces } from '../../src/incidents/index.js';

const value = (f: { value: number } | null) => f?.value ?? null;

describe('casualty figures', () => {
  it.each([
    ['Seven people are killed, including two guards, and 36 others are injured in the blasts.', 7, 36],
    ['At least 57 villagers, including 10 children and three women, are killed by the shelling.', 57, null],
    ['Mortar fire hit the square, killing two people and injuring thirteen others.', 2, 13],
    ['Two militants are shot and killed by soldiers.', 2, null],
    ['A medic is killed and four more are injured in two strikes.', 1, 4],
    ['Twenty-three people were killed and 41 injured.', 23, 41],
    ['Two raids kill fifty-seven people.', 57, null],
    ['The attack on Oct. 7 killed about 1,200.', 1200, null],
    ['Dozens were killed and several wounded.', null, null],
    ['The strike did not cause any casualties.', 0, 0],
  ])('%s', (sentence, killed, injured) => {
    const c = findCasualties(sentence);
    expect(value(c.killed)).toBe(killed);
    expect(value(c.injured)).toBe(injured);
    if (c.killed && c.killed.value > 0) expect(parseNumber(sentence.slice(c.killed.start, c.killed.end))).toBe(killed);
  });

  it('reads number words', () => {
    expect(parseNumber('fifty-seven')).toBe(57);
    expect(parseNumber('Thirty-six')).toBe(36);
    expect(parseNumber('1,200')).toBe(1200);
    expect(parseNumber('two hundred')).toBe(200);
    expect(parseNumber('umpteen')).toBeNull();
  });
});

describe('places', () => {
  const gazetteer = createGazetteer([{ name: 'Karvan', country: 'AM', lat: 40, lon: 44, population: 30_000 }]);
  const names = (s: string) => rankPlaces(findPlaces(s, gazetteer)).map((p) => p.text);

  it('puts the most specific place first and keeps compass words', () => {
    expect(names('Rockets hit the Tamsir Air Base in southern Lebanon on Monday.')).toEqual(['Tamsir Air Base', 'southern Lebanon']);
    expect(names('A drone hit a depot in Karvan, in the Lori region of Armenia.')[0]).toBe('Karvan');
  });

  it('does not take peoples, groups, governments speaking or months for places', () => {
    expect(names('Israeli jets struck Hamas positions on Oct. 7.')).toEqual([]);
    expect(names('Syria said the attack was an act of aggression.')).toEqual([]);
    expect(names('A US military official said the base was hit.')).toEqual([]);
  });

  it('keeps a number in a name only where it belongs to one', () => {
    expect(names('A drone struck Tower 22 on Sunday.')).toEqual(['Tower 22']);
    expect(names('Mediators in Karvan gave the groups in the Gaza Strip 90 days.')).toContain('Gaza Strip');
  });

  it('reads names with "al-" and "Al"', () => {
    // A town before a region, though written first.
    expect(names("The strike hit a checkpoint near Al-Qa'im and the Al Jawf Governorate.")).toEqual(["Al-Qa'im", 'Al Jawf Governorate']);
  });
});

describe('places written as a kind of place and its name, or owned', () => {
  const gazetteer = createGazetteer([{ name: 'Aden', country: 'YE', lat: 12.8, lon: 45.0, population: 500_000 }]);
  const names = (s: string) => rankPlaces(findPlaces(s, gazetteer)).map((p) => p.text);

  it('reads "Gulf of Aden" as one place, not the town of Aden', () => {
    expect(names('A missile hit a cargo ship in the Gulf of Aden on Wednesday.')).toEqual(['Gulf of Aden']);
  });

  it('drops the owner of a place and "-occupied"', () => {
    expect(names("A drone hit an air field in Russia's Kursk region.")).toEqual(['Kursk region']);
    expect(names('Explosions rocked a base in Russia-occupied Crimea.')).toEqual(['Crimea']);
    expect(names("Troops opened fire on crowds in Gaza City's Kuwait Square.")).toEqual(['Kuwait Square']);
    expect(names("A strike hit the capital on New Year's Eve.")).toEqual([]);
  });

  it('takes the name after "the town of", whatever comes before', () => {
    expect(names('The army recaptures the town of Tamsir Wells after a ground assault.')).toEqual(['Tamsir Wells']);
  });
});

describe('datelines and days', () => {
  const gazetteer = createGazetteer([{ name: 'Karvan', country: 'AM', lat: 40, lon: 44, population: 30_000 }]);
  const names = (s: string) => rankPlaces(findPlaces(s, gazetteer)).map((p) => p.text);

  it('does not take a dateline for the place of the event', () => {
    expect(names('KARVAN — Rockets hit a depot in Tamsir Wells on Monday.')).toEqual(['Tamsir Wells']);
  });

  it('does not join a day to the name before it', () => {
    expect(names('Drones flew toward Karvan Saturday.')).toEqual(['Karvan']);
  });
});

describe('names that are not places, and sites written in lower case', () => {
  const gazetteer = createGazetteer([{ name: 'Karvan', country: 'AM', lat: 40, lon: 44, population: 300_000 }]);
  const names = (s: string) => rankPlaces(findPlaces(s, gazetteer)).map((p) => p.text);

  it('does not take feasts, days, acronyms, "-occupied" or a ship for places', () => {
    expect(names('Unusually, the raid took place on Yom Kippur.')).toEqual([]);
    expect(names('Drivers struck on Valentines Day.')).toEqual([]);
    expect(names('Each side blamed the other for rocket attacks at the Russian-occupied plant.')).toEqual([]);
    expect(names('Attacks have to be part of what the ICC treaty calls a widespread attack.')).toEqual([]);
    expect(names('The landing ship Karvan was in drydock when missiles struck.')).toEqual([]);
  });

  it('does not take a capital that launched the attack, or a country\'s embassy, for where it was', () => {
    expect(names('Sirens sounded as Karvan launched a series of strikes on Dunmere.')).toEqual(['Dunmere']);
    expect(names("It came a day after Karvan's biggest air attack of the war.")).toEqual([]);
    expect(names('Armenia launched missile and drone attacks targeting scores of regions.')).toEqual([]);
    expect(names("The strike on Armenia's embassy in Dunmere killed two.")).toEqual(['Dunmere']);
  });

  it('does not take the flag a ship flies for where it was hit', () => {
    expect(names('Drones attacked the Panama-flagged tanker Vela off Karvan.')).toEqual(['Karvan']);
  });

  it('keeps a lower-case kind of site with its name, but not a country as a site', () => {
    expect(names('Missiles struck the Tamsir shipyard in Karvan.')).toEqual(['Tamsir shipyard', 'Karvan']);
    expect(names('Hezbollah fired rockets at the Dado military base.')).toEqual(['Dado military base']);
    expect(names('A drone hit a U.S. base in Karvan.')).toEqual(['Karvan']);
  });

  it('reads a macro-region as a region, and a site a verb targets as where it happened', () => {
    expect(rankPlaces(findPlaces('Violence has spread across the Middle East.', gazetteer))[0]?.level).toBe(2);
    expect(names('The group targeted Tamsir International Airport, calling it retaliation for strikes on Karvan airport.')[0]).toBe('Tamsir International Airport');
  });
});

describe('the place of the event', () => {
  const gazetteer = createGazetteer([{ name: 'Karvan', country: 'AM', lat: 40, lon: 44, population: 300_000 }]);
  const names = (s: string) => rankPlaces(findPlaces(s, gazetteer)).map((p) => p.text);

  it('puts the place the event word governs before a place named for something else', () => {
    expect(names('Crews finished repairs in Karvan after the tanker was damaged in a missile attack in the Strait of Tamsir.')[0]).toBe('Strait of Tamsir');
    expect(names('The Orel Brigades, a militia based in Iraq, claimed responsibility for the attack in Jordan.')[0]).toBe('Jordan');
    expect(names('A militia based in Iraq fired dozens of rockets into northern Armenia on Saturday.')[0]).toBe('northern Armenia');
  });

  it('prefers a town inside the attacked country to the country itself', () => {
    expect(names('Drones attacked Armenia, killing a guard in Karvan and closing Tamsir International Airport.')[0]).toBe('Karvan');
  });

  it('reads a sentence-initial "In", an owned square and a title word in a town\'s name', () => {
    expect(names('In Tamsir, drones hit two houses.')).toEqual(['Tamsir']);
    expect(names("Eleven people were hurt in the truck attack at Karvan's Tamsir Square.")[0]).toBe('Tamsir Square');
    expect(names('Two gunmen were killed in a shootout in the municipality of General Tamsir.')).toEqual(['General Tamsir']);
    expect(names('A missile struck NATO-member Poland.')).toEqual(['Poland']);
  });

  it('ranks a place right after its preposition before a name only near one, and a country as a country', () => {
    expect(names('Eight were hurt in clashes between the Tamsir and Orel over land in Karvan.')[0]).toBe('Karvan');
    expect(rankPlaces(findPlaces('Convoys arriving in Mali from the Ivory Coast were ambushed.', gazetteer)).map((p) => [p.text, p.level])).toEqual([
      ['Mali', 1],
      ['Ivory Coast', 1],
    ]);
  });
});
