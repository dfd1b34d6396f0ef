/** The rules of incidents-17: single stories' attacks recalled with their place, killings told in the passive, harm by shrapnel, attacks only named. Invented sentences. */
import { describe, expect, it } from 'vitest';
import { EXTRACTOR_VERSION, extractReports } from '../../src/incidents/index.js';
import { article, gazetteer, only } from '../helpers/invented-incidents.js';

const reportsOf = (text: string, published?: string) => extractReports(article(text, published), { gazetteer });

describe('incidents-17', () => {
  it('is the version the reports carry', () => {
    expect(EXTRACTOR_VERSION).toBe('incidents-17');
  });
});

describe('an attack told again with its place', () => {
  it('reads "the attack on the town of <town>" as a report placed there', () => {
    expect(only('The attack on the town of Dunmere was linked to a long feud between two militias.').place?.text).toBe('Dunmere');
  });

  it('reads "the strikes in <town>" as a report too', () => {
    expect(only('Aides later briefed the minister on the strikes in Karvan.').place?.text).toBe('Karvan');
  });

  it('still needs the place: the attack told again alone is no report', () => {
    expect(reportsOf('The attack was linked to a long feud between two militias.')).toEqual([]);
  });

  it('does not read attacks in the plural on a town as one event (a campaign), only those in it', () => {
    expect(reportsOf('Hundreds marched against the attacks on Karvan in the main square.')).toEqual([]);
  });

  it('does not take a country for the place of one incident', () => {
    expect(reportsOf('The attack on Armenia was linked to a long feud between two governments.')).toEqual([]);
  });
});

describe('a killing told in the passive with its place or day', () => {
  it('reads "was killed near <town>"', () => {
    expect(only('According to the army, the commander was killed near Dunmere, a city in the north.').place?.text).toBe('Dunmere');
  });

  it('reads "killed <weekday>" with its day', () => {
    // 6 March 2025 is a Thursday, so Sunday is 2 March.
    expect(only('Two of the nine guards killed Sunday were brothers, the agency reported.').eventDay?.day).toBe('2025-03-02');
  });

  it('reads "were killed while standing in line" with its place', () => {
    const r = only('And in the town of Karvan, six people were killed while standing in line for water, officials said.');
    expect(r.place?.text).toBe('Karvan');
    expect(r.killed?.value).toBe(6);
  });

  it('does not read a crash as an attack', () => {
    expect(reportsOf('Four people were killed Sunday in a crash of two lorries near Dunmere.')).toEqual([]);
  });

  it('does not read a count of those killed in a place as an event', () => {
    expect(reportsOf('The number of aid workers killed in Dunmere rose to 40, the agency said.')).toEqual([]);
  });
});

describe('harm by shrapnel and coming under fire', () => {
  it('reads a building hit by shrapnel', () => {
    expect(only('In central Dunmere, a tall apartment block caught fire after being hit by shrapnel.').place?.text).toContain('Dunmere');
  });

  it('reads "came under fire" as an event', () => {
    expect(only('A convoy of aid lorries came under fire near Karvan on Tuesday.').eventDay?.day).toBe('2025-03-04');
  });
});

describe('an attack only named as what someone called it', () => {
  it('is no report when nothing else is done', () => {
    expect(reportsOf('The president defended his decision on Wednesday and called the Karvan attack "a grave mistake."')).toEqual([]);
    expect(reportsOf('"Our government does not endorse this offensive," the minister said in a statement Wednesday.')).toEqual([]);
  });

  it('keeps a sentence that tells harm besides', () => {
    expect(reportsOf('Officials called the attack a massacre after gunmen killed 12 villagers in Dunmere on Wednesday.')).toHaveLength(1);
  });
});

describe('background a single story tells beside its incident', () => {
  it('passes over a bomb shelter or a bomb disposal expert: no event', () => {
    expect(reportsOf('A family sleeps on mattresses in a bomb shelter in Dunmere on March 6.')).toEqual([]);
    expect(reportsOf('A bomb disposal expert inspects a field near Karvan on June 15.')).toEqual([]);
  });

  it('keeps a shelter caption that tells an attack besides', () => {
    expect(reportsOf('Families hid in a bomb shelter in Dunmere on March 6 after a missile struck a school, killing two.')).toHaveLength(1);
  });

  it('passes over heart attacks told beside a disaster', () => {
    expect(reportsOf('The flood killed two people near Dunmere and three more died of heart attacks.')).toEqual([]);
  });

  it('passes over attacks stopped or paused', () => {
    expect(reportsOf('On March 3 the president agreed to stop bombing Karvan on the condition that talks resume.')).toEqual([]);
  });

  it('passes over a campaign\'s count of targets struck, dated or not', () => {
    expect(reportsOf('Coalition forces have struck 12,000 military targets, the commander said on Wednesday.')).toEqual([]);
    expect(reportsOf('Allied jets have destroyed over 80% of the navy\'s large vessels, officials said.')).toEqual([]);
  });
});

describe('attacks in general and idioms', () => {
  it('passes over "any" or "every" attack', () => {
    expect(reportsOf('On Friday, the envoy said that any deliberate attack or targeting of civilians in Dunmere is a war crime.')).toEqual([]);
    expect(reportsOf('"Every bomb that falls on Karvan ends up hitting our budget," the mayor said on Monday.')).toEqual([]);
  });

  it('passes over "strikes me as"', () => {
    expect(reportsOf('Waiting for Karvan to join the talks in Dunmere on Monday just does not strike me as wise.')).toEqual([]);
  });
});

describe('an offensive launched', () => {
  it('reads "launched a military offensive into <place> <weekday>" as a report', () => {
    const r = only('Karvan forces launched a military offensive into the hills around Dunmere on Wednesday, officials said.');
    expect(r.eventDay?.day).toBe('2025-03-05');
    expect(r.trigger.text).toMatch(/launched a military offensive/);
  });
});
