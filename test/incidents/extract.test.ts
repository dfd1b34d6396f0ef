import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/corpus/types.js';
import { createGazetteer, extractReports, mayReportIncident, type IncidentReport } from '../../src/incidents/index.js';

// Invented towns, so no test depends on the real gazetteer.
const gazetteer = createGazetteer([
  { name: 'Dunmere', country: 'GB', lat: 54.0, lon: -2.0, population: 60_000 },
  { name: 'Karvan', country: 'AM', lat: 40.0, lon: 44.0, population: 30_000 },
]);

function article(text: string, published = '2025-03-06'): Article {
  return { id: 'a1', file: 'invented.md', title: 'Invented', published, text };
}

function only(text: string, published?: string): IncidentReport {
  const reports = extractReports(article(text, published), { gazetteer });
  expect(reports).toHaveLength(1);
  return reports[0]!;
}

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
    const r = only('Twenty-three people were killed and 41 injured when a car bomb exploded at a market in Dunmere on Friday.');
    expect(r.kind.value).toBe('explosive');
    expect(r.killed?.value).toBe(23);
    expect(r.injured?.value).toBe(41);
    expect(r.place?.value).toBe('Dunmere');
    expect(r.place?.gazetteer).toMatchObject({ name: 'Dunmere', country: 'GB' });
    expect(r.eventDay?.day).toBe('2025-02-28');
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

describe('a list item', () => {
  it('quotes the sentence without its bullet', () => {
    const text = 'Armed conflicts\n- Militants fired rockets at a school in Dunmere on Tuesday, killing two pupils.';
    const r = only(text);
    expect(text.slice(r.sentenceSpan.start, r.sentenceSpan.end)).toBe('Militants fired rockets at a school in Dunmere on Tuesday, killing two pupils.');
  });
});

describe('fighting and an explosion told in the present', () => {
  it('reads fighting that broke out or was intense as an event, and "explodes" as an explosion', () => {
    expect(only('Rebels and the army engage in intense fighting in the Karvan district, killing two soldiers.').killed?.value).toBe(2);
    expect(only('The mayor has not been seen since fighting broke out on Sunday around the town hall of Dunmere.').eventDay).toMatchObject({ day: '2025-03-02', basis: 'relative' });
    const r = only('A drifting sea mine explodes in the port of Dunmere.');
    expect(r.kind.value).toBe('explosive');
    expect(r.place?.value).toBe('Dunmere');
  });

  it('reads troops "clashing with" a militia as clashes', () => {
    expect(only('Government troops were sent to the Karvan region on Monday but ended up clashing with local militias.').eventDay).toMatchObject({ day: '2025-03-03', basis: 'relative' });
  });

  it('does not read the start of a war ("since fighting broke out") as an event, nor fighting in general', () => {
    const none = (text: string) => expect(extractReports(article(text), { gazetteer }), text).toEqual([]);
    none('It is the worst massacre to hit the country since fighting broke out in the Karvan region in 2020.');
    none('The council is fighting to keep the library of Dunmere open.');
  });
});

describe('one weapon that did harm', () => {
  it('reads "a missile hit …" as one event even with no figure, day or town', () => {
    expect(only('A missile hit an oil refinery, causing a fire.').kind.value).toBe('missile');
    expect(extractReports(article('Missiles are a threat to every refinery.'), { gazetteer })).toEqual([]);
  });
});

describe('harm by debris, a wave of strikes, and accidents', () => {
  const none = (text: string) => expect(extractReports(article(text), { gazetteer }), text).toEqual([]);

  it('reads harm done by falling debris or shrapnel as an event', () => {
    const r = only('Six people were injured by falling debris over Dunmere.');
    expect(r.injured?.value).toBe(6);
    expect(r.place?.value).toBe('Dunmere');
  });

  it('reads a wave of strikes and explosions heard as one event', () => {
    expect(only('Local media report that explosions were heard in Karvan amid a new wave of strikes.').place?.value).toBe('Karvan');
  });

  it('passes over explosions of gas, fuel or fireworks and crashes, unless an attack is told', () => {
    none('Four people are killed and 30 injured when a gas cylinder explodes in a shop in Dunmere.');
    none('Nine people are killed after a firecracker factory explodes in Karvan.');
    none('Two people are killed when a light aircraft explodes mid-air over Dunmere.');
    expect(only('A bomb planted in a fuel tanker exploded at a checkpoint in Karvan on Monday, killing four soldiers.').killed?.value).toBe(4);
  });

  it('passes over a shell that explodes in a live-fire exercise', () => {
    none('A shell explodes inside a tank during a live-fire exercise near Dunmere, killing two crew.');
  });
});

