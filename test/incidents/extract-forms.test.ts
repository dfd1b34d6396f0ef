/** The extractor on the forms of news sentences: list items, the present tense, one weapon, debris and accidents, two incidents in one sentence, actors, towns with their country, and the rules added since incidents-10. */
import { describe, expect, it } from 'vitest';
import { extractReports, mayReportIncident } from '../../src/incidents/index.js';
import { article, gazetteer, only } from '../helpers/invented-incidents.js';

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
