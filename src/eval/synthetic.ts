/**
 * Deterministic synthetic incident reports, for distractor fixtures and benchmark corpora. Every
 * place, group and person is invented from syllables, so no text can be mistaken for a report of a
 * real event; the wording mimics wire copy so that retrieval has plausible rivals to rank.
 */

import { seededRandom } from '../learn/random.js';

/** A seeded pseudo-random source (mulberry32): the same seed always gives the same corpus. */
export class Random {
  /** Uniform in [0, 1). */
  readonly next: () => number;
  constructor(seed: number) {
    this.next = seededRandom(seed);
  }
  /** Integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

const ONSETS = ['b', 'd', 'f', 'g', 'h', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'z', 'br', 'dr', 'kr', 'tr', 'sh', 'th', 'v', 'q'];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'a', 'e', 'o', 'ai', 'ei'];
const CODAS = ['', '', 'n', 'r', 'l', 's', 'th', 'sh', 'k', 'm', 'v', 'sk'];

/** An invented proper name of 2–3 syllables ("Karvesh", "Dolimor"). */
export function inventName(rng: Random, syllables = rng.int(2, 3)): string {
  let s = '';
  for (let i = 0; i < syllables; i++) s += rng.pick(ONSETS) + rng.pick(VOWELS) + (i === syllables - 1 ? rng.pick(CODAS) : '');
  return s[0]!.toUpperCase() + s.slice(1);
}

const WEAPONS = ['drone', 'rocket', 'mortar', 'missile', 'artillery'] as const;
const TARGETS = ['military base', 'airfield', 'border checkpoint', 'supply convoy', 'fuel depot', 'radar station', 'naval port', 'army barracks'];
const FORCES = ['government forces', 'peacekeepers', 'coalition troops', 'border guards', 'allied soldiers', 'security forces'];
const VICTIMS = ['soldiers', 'fighters', 'civilians', 'guards', 'militants'];
const GROUP_FORMS = ['the {N} Liberation Front', 'the {N} Brigades', 'the {N} Resistance Movement', 'the Army of {N}', 'the {N} Defence Committee'];
const SOURCES = ['a military spokesman', 'local officials', 'the interior ministry', 'a hospital official', 'a regional governor'];
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const NUMBER_WORDS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

/** Numbers below ten are spelled out, as wire style has it; larger ones are digits. */
const count = (n: number): string => (n < 10 ? NUMBER_WORDS[n]! : String(n));

/** The facts of one invented incident; its article and its questions are written from them. */
export interface Incident {
  town: string;
  province: string;
  country: string;
  group: string;
  leader: string;
  minister: string;
  forces: string;
  weapon: (typeof WEAPONS)[number];
  target: string;
  victims: string;
  killed: number;
  wounded: number;
  weekday: string;
  /** Attacks counted since `sinceMonth` `sinceDay`. */
  attacks: number;
  sinceMonth: string;
  sinceDay: number;
  /** Strikes in reply, and fighters they killed. */
  strikeDead: number;
  source: string;
  /** `YYYY-MM-DD`. */
  published: string;
}

export function makeIncident(rng: Random): Incident {
  const year = rng.int(2019, 2024);
  const month = rng.int(1, 12);
  const day = rng.int(1, 28);
  return {
    town: inventName(rng),
    province: inventName(rng),
    country: inventName(rng),
    group: rng.pick(GROUP_FORMS).replace('{N}', inventName(rng)),
    leader: `${inventName(rng, 2)} ${inventName(rng)}`,
    minister: `${inventName(rng, 2)} ${inventName(rng)}`,
    forces: rng.pick(FORCES),
    weapon: rng.pick(WEAPONS),
    target: rng.pick(TARGETS),
    victims: rng.pick(VICTIMS),
    killed: rng.int(0, 40),
    wounded: rng.int(1, 60),
    weekday: rng.pick(WEEKDAYS),
    attacks: rng.int(3, 150),
    sinceMonth: rng.pick(MONTHS),
    sinceDay: rng.int(1, 28),
    strikeDead: rng.int(2, 30),
    source: rng.pick(SOURCES),
    published: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
  };
}

const capital = (s: string) => s[0]!.toUpperCase() + s.slice(1);
const withArticle = (noun: string) => `${/^[aeiou]/i.test(noun) ? 'An' : 'A'} ${noun}`;

/** Headline of an incident's article. */
export function headline(i: Incident): string {
  const what = i.weapon === 'artillery' ? 'Artillery fire' : `${capital(i.weapon)} attack`;
  return `${what} on ${i.target} near ${i.town} claimed by ${i.group.replace(/^the /, '')}`;
}

/** The article's paragraphs: one to three sentences each, with the facts in varied order and wording. */
export function articleParagraphs(i: Incident, rng: Random): string[] {
  const weapon = i.weapon === 'artillery' ? 'artillery barrage' : i.weapon;
  const killedText =
    i.killed === 0
      ? `No one was killed, ${i.source} said, but ${count(i.wounded)} ${i.victims} were wounded.`
      : `At least ${count(i.killed)} ${i.victims} were killed and ${count(i.wounded)} wounded, according to ${i.source}.`;
  const opening = rng.pick([
    `${withArticle(weapon)} struck a ${i.target} near the town of ${i.town} in ${i.country}'s ${i.province} province on ${i.weekday}.`,
    `${i.forces.replace(/^./, (c) => c.toUpperCase())} at a ${i.target} outside ${i.town} came under ${weapon} fire on ${i.weekday}, officials in ${i.country} said.`,
  ]);
  const claim = rng.pick([
    `${capital(i.group)} claimed responsibility for the attack in a statement posted online.`,
    `In a statement, ${i.group} said it had carried out the attack.`,
  ]);
  const tally = rng.pick([
    `Officials have counted ${i.attacks} attacks on ${i.forces} in ${i.province} since ${i.sinceMonth} ${i.sinceDay}.`,
    `It was the latest of ${i.attacks} attacks recorded in the province since ${i.sinceMonth} ${i.sinceDay}.`,
  ]);
  const reply = rng.pick([
    `${capital(i.forces)} responded with strikes on ${i.group} positions near ${i.town}, killing ${count(i.strikeDead)} fighters.`,
    `Retaliatory strikes against the group's hideouts in ${i.province} killed ${count(i.strikeDead)} of its fighters, the army said.`,
  ]);
  const leader = `${i.group.replace(/^the /, 'The ')} is led by ${i.leader}, who has threatened further attacks.`;
  const minister = rng.pick([
    `Defence minister ${i.minister} condemned the attack and promised to reinforce the ${i.target}.`,
    `${i.country}'s defence minister, ${i.minister}, called the attack "cowardly" and ordered an investigation.`,
  ]);
  const context = rng.pick([
    `The ${i.province} region has seen rising violence since a ceasefire collapsed earlier in the year.`,
    `Talks between the government and armed groups in ${i.country} stalled in ${rng.pick(MONTHS)}.`,
    `Aid agencies have warned that the fighting is displacing thousands of families in ${i.province}.`,
  ]);
  return [`${opening} ${killedText}`, `${claim} ${leader}`, `${tally} ${reply}`, `${minister} ${context}`];
}

/** Questions a reader could ask about one incident, with the answer its article gives. */
export function incidentQuestions(i: Incident): { question: string; answers: string[] }[] {
  return [
    { question: `How many attacks have there been in ${i.province} since ${i.sinceMonth} ${i.sinceDay}?`, answers: [String(i.attacks)] },
    { question: `Who claimed the ${i.weapon} attack near ${i.town}?`, answers: [i.group.replace(/^the /, '')] },
    { question: `How many fighters were killed in the strikes after the attack near ${i.town}?`, answers: [String(i.strikeDead)] },
    { question: `Who leads ${i.group.replace(/^the /, '')}?`, answers: [i.leader] },
    { question: `How many people were wounded in the attack on the ${i.target} near ${i.town}?`, answers: [String(i.wounded)] },
  ];
}