describe('a sentence that tells of two incidents', () => {
  const reports = (text: string, published?: string) => extractReports(article(text, published), { gazetteer });

  it('reads an attack and the earlier one it answered as two reports of one sentence, the second with no day it does not give', () => {
    const [first, second, ...rest] = reports('Militants fired rockets at Dunmere on Tuesday in retaliation for a drone strike days earlier that killed two commanders in Karvan.');
    expect(rest).toEqual([]);
    expect([first!.sentence, second!.sentence]).toEqual([0, 0]);
    expect(first!.sentenceSpan).toEqual(second!.sentenceSpan);
    expect(first).toMatchObject({ kind: { value: 'rocket' }, place: { value: 'Dunmere' }, eventDay: { day: '2025-03-04' }, killed: null });
    expect(second).toMatchObject({ kind: { value: 'drone' }, place: { value: 'Karvan' }, eventDay: null, killed: { value: 2 } });
  });

  it('dates the second event by its joint ("one day after") or by its own day', () => {
    const [a, b] = reports('Two officials are shot dead in Dunmere on Tuesday, one day after a councillor is shot dead in Dunmere.');
    expect(a!.eventDay?.day).toBe('2025-03-04');
    expect(b!.eventDay).toMatchObject({ day: '2025-03-03', basis: 'relative', span: { text: 'one day after' } });
    const [c, d] = reports('The air force struck the port of Karvan on Wednesday in response to a missile attack on Dunmere on Monday.');
    expect(c!.eventDay?.day).toBe('2025-03-05');
    expect(d!.eventDay?.day).toBe('2025-03-03');
  });

  it('reads two acts joined by "and" as two attacks only when on two places', () => {
    const two = reports('The group said it fired rockets on Tuesday at the Zarqa Air Base and attacked the Tamsir naval base with drones.');
    expect(two.map((r) => r.place?.value)).toEqual(['Zarqa Air Base', 'Tamsir naval base']);
    expect(reports('The group fired rockets at the Zarqa Air Base on Tuesday and struck its fuel depot, wounding two soldiers.')).toHaveLength(1);
  });

  it('keeps one report when the second clause tells of nothing new or the same attack', () => {
    expect(reports('A car bomb exploded at a checkpoint in Karvan on Monday, followed by gunfire, killing four police officers.')).toHaveLength(1);
    expect(reports('The strike hit a depot in Karvan on Monday, hours after the talks in Dunmere ended without a deal.')).toHaveLength(1);
  });
});

describe('the actor of a verb in the present, and a threat in a clause of its own', () => {
  it('reads the subject of "strike" and "raid" in the present as the actor', () => {
    expect(only('Government forces strike rebel positions near Karvan, officials say.').actor?.value).toBe('Government forces');
  });

  it('keeps an attack followed by ", while … vows to retaliate"', () => {
    expect(only('The air force strikes Tamsir militia sites in Karvan, while the militia vows to retaliate.').place?.value).toBe('Karvan');
    expect(extractReports(article('The militia vows to strike Karvan.'), { gazetteer })).toEqual([]);
  });
});

describe('a town named with its country after it', () => {
  it('takes "<name>, <country>" for a town of that country though the gazetteer lacks it', () => {
    expect(only('A drone strike targets Wadi Tamsir, Sudan, injuring three people.').place).toMatchObject({ value: 'Wadi Tamsir', specificity: 'town' });
    expect(only('Insurgents attack Tamsir Wells, Loroum Province, Burkina Faso, killing seven traders.').place?.value).toBe('Tamsir Wells');
  });

  it('does not take the region or country of such a list, nor a word opening the sentence, for the town', () => {
    const r = only('A shootout in Tamsir District, Khyber Pakhtunkhwa, Pakistan, leaves two soldiers dead.');
    expect(r.place?.value).toBe('Tamsir District');
    expect(only('Already, Israel and Turkey launched airstrikes on Karvan on Monday.').place?.value).toBe('Karvan');
  });
});

