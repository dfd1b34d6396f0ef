import { describe, expect, it } from 'vitest';
import { extractReports, mayReportIncident } from '../../src/incidents/index.js';
import { article, gazetteer, only } from '../helpers/invented-incidents.js';

describe('the trigger filter', () => {
  it('passes sentences that use a word of violence and stops the rest', () => {
    expect(mayReportIncident('A drone struck a fuel depot overnight.')).toBe(true);
    expect(mayReportIncident('The minister met her counterpart in the capital.')).toBe(false);
  });

  it('stops labour strikes and sport', () => {
    expect(mayReportIncident('Rail workers strike on Monday over pay.')).toBe(false);
    expect(mayReportIncident('England won the final in a penalty shootout.')).toBe(false);
    expect(mayReportIncident('What struck me was how quiet the film is.')).toBe(false);
  });
});

describe('extractReports', () => {
  it('reads kind, day, place, actor, figures from one sentence', () => {
    const r = only('Militants fired four rockets at the Zarqa Air Base on Tuesday, wounding two soldiers, the army said.');
    expect(r.kind.value).toBe('rocket');
    // Published Thursday 6 March 2025: "Tuesday" is the 4th.
    expect(r.eventDay).toMatchObject({ day: '2025-03-04', basis: 'relative' });
    expect(r.place?.value).toBe('Zarqa Air Base');
    expect(r.place?.specificity).toBe('site');
    expect(r.actor?.value).toBe('Militants');
    expect(r.target?.value).toBe('Zarqa Air Base');
    expect(r.injured?.value).toBe(2);
    expect(r.killed).toBeNull();
  });

  it('reads number words and matches a town to the gazetteer', () => {
    const r = only('Twenty-three people were killed and 41 injured when a car bomb exploded at a market in Dunmere on Tuesday.');
    expect(r.kind.value).toBe('explosive');
    expect(r.killed?.value).toBe(23);
    expect(r.injured?.value).toBe(41);
    expect(r.place?.value).toBe('Dunmere');
    expect(r.place?.gazetteer).toMatchObject({ name: 'Dunmere', country: 'GB' });
    expect(r.eventDay?.day).toBe('2025-03-04');
  });

  it('keeps a place the gazetteer does not know, as written', () => {
    const r = only('Gunmen killed five villagers in an attack on Tamsir Wells on Saturday.');
    expect(r.place?.value).toBe('Tamsir Wells');
    expect(r.place?.gazetteer).toBeUndefined();
    expect(r.kind.value).toBe('gunfire');
    expect(r.killed?.value).toBe(5);
  });

  it('dates a report without a day in its sentence by the publication day, and says so', () => {
    const r = only('An airstrike on a warehouse in Dunmere killed three workers.', '2025-05-02');
    expect(r.eventDay).toEqual({ day: '2025-05-02', basis: 'published' });
    expect(r.kind.value).toBe('airstrike');
    expect(r.target?.value).toBe('warehouse');
  });

  it('keeps every field with the exact words it was read from', () => {
    const text = 'Officials met on Monday. Militants fired four rockets at the Zarqa Air Base on Tuesday, wounding two soldiers.';
    const a = article(text);
    const [r] = extractReports(a, { gazetteer });
    expect(r!.sentence).toBe(1);
    for (const f of [r!.kind, r!.place!, r!.actor!, r!.injured!, r!.eventDay!.span!, r!.trigger]) expect(a.text.slice(f.start, f.end)).toBe(f.text);
    expect(r!.eventDay!.span!.text).toBe('Tuesday');
  });

  it('keeps spans exact for every field of every report', () => {
    const text = [
      '- Gunmen killed five villagers in an attack on Tamsir Wells on Saturday.',
      '► An airstrike on a warehouse in Dunmere killed three workers, officials said.',
      'The Crimson Front claimed responsibility for the bombing of a police station in Karvan on Monday, which wounded 12.',
      'At least 57 villagers, including 10 children, are killed by shelling in northern Dunmere, the ministry says.',
    ].join('\n\n');
    const a = article(text);
    const reports = extractReports(a, { gazetteer });
    expect(reports).toHaveLength(4);
    for (const r of reports) {
      const fields = [r.trigger, r.kind, r.place, ...r.otherPlaces, r.actor, r.target, r.killed, r.injured, r.eventDay?.span].filter((f) => f != null);
      for (const f of fields) expect(a.text.slice(f!.start, f!.end)).toBe(f!.text);
      expect(r.sentenceSpan.start).toBeLessThanOrEqual(r.kind.start);
      expect(r.kind.end).toBeLessThanOrEqual(r.sentenceSpan.end);
    }
    expect(reports.map((r) => r.target?.value ?? null)).toEqual(['Tamsir Wells', 'warehouse', 'police station', null]);
  });

  it('reads "no casualties" as zero', () => {
    const r = only('A drone hit an empty hangar at Karvan airport on Sunday, causing no casualties.');
    expect(r.killed?.value).toBe(0);
    expect(r.injured?.value).toBe(0);
  });

  it('passes over running totals, threats, tests, interceptions and commentary', () => {
    const text = [
      'Since Oct. 17, militias have carried out 46 attacks on bases in the region.',
      'The group threatened to strike the port if the talks fail.',
      'The north test-fired a ballistic missile into the sea on Sunday.',
      'Air defences intercepted six drones over the capital overnight.',
      'Analysts believe such strikes could become more frequent.',
    ].join(' ');
    expect(extractReports(article(text), { gazetteer })).toEqual([]);
  });

  it('passes over a day long before publication (a war recalled) and one still ahead', () => {
    expect(extractReports(article('The raid on the Dunmere Air Base on Dec. 7, 1941, killed 2,403 people.'), { gazetteer })).toEqual([]);
    expect(extractReports(article('Rockets hit the Karvan depot on March 20, 2025, killing two.'), { gazetteer })).toEqual([]);
  });

  it('takes a yearless day read as ahead at its last occurrence before publication', () => {
    // Published 6 March 2025: "will" makes the reader look ahead to Oct. 2025; the attack was in 2024.
    const r = only('The group behind the Oct. 7 attack on the Dunmere Air Base, which killed 30, says it will strike again.');
    expect(r.eventDay?.day).toBe('2024-10-07');
  });

  it('takes the day written as the event\'s own before the first day of the sentence', () => {
    const r = only('The army released videos on Wednesday of the February 2 drone strike in Karvan that killed 10 civilians.');
    expect(r.eventDay?.day).toBe('2025-02-02');
  });

  it('does not take the actor\'s country for the place when the sentence names another', () => {
    const r = only('Armenia attacked Georgia on Monday, hitting a depot, officials said.');
    expect(r.actor?.value).toBe('Armenia');
    expect(r.place?.value).toBe('Georgia');
  });

  it('takes the whole name of the group an attack came from', () => {
    const r = only('A drone strike from the Crimson Support Forces targets a power station in Karvan, wounding three.');
    expect(r.actor?.value).toBe('Crimson Support Forces');
  });

  it('finds who launched the attack in a clause of its own, and does not take that capital for the place', () => {
    const r = only('The president spoke on Saturday, as Karvan launched a series of deadly strikes that swept several regions of Armenia.');
    expect(r.actor?.value).toBe('Karvan');
    expect(r.place?.value).toBe('Armenia');
  });

  it('finds the claimant of an attack', () => {
    const r = only('The Crimson Front claimed responsibility for the bombing of a police station in Dunmere on Monday.');
    expect(r.actor?.value).toBe('Crimson Front');
    expect(r.kind.value).toBe('explosive');
  });
});

