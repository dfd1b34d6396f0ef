/** The rules of incidents-14: what single stories and live pages say of an attack without reporting it, and the reports of day-sections told in a form the rules missed. */
import { describe, expect, it } from 'vitest';
import { extractReports, groupReports } from '../../src/incidents/index.js';
import { article, gazetteer, only } from '../helpers/invented-incidents.js';

const none = (text: string, published?: string) => expect(extractReports(article(text, published), { gazetteer })).toEqual([]);
const reportsOf = (text: string, published?: string) => extractReports(article(text, published), { gazetteer });

describe('explosions reported', () => {
  it('reads explosions "are reported" in a place as one event, as "were heard" was', () => {
    const r = only('- Explosions are reported in the cities of Dunmere and Karvan.');
    expect(r.kind.value).toBe('explosive');
    expect(r.place?.value).toBe('Dunmere');
  });

  it('does not count "multiple" or "a series of" against explosions heard or reported at once', () => {
    expect(only('Multiple explosions are reported over Dunmere.').place?.value).toBe('Dunmere');
    expect(only('Two days later a series of explosions were heard in Karvan.').place?.value).toBe('Karvan');
  });

  it('still counts "a series of" against attacks in general', () => {
    none('Karvan has carried out a series of attacks on towns across the region.');
  });
});

describe('damage, or no harm, told after its event', () => {
  it('reads damage "in the attack" told right after a report as a report of it, joined to it', () => {
    const reports = reportsOf('- A drone strikes a school in Dunmere, killing two. Four houses nearby are reportedly damaged in the attack.');
    expect(reports.map((r) => r.sentence)).toEqual([0, 1]);
    expect(reports[1]!.place).toBeNull();
    expect(groupReports(reports)).toHaveLength(1);
  });

  it('reads "no casualties in the strike" told after it as its toll of none', () => {
    const reports = reportsOf('A missile hit an air base in Karvan on Tuesday. The minister confirms that there were no casualties in the strike.');
    expect(reports).toHaveLength(2);
    expect(reports[1]!.killed?.value).toBe(0);
  });

  it('does not read the same damage with no report before it', () => {
    none('Four houses nearby are reportedly damaged in the attack.');
  });
});

describe('running totals and what the attacks are for', () => {
  it('reads "have died" as a running total, like "have been killed"', () => {
    none('By contrast, 175 people have died as a result of the air attacks.');
    none('She said 40 of her relatives have died so far in bombings.');
  });

  it('keeps a toll "died" of one event', () => {
    expect(only('Three people died when a rocket hit a market in Dunmere on Sunday.').killed?.value).toBe(3);
  });

  it('passes over attacks named as what an operation, a weapon or a right is to prevent or counter', () => {
    none('Protests flared in Dunmere against the operation, which aims to prevent the militants from targeting Karvan with rockets.');
    none('The minister said Karvan is justified in taking action to protect itself from attacks launched from the border.');
    none('The package includes anti-aircraft systems designed to counter barrages of missiles and drones on Karvan.');
    none('Officials say the tunnels are used by militants to carry out attacks on Dunmere.');
  });

  it('keeps an attack that prevented something else ("to prevent a plane from landing")', () => {
    expect(only('- The government orders the airports closed after striking Karvan airport to prevent a plane from landing.').place?.value).toBe('Karvan airport');
  });
});

describe('the day a war or a ceasefire began', () => {
  it('does not take the day the ceasefire or the invasion began for the event\'s day', () => {
    none('It is the first strike in the capital since the ceasefire started on April 16.', '2025-05-01');
    none('Dunmere has been the site of some of the fiercest attacks since the invasion began Feb. 24.', '2025-03-20');
  });

  it('keeps the day of an attack a count is told from', () => {
    const r = only('It was his second meeting since militants attacked border towns in Karvan on Oct. 7, killing almost 1,200 people.', '2025-07-23');
    expect(r.eventDay?.day).toBe('2024-10-07');
  });
});

describe('an event only told again, or only what followed it', () => {
  it('passes over a dated sentence about an attack told again, with no place or toll of its own', () => {
    none("The president said the country would not be part of any response to Saturday's attack.");
    none('The prime minister on Tuesday condemned the attacks, calling them provocations.');
    none("Oil prices fell Monday, and analysts credited the limited damage from the strike.");
  });

  it('keeps a dated sentence that names the place, or a toll, of the attack told again', () => {
    expect(only("Officials weigh how to respond to Sunday's attack in Dunmere.").place?.value).toBe('Dunmere');
  });

  it('passes over what was done after an attack when the sentence names no town or site', () => {
    none('- The navy reimposes the blockade of Karvan in response to ship attacks.');
    none("- The prime minister bans the militia's activities following an attack on Armenia.");
  });

  it('keeps what followed an attack when it names the attack\'s town', () => {
    expect(only('- The army recaptures the town of Dunmere following a ground assault by its forces.').place?.value).toBe('Dunmere');
  });
});

describe('weapons falling, and projectiles', () => {
  it('reads missiles told falling on a town as an attack', () => {
    const r = only('At nearly the same moment the president spoke, missiles began falling in Dunmere.');
    expect(r.kind.value).toBe('missile');
    expect(r.place?.value).toBe('Dunmere');
  });

  it('reads projectiles fired at ships as an attack', () => {
    const r = only('- Karvan fires projectiles at two tankers in the Strait of Hormuz, killing two mariners.');
    expect(r.killed?.value).toBe(2);
    expect(r.place?.value).toBe('Strait of Hormuz');
  });
});