describe('the rules of incidents-10', () => {
  const none = (text: string, published?: string) => expect(extractReports(article(text, published), { gazetteer })).toEqual([]);

  it('reads "hit", "has targeted" and "have destroyed" beside the words of armed forces, and not in sport or politics', () => {
    expect(only('The Revolutionary Guards say they have hit radar systems at the Zarqa Air Base.').place?.value).toBe('Zarqa Air Base');
    expect(only('A cargo ship is hit by an unknown projectile off Dunmere.').place?.value).toBe('Dunmere');
    expect(only('The army says that it has destroyed a militia depot in Karvan.').place?.value).toBe('Karvan');
    expect(only('The command said Monday that its forces destroyed four drones in Karvan.').place?.value).toBe('Karvan');
    expect(mayReportIncident('Floods destroyed the army depot in Dunmere.')).toBe(false);
    expect(mayReportIncident('The striker hit a late winner in the final at Dunmere.')).toBe(false);
    expect(mayReportIncident('The army band hit the stage in Dunmere on Friday.')).toBe(false);
    expect(mayReportIncident('The governor has targeted migrants in every campaign.')).toBe(false);
    expect(mayReportIncident('Ministers hit the militia leaders with new sanctions.')).toBe(false);
  });

  it('reads a rampage, a suicide bomber and a day\'s assault as the event', () => {
    expect(only('Two guards were killed in the rampage at the Karvan market on Tuesday.').killed?.value).toBe(2);
    expect(only('A suicide bomber kills four people at a checkpoint in Dunmere.').kind.value).toBe('explosive');
    expect(mayReportIncident('The senator proposed a ban on assault weapons.')).toBe(false);
  });

  it('reads a killing by the attackers it names as the event, not a count', () => {
    const r = only('Rebel fighters killed 40 villagers in Tamsir Wells on Saturday, officials said.');
    expect(r.killed?.value).toBe(40);
    expect(r.place?.value).toBe('Tamsir Wells');
    expect(only('At least 30 people were killed in Karvan by gunmen on motorbikes.').place?.value).toBe('Karvan');
  });

  it('keeps an interception that tells of the attack beside it, or of some that got through', () => {
    expect(only('Air defences shot down 20 drones during a militia attack on Dunmere on Sunday.').place?.value).toBe('Dunmere');
    expect(only('Drones target the Zarqa Air Base, with four reported to be intercepted.').place?.value).toBe('Zarqa Air Base');
    expect(only('The army said 8 out of 10 missiles fired at Dunmere were intercepted on Monday.').kind.value).toBe('missile');
    none('Air defences intercepted all 12 drones over Dunmere on Monday, the army said.');
  });

  it('reads strikes told in the present as one event\'s harm ("strikes damage a power plant")', () => {
    expect(only('Militia strikes damage a power plant in Karvan, the ministry says.').place?.value).toBe('Karvan');
  });

  it('counts one thing attacked in the passive as evidence of one incident', () => {
    expect(only('The tanker Arcturus was attacked in the Gulf of Tamsir, its operator reports.').place?.value).toBe('Gulf of Tamsir');
  });

  it('keeps small words of a name ("Deir en Tamsir") in the place', () => {
    expect(only('Five people are injured in a strike on the village of Deir en Tamsir on Monday.').place?.value).toBe('Deir en Tamsir');
  });

  it('passes over a past event recalled by its year or a world war, and atomic bombings', () => {
    none('A bomb exploded at the Dunmere station in 1994, killing 12 people.');
    none('Bombers destroyed much of Karvan during World War II.');
    none('The film premiered in Dunmere on Friday, in the only country to suffer atomic bombing.');
    // Measured from a year, or told as news: still a report.
    expect(only('The strike on Karvan on Tuesday was the deadliest since 2014, killing 30 people.').killed?.value).toBe(30);
    expect(only('Three gunmen who took part in the 2019 attack are killed in a raid in Karvan.').place?.value).toBe('Karvan');
  });
});