describe('sentences that speak of attacks without reporting one', () => {
  const none = (text: string) => expect(extractReports(article(text), { gazetteer }), text).toEqual([]);

  it('passes over an event told again with nothing new: no figure, no day, no harm done', () => {
    none('The attack also halted traffic on the bridge linking Dunmere with the coast.');
    none('An adviser said the attack was a necessary response to the blockade of Karvan.');
    // The same words with harm done, a figure or a day of their own are a report.
    expect(extractReports(article('The attack killed two guards at the Dunmere depot.'), { gazetteer })).toHaveLength(1);
    expect(extractReports(article('The strike came hours after the talks at the Dunmere Air Base ended.'), { gazetteer })).toHaveLength(1);
  });

  it('passes over attacks in the plural with no number, day or act: attacks in general', () => {
    none('Thousands attended a rally against the attacks on Karvan in the main square of Dunmere.');
    none('Rolling blackouts are under way in Dunmere as missile attacks cripple the power grid.');
  });

  it('reads a plural that is a verb ("strikes a", "strikes Karvan") as the event', () => {
    expect(only('Government forces strikes an ammunition depot in Dunmere, officials say.').place?.value).toBe('Dunmere');
  });

  it('passes over a weapon named with nothing done, and a link line of the page', () => {
    none('Soldiers from Karvan are learning to use the Patriot missile defence system at the Dunmere Air Base.');
    none('More: Rockets hit Dunmere as talks stall');
  });

  it('passes over harm denied', () => {
    none('The drones did not damage any vessels near the Dunmere port in the attack.');
  });

  it('passes over counts of many strikes, a war\'s toll, what is going on or done regularly, and a count "as of" a day', () => {
    none('The coalition has carried out more than 240 airstrikes on militants near Karvan.');
    none('The assault on Karvan has killed more than 22,400 people, the health ministry says.');
    none('Rebels loyal to the old government are attacking officials in Karvan, blowing up bridges.');
    none('Troops have regularly raided the Karvan refugee camp.');
    none('As of Friday, the coalition had struck 43 targets in Karvan, the minister said.');
  });

  it('passes over a launch into the sea, a comparison, a deal struck, staff fired and artillery shells sent', () => {
    none('The north launched a ballistic missile off the east coast on Sunday, the south said.');
    none('That is not as escalatory as, for example, bombing the Karvan Air Base.');
    none('The minister denied that a cease-fire deal had been struck in Dunmere on Monday.');
    none('Of the twelve staff in Karvan, nine have been fired and one is dead.');
    none('The army has sent stockpiles of artillery shells from Dunmere to Karvan, an official confirmed Wednesday.');
  });

  it('passes over training, and a day that is only the day of speaking about attacks', () => {
    none('About 100 soldiers are bound for the Dunmere Air Base to learn how to use the missile defence system against the barrage on Karvan.');
    none('An official said Monday that a pattern of attacks on civilian sites in Karvan was deeply troubling.');
    // Harm done on the day of speaking is still a report.
    expect(extractReports(article('An official said Monday that a drone hit a school in Karvan, killing two.'), { gazetteer })).toHaveLength(1);
  });
});