describe('interceptions with no harm, and killing in combat', () => {
  it('passes over an interception that adds no one was hurt', () => {
    none('- The foreign ministry says the air force has intercepted all the missiles launched at the Karvan Air Base, and that no injuries are reported.');
  });

  it('reads forces that kill a number, soldiers killed in action, a battle with militants and a killing by a named group as the event', () => {
    expect(only('- Nigerian troops kill more than 300 gang members during an operation in Dunmere.').killed?.value).toBe(300);
    expect(only('- Four soldiers are killed in action while fighting rebels in Karvan.').killed?.value).toBe(4);
    expect(only('- Security forces battle militants near Dunmere, killing at least 40 fighters.').place?.value).toBe('Dunmere');
    expect(only('- A monitoring group says that 12 civilians were killed by the RSF in Karvan.').killed?.value).toBe(12);
  });

  it('does not read soldiers killed, named, or a count of what forces have killed, as an event', () => {
    none('The army identified the three soldiers killed as Sgt. John Doe, 46, of Dunmere.');
    none('Officials say troops have killed 30,000 people in Karvan.');
  });
});

describe('explosions in a series, harm told after its event, and strikes near the sea', () => {
  it('reads explosions told in a series, or "and fires are reported", as one event', () => {
    expect(only('- An aid worker is killed in a series of explosions caused by drone strikes in Dunmere.').killed?.value).toBe(1);
    expect(only('- Explosions and fires are reported at the embassy in Karvan, following a series of drone strikes.').place?.value).toBe('Karvan');
  });

  it('reads a toll "in the attack", or "the attack also injured", told right after its event as a report of it', () => {
    const reports = reportsOf('- A ship is struck by a drone near Dunmere on Tuesday. A member of the crew is killed in the attack. The attack also injured an unknown number of sailors.');
    expect(reports.map((r) => r.sentence)).toEqual([0, 1, 2]);
    expect(groupReports(reports)).toHaveLength(1);
  });

  it('reads a vessel struck off the coast as an attack, and "missile launch sites" struck as a target, not a test', () => {
    expect(only('- The militia claims its fighters struck a navy vessel off the coast of Armenia on Tuesday.').place?.value).toBe('Armenia');
    expect(only('- Air force bombers carry out strikes targeting missile launch sites in Karvan.').kind.value).toBe('airstrike');
  });

  it('still reads a missile that came down off the coast, hitting nothing, as a test', () => {
    none('The northern state fired a ballistic missile that landed off the eastern coast on Sunday.');
  });
});

describe('a later threat, and one night\'s toll', () => {
  it('keeps a dated attack told as done when a later clause says what was vowed or could follow', () => {
    const r = only('Karvan launched powerful airstrikes in Dunmere on Wednesday, hitting the defence ministry, as it vowed to destroy the forces attacking the town.');
    expect(r.kind.value).toBe('airstrike');
    expect(r.eventDay?.day).toBe('2025-03-05');
  });

  it('still passes over a dated threat', () => {
    none('The militia vowed on Wednesday to attack Dunmere again.');
  });

  it('reads a toll of one night or day of strikes as that episode, not a running total', () => {
    expect(only('- Officials say that over 36 civilians have been killed in overnight strikes by Karvan, and more than 160 have been injured.').killed?.value).toBe(36);
    expect(only('Strikes across Armenia over the past day have killed seven civilians and wounded 31, officials said.').killed?.value).toBe(7);
  });

  it('still reads strikes over the past weeks as a running total', () => {
    none('Strikes across Armenia over the past three weeks have killed 70 civilians, officials said.');
  });
});

describe('lines without a closing stop', () => {
  it('reads a line with no stop that tells an attack claimed, or what a strike dropped as someone said, as no heading', () => {
    expect(only('Karvan attacks Dunmere: militants claim responsibility for deadly rocket strike').place?.value).toBe('Dunmere');
    expect(reportsOf('Rockets hit Dunmere on Sunday, killing two. The strike also dropped 140 munitions on the site, an official said on Sunday').map((r) => r.sentence)).toEqual([0, 1]);
  });

  it('still passes over a heading with no verb of the event', () => {
    none('What we know about the Dunmere attack');
  });
});

describe('threats and kidnappings', () => {
  it('passes over "the threat of" an attack', () => {
    none('- Armenia closes its airspace amidst an imminent threat of a ballistic missile attack on forces stationed in the country.');
  });

  it('passes over a kidnapping with no attack or harm told, but keeps one told with its attack', () => {
    none('- Gunmen abduct 36 students from a secondary school in Dunmere.');
    expect(only('- Gunmen attack a secondary school in Dunmere, killing two guards and abducting 36 students.').killed?.value).toBe(2);
  });
});

describe('killed in battle, and what forces destroyed', () => {
  it('reads people killed in a battle as an event', () => {
    const r = only('At least 65 people and 13 soldiers were killed Sunday in a major battle in a crowded Dunmere neighbourhood.');
    expect(r.place?.value).toBe('Dunmere');
    expect(r.eventDay?.day).toBe('2025-03-02');
  });

  it('reads what armed forces destroy, or what was destroyed by them, as an attack', () => {
    expect(only('- Navy forces destroy the lead corvette of Karvan, the Shahid Varosh, off Dunmere.').place?.value).toBe('Dunmere');
    expect(only('The Dunmere theater where hundreds were sheltering was destroyed by Karvan forces on Wednesday, officials said.').eventDay?.day).toBe('2025-03-05');
  });

  it('does not read what a drought or a campaign destroyed as an attack', () => {
    none('The drought destroyed the harvest in Dunmere on Wednesday.');
  });
});