describe('striking and launching that is no armed incident', () => {
  const none = (text: string) => expect(extractReports(article(text), { gazetteer })).toEqual([]);

  it('passes over natural disasters, space launches, hacks and missiles that came down at sea', () => {
    none('A magnitude 6.9 earthquake struck near Karvan on Tuesday, killing at least 12 people.');
    none('Hurricane Tamsin struck the coast of Dunmere on Monday with winds of 140 mph, killing four.');
    none('A Falcon 9 rocket lifted off from Dunmere on Tuesday carrying two satellites into orbit.');
    none('Hackers launched at least seven attacks on banks in Karvan on Monday.');
    none('The missile flew for 20 minutes on Tuesday and fell into the sea outside Japan\'s Exclusive Economic Zone, with no damage reported.');
  });

  it('keeps an attack that names a hazard, a satellite or the sea beside it', () => {
    expect(only('The air force struck the Karvan Space Research Center on Tuesday, saying it tracked satellites.').kind.value).toBe('airstrike');
    expect(only('Militants fired rockets at Dunmere on Tuesday as a storm swept the town, killing two people.').killed?.value).toBe(2);
    expect(only('A missile fired from the sea hit a port in Karvan on Tuesday, killing three dockers.').killed?.value).toBe(3);
  });

  it('does not take a people named Nasa for the space agency', () => {
    expect(only('Seven people are killed in clashes between the Misak and Nasa peoples in Karvan on Tuesday.').killed?.value).toBe(7);
  });
});

describe('a toll told on its own, after its event', () => {
  it('reads the toll of the sentence after a report as a report of the same incident', () => {
    const reports = extractReports(article('Militants fired rockets at a school in Dunmere on Tuesday, killing two pupils. Another six people were injured.'), { gazetteer });
    expect(reports.map((r) => r.sentence)).toEqual([0, 1]);
    expect(reports[1]!.injured?.value).toBe(6);
    expect(reports[1]!.place).toBeNull();
  });

  it('does not read a toll far from any report, one that names another place, or a side\'s running toll', () => {
    expect(extractReports(article('The council met on Monday. Another six people were injured.'), { gazetteer })).toEqual([]);
    const text = 'Militants fired rockets at a school in Dunmere on Tuesday, killing two pupils. Three of the wounded will be flown to a hospital in Karvan. They have wounded about 120 people.';
    expect(extractReports(article(text), { gazetteer }).map((r) => r.sentence)).toEqual([0]);
  });

  it('reads a toll that names where the harm was done, as tolls by region are told', () => {
    const text = 'Russian missiles struck Dunmere on Tuesday, killing two people. One person was wounded in the Karvan region. Two were killed and one wounded in Karvan.';
    const reports = extractReports(article(text), { gazetteer });
    expect(reports.map((r) => [r.sentence, r.place?.value])).toEqual([[0, 'Dunmere'], [1, 'Karvan region'], [2, 'Karvan']]);
    expect(reports[2]!.killed?.value).toBe(2);
  });
});
