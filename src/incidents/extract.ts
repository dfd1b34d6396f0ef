/**
 * Incident reports from an article's sentences. Only sentences that pass the trigger filter are read;
 * of those, a sentence is a report when it tells of one violent event that happened (not a running
 * total, a threat, a test or an interception alone), and each field is read from its words: the weapon,
 * the day (resolved against the publication day by `src/time/event-dates.ts`), places, actor, target,
 * killed and injured. Pure: the gazetteer is passed in.
 */
import type { Article, Span } from '../corpus/types.js';
import { splitSentences } from '../corpus/sentences.js';
import { parseIsoDay } from '../time/days.js';
import { actorOf, targetOf } from './actor-target.js';
import { eventDayOf, plausibleDay } from './event-day.js';
import { DENIED, DONE, EVENT } from './event-words.js';
import type { Gazetteer } from './gazetteer.js';
import { findCasualties } from './numbers.js';
import { findPlaces, rankPlaces, type PlaceCandidate } from './places.js';
import { eventClauses, secondEventDay } from './second-event.js';
import { findTrigger, mayReportIncident } from './trigger.js';
import type { Field, IncidentKind, IncidentReport, PlaceField } from './types.js';

/**
 * The extraction rules' version, stored with the reports an index keeps: an index whose reports were
 * read by other rules reads them again. Change it with any change to what a sentence yields.
 */
export const EXTRACTOR_VERSION = 'incidents-9';

export interface ExtractOptions {
  /** Towns and countries to match place names to; without one, places are kept as written. */
  gazetteer?: Gazetteer;
}

/** Weapons, each with the words that name it; the first named in the sentence is its kind. */
const WEAPONS: Array<[IncidentKind, RegExp]> = [
  ['drone', /\b(?:drones?|UAVs?|unmanned aerial|Shaheds?|loitering munitions?)\b/gi],
  ['rocket', /\b(?:rockets?|Katyushas?)\b/gi],
  ['missile', /\b(?:missiles?|cruise|ballistic|Tomahawks?|S-300|Iskanders?)\b/gi],
  ['airstrike', /\b(?:air[- ]?strikes?|warplanes?|fighter jets?|jets|air force|air raids?(?! sirens?| alerts?)|air campaign|bombers|helicopter gunships?)\b/gi],
  ['shelling', /\b(?:shell(?:s|ed|ing)|artillery|mortars?)\b/gi],
  ['gunfire', /\b(?:gunfire|gunm[ae]n|shooting|shootings|shootout|shot(?! down)|opened fire|fired (?:shots|on|at|into)|snipers?|live fire|firefights?)\b/gi],
  ['explosive', /\b(?:bomb(?:s|ed|ing|ings|er|ers)?|explosions?|explodes|exploded|exploding|explosives?|blasts?|IEDs?|firebomb\w*|grenades?|detonat\w*)\b/gi],
  ['raid', /\b(?:raids?|raided|incursions?|stormed|ground (?:operation|offensive|assault))\b/gi],
];
const AIR_CONTEXT = /\b(?:air force|warplanes?|fighter jets?|jets|aircraft)\b/i;

/** A count running over time, not one event: "since Oct. 7", "so far this year", "the death toll". */
const RUNNING_TOTAL =
  /\b(?:since (?:the (?:start|beginning|onset|outbreak)|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d)|so far this year|this year|death toll|toll (?:has )?(?:risen|rose|rises)|in total|a total of|cumulative|more than \d[\d,]* (?:attacks|(?:air ?)?strikes|raids)|\d[\d,]* attacks|(?:dozens|hundreds|thousands) of (?:attacks|(?:air ?)?strikes|raids|bombs)|every day|each day|daily|repeatedly|regularly|for months|for weeks|in recent (?:weeks|months|days)|over the (?:past|last) (?:\w+ )?(?:days?|weeks?|months?|years?)|ha(?:ve|s) been (?:\w+ly )?\w+ing|as of|since (?:the )?(?:[\w-]+ )?(?:fighting|hostilities|violence|insurgency|unrest) (?:broke out|began|erupted|started|flared)|(?:are|is) (?:\w+ly )?(?:attacking|striking|shelling|bombing|raiding|targeting)|(?:attacks|strikes|assault|war|offensive|bombardment|campaign)\b[^.;]{0,60}\bha(?:ve|s) killed)\b|\bha(?:ve|s) been killed\b(?!.*\b(?:in|by) (?:an?|the) (?:[\w-]+ ){0,2}(?:attack|strike|airstrike|bombing|explosion|shelling|raid|blast)s?\b)/i;
/** Threats, plans and what-ifs. */
const NOT_DONE = /\b(?:(?:order|forbid|forbade|allow|permit|authori[sz]e|approve|urge|ask)\w* [\w\s]{1,40}? to (?:hit|strike|attack|retaliate|use)|threaten\w*|vow\w*|plot\w*|foil\w*|thwart\w*|plan(?:s|ned|ning)? (?:to|an?)|prepar\w* (?:for|to|an?)|would|could|might|will|if|deter\w*|warn\w*|for example|for instance|learn\w* (?:how )?to|train\w* (?:on|to|with))\b/i;
/** A trailing clause of what else is said or done: ", while the militant group vows to retaliate". */
const WHILE_CLAUSE = /,\s+(?:while|whereas)\s+[^,;]+[.!]?$/i;
/** What may happen, however dated: "an attack could happen soon", "a potential attack". */
const MAYBE = /\b(?:could|might|potential|possible|possibly|plann?\w*|prepar\w*|threat\w*|vow\w*|warn\w*|expect\w*)\b/i;
const INTERCEPTED = /\b(?:intercept\w*|shot down|shoots? down|downed|destroyed in (?:the )?air)\b/i;
const DAMAGE = /\b(?:hit|hits|struck|damag\w*|killed|kill|injur\w*|wound\w*|fell|debris|shrapnel|exploded|explosion)\b/i;
/** Tests, drills and launches into the sea: weapons fired at no one. */
const TEST = /\b(?:missile tests?|tested|test-fir\w*|test launch\w*|drills?|military exercises?|live[- ]fire (?:exercises?|drills?|training)|missile (?:launch|firing)s?|(?:fired|launched|fires|launches) (?:an? |two |three |\w+ )?(?:(?:short|medium|long|intermediate)-range )?(?:ballistic |cruise )?missiles? (?:off|into the (?:sea|waters))|off the (?:\w+ )?coast)\b/i;
/** Space flight: rockets that carry people and payloads, not warheads (names in their own case: "the Nasa people" is no agency). */
const SPACEFLIGHT = /\b(?:spacecraft|spaceflight|spaceport|space (?:station|center|centre|port|agency|launch system|coast|force station|tourists?|exploration|capsule)|astronauts?|cosmonauts?|orbit(?:al|s|ing)?|lunar|moon|satellites?|launch ?pad|boosters?|payloads?|lift-?off|splashdown)\b/i;
const SPACE_NAMES = /\b(?:NASA|SpaceX|Blue Origin|Roscosmos|Falcon \d|Starship|Artemis)\b/;
/** Natural hazards: what strikes, hits and kills in a disaster report is no weapon. */
const NATURAL_HAZARD = /\b(?:earthquakes?|quakes?|temblors?|tremors?|aftershocks?|hurricanes?|typhoons?|cyclones?|tornado(?:e?s)?|storms?|storm surge|floods?|flooding|wildfires?|bushfires?|landslides?|mudslides?|avalanches?|tsunamis?|lightning|eruptions?|volcan(?:o|oes|ic)|heat ?waves?|blizzards?|winds? of|mph winds|magnitude)\b/i;
/** Accidents: what explodes in them is fuel, gas or a factory's stock, not a weapon. */
const ACCIDENT = /\b(?:gas|propane|butane|LPG|fuel|oil|petrol|gasoline|chemical|tank(?:er)?\s+trucks?|tankers?|cylinders?|pipelines?|boilers?|firecrackers?|fireworks?|factory|plant|mine|aircraft|plane|helicopter|jet|train)\b[^.;]{0,60}\b(?:explodes|exploded|exploding|explosions?|blasts?|crash(?:es|ed)?|derail\w*|overturn\w*|collaps\w*)\b|\b(?:malfunction\w*|overheat\w*|leak(?:s|ed|ing)?|accident\w*|accidental\w*|mid-air|crash(?:es|ed)? into the ground)\b/i;
/** Words of an attack, which keep an explosion that is one: "a bomb exploded in a gas station". */
const ATTACKED = /\b(?:(?:naval|sea|land) mines?|hit(?:ting)? (?:a |an )?(?:\w+ )?mines?|attack\w*|(?:air ?)?strikes?|struck|bomb\w*|militants?|gunm[ae]n|drones?|missiles?|rockets?|shell(?:ed|ing)|terror\w*|suicide|insurgents|rebels|troops|soldiers)\b/i;

/** Attacks by computer: no armed incident. */
const CYBER = /\b(?:hack(?:ers?|ing|ed)|cyber-?\w*|phishing|malware|ransomware|DDoS)\b/i;
/** Missiles that came down at sea: a launch, not a strike, unless something was hit. */
const LANDED_AT_SEA = /\b(?:landed|fell|fallen|falling|splashed(?: down)?|crashed|flew)\s+(?:[\w-]+\s+){0,4}?(?:in|into|to|outside|off|over|toward|towards)\s+(?:the\s+)?(?:[\w’'-]+\s+){0,4}?(?:sea|waters|ocean|Pacific|EEZ|Exclusive Economic Zone|Japan)\b/i;
/** Words of an armed attack, which keep a sentence that also names a hazard, a launch or a hack. */
const ARMED = /\b(?:attack\w*|(?:air ?)?strikes?|struck|air force|clash\w*|gunm[ae]n|militants?|troops|soldiers|rebels|insurgents|terror\w*|war(?:planes)?|bomb\w*|shell(?:s|ed|ing)|gunfire|drones?|missiles?)\b/i;
/** "struck", "strikes" said of a quake or a storm. */
const NATURAL_STRIKE = /\b(?:struck|strikes?|lightning strikes?)\b/gi;
const HARM = /\b(?:killed|kills|killing|injur\w*|wound\w*|dead|died)\b/i;

/**
 * Sentences whose striking, hitting and launching is not an armed incident: a space launch, a natural
 * disaster, a hack, a missile that came down at sea and hurt no one.
 */
function isNotArmed(sentence: string): boolean {
  // Worked out only for a sentence that names a launch or a hazard: most name neither.
  let armed: boolean | undefined;
  const isArmed = () => (armed ??= ARMED.test(sentence.replace(NATURAL_STRIKE, ' ')));
  if ((SPACEFLIGHT.test(sentence) || SPACE_NAMES.test(sentence)) && !isArmed()) return true;
  if (NATURAL_HAZARD.test(sentence) && !isArmed()) return true;
  if (CYBER.test(sentence) && !HARM.test(sentence)) return true;
  if (ACCIDENT.test(sentence) && !ATTACKED.test(sentence)) return true;
  if (!LANDED_AT_SEA.test(sentence) || !/\b(?:missiles?|rockets?)\b/i.test(sentence)) return false;
  const done = sentence.replace(DENIED, ' ');
  return !HARM.test(done) && !/\b(?:hit|struck|damag\w*|destroy\w*)\b/i.test(done);
}

/** A line without a closing stop is a heading unless it has a verb of the event ("Israeli airstrikes kill 44 …"). */
const HEADLINE_VERB = /\b(?:kills?|killed|hits?|struck|launch(?:es|ed)|fires|fired|wounds?|injures?|targets?|pounds?|rocks?|destroys?|destroyed|leaves|attacked|bombed|shelled|strikes (?:a|an|the))\b/i;

/** An event told again ("the attack", "that strike", "its attacks"): the article has reported it, or speaks of it, already. */
const TOLD_AGAIN = /\b(?:the|that|this|those|these|its|their|his|her|our|[\p{Lu}][\p{L}.-]*['’]s)\s+(?:(?=[\p{Ll}])[\p{L}'’-]+\s+){0,2}?(?:attacks?|strikes?|airstrikes?|air strikes?|blasts?|explosions?|raids?|bombings?|assaults?|shelling|shootings?|ambush|incident|operation|offensive)\b/giu;
/** Attacks in the plural, with no number: attacks in general, or many ("Russian missile attacks cripple …"). */
const PLURAL_EVENT = /\b(?:attacks|strikes|airstrikes|air strikes|raids|bombings|assaults|explosions|blasts|shootings|clashes)\b/gi;
/** "strikes a", "attacks the", "strikes Kyiv": the word is a verb, the event itself. */
const VERB_AFTER = /^\s+(?:(?:a|an|the|its|their)\b|(?=\p{Lu}))/u;

/** `text` with the matches of `pattern` blanked, save those a determiner or a name follows (verbs: "strikes a base"). */
function withoutNouns(text: string, pattern: RegExp): string {
  return text.replace(pattern, (m: string, ...rest: unknown[]) => {
    const at = rest[rest.length - 2] as number;
    return VERB_AFTER.test(text.slice(at + m.length, at + m.length + 40)) ? m : ' '.repeat(m.length);
  });
}
/** A link or heading line of a web page: "More: …", "Read more: …", "RELATED: …". */
const LINK_LINE = /^(?:more|read more|related|see also|watch|listen)\s*:/i;

/** Many strikes told as one event: "a new wave of U.S. strikes", "explosions were heard in …". */
const ONE_WAVE = /\b(?:(?:a|an|another|the latest)\s+(?:new\s+|fresh\s+|second\s+|third\s+|major\s+|massive\s+|large\s+)?(?:wave|round|volley|salvo)\s+of\s+(?:[\w.'’-]+\s+){0,2}?(?:attacks|strikes|airstrikes|air strikes|missiles|rockets|drones)|explosions?\s+(?:were\s+|was\s+)?(?:heard|reported|rocked|shook|rang out))\b/i;

/**
 * Whether a sentence with no figure and no day of its own tells of one event: after the event told
 * again ("the attack") and attacks in the plural are set aside, an event word or a verb of harm done
 * must remain.
 */
function tellsOfOneEvent(sentence: string): boolean {
  if (ONE_WAVE.test(sentence) || HARMED_BY_FRAGMENTS.test(sentence)) return true;
  const rest = withoutNouns(withoutNouns(sentence, TOLD_AGAIN), PLURAL_EVENT);
  return EVENT.test(rest) || DONE.test(rest.replace(DENIED, ' '));
}

/** Harm done by what an attack leaves falling: "injured by falling debris", "killed by shrapnel". */
const HARMED_BY_FRAGMENTS = /\b(?:killed|injured|wounded|hurt|damaged)\s+(?:\w+\s+)?by\s+(?:the\s+)?(?:falling\s+|fallen\s+)?(?:debris|shrapnel|fragments)\b/i;

/**
 * The tests that need neither the day nor the figures, made first: they turn most sentences away
 * before the dates are read (chrono is the dearest reader). `hasEvent`: whether `EVENT` matches.
 */
function mayBeReport(sentence: string, hasEvent: boolean): boolean {
  if (HARMED_BY_FRAGMENTS.test(sentence) && !isNotArmed(sentence)) return true;
  if (!hasEvent && !/\b(?:drones?|missiles?|rockets?)\b/i.test(sentence)) return false;
  if (LINK_LINE.test(sentence)) return false;
  // A weapon named with nothing done ("the Patriot missile system", "a rocket facility") is no event.
  if (!hasEvent && !DONE.test(sentence.replace(DENIED, ' '))) return false;
  if (/\bair[- ]raid (?:sirens?|alerts?)\b/i.test(sentence) && !/\b(?:rockets?|missiles?|drones?)\b.*\b(?:hit|struck|fired)\b/i.test(sentence)) return false;
  if (INTERCEPTED.test(sentence) && !DAMAGE.test(sentence.replace(INTERCEPTED, ''))) return false;
  if (TEST.test(sentence) || isNotArmed(sentence)) return false;
  // "How did the attack unfold?": a question asks, it does not report.
  if (/\?["”’)]*$/.test(sentence)) return false;
  return true;
}

/** The tests that weigh the figures and the sentence's own day, after `mayBeReport`. */
function isReport(sentence: string, hasFigure: boolean, hasDate: boolean, clause = false): boolean {
  // The flags first: each long pattern is tried only when its answer can matter.
  if (!hasFigure && !hasDate && !tellsOfOneEvent(sentence)) return false;
  if (!hasDate && RUNNING_TOTAL.test(sentence)) return false;
  if (!hasFigure) {
    // A threat in a clause of its own after the event ("…, while the group vows to retaliate") does not undo it.
    const told = sentence.replace(WHILE_CLAUSE, '');
    if (NOT_DONE.test(told) && (!hasDate || MAYBE.test(told))) return false;
    // A clause of a longer sentence has no stop of its own; only a whole line without one is a heading.
    if (!clause && !/[.!?…"”’)]$/.test(sentence) && !HEADLINE_VERB.test(sentence)) return false;
  }
  return true;
}

/** A kind of attack in general, or many of them: "a series of drone strikes", "numerous strikes against hospitals". */
const GENERIC = /\b(?:series of|pattern of|latest in|numerous|multiple|many|most of the|frequent|countless|such (?:attacks|strikes)|these (?:attacks|strikes)|(?:attacks|strikes) like|campaign of|kinds? of|on (?:two|three|four|five|several|many|numerous) occasions)\b/i;
/** Analysis and opinion rather than a report of what happened. */
const COMMENTARY = /\b(?:analyst|analysts|experts?|believes?|sees|expects?|argued|argues|opinion|could|likely|may|seems?|appears? to be aimed)\b/i;
const SINGLE_EVENT = /\b(?:a|an|the|this|that|[A-Z][a-z]+day['’]s|last night['’]s|[Tt]uesday['’]s)\s+(?:[\w'’-]+\s+){0,3}?(?:attack|strike|airstrike|air strike|assault|raid|bombing|explosion|blast|shooting|shelling|ambush|massacre|stabbing)\b/i;
/** One weapon that did harm: "A missile hit an oil refinery", "a drone slammed into a building". */
const ONE_WEAPON_DID = /\b(?:a|an|one|another)\s+(?:[\w'’-]+\s+){0,2}?(?:missile|drone|rocket|shell|bomb|car bomb|grenade|mortar(?: round)?|projectile)\s+(?:also\s+|reportedly\s+)?(?:hit|struck|slammed|crashed|exploded|landed|fell|damaged|destroyed|killed|injured|wounded)\b/i;
const MIN_EVIDENCE = 2;

/**
 * How surely a sentence tells of one incident: figures, a written day and a town or site count most;
 * a region, an actor, a target and "a/the … strike" add; "a series of …", analysis and quoted opinion take away.
 */
function evidence(sentence: string, found: { figure: boolean; dated: boolean; place: PlaceCandidate | undefined; actor: boolean; actorSpan?: Span | null; target: boolean }): number {
  let score = 0;
  if (found.figure) score += 2;
  if (found.dated) score += 2;
  // A country that is also the actor ("Israel bombs") says no more than the actor does.
  if (found.place) score += found.place.level >= 3 ? 2 : found.actorSpan && found.place.start < found.actorSpan.end && found.actorSpan.start < found.place.end ? 0 : 1;
  if (found.actor) score += 1;
  if (found.target) score += 1;
  if (SINGLE_EVENT.test(sentence) || ONE_WEAPON_DID.test(sentence)) score += 1;
  if (GENERIC.test(sentence)) score -= 2;
  if (COMMENTARY.test(sentence)) score -= 1;
  if (/^[“"]/.test(sentence) && !found.figure) score -= 2;
  return score;
}

function kindOf(sentence: string): { kind: IncidentKind; start: number; end: number } | null {
  let best: { kind: IncidentKind; start: number; end: number } | null = null;
  for (const [kind, pattern] of WEAPONS) {
    pattern.lastIndex = 0;
    const m = pattern.exec(sentence);
    if (m && (!best || m.index < best.start)) best = { kind, start: m.index, end: m.index + m[0].length };
  }
  // "The Israel Air Force bombs …": bombs dropped from the air are an airstrike.
  if (best?.kind === 'explosive' && AIR_CONTEXT.test(sentence)) best = { ...best, kind: 'airstrike' };
  return best;
}

function field<T>(value: T, text: string, offset: number, span: Span): Field<T> {
  return { value, start: offset + span.start, end: offset + span.end, text: text.slice(span.start, span.end) };
}

const SPECIFICITY = { 4: 'site', 3: 'town', 2: 'region', 1: 'country' } as const;

function placeField(c: PlaceCandidate, offset: number): PlaceField {
  const p: PlaceField = { value: c.text, text: c.text, start: offset + c.start, end: offset + c.end, key: c.key, specificity: SPECIFICITY[c.level] };
  if (c.gazetteer) p.gazetteer = c.gazetteer;
  if (c.country) p.country = c.country;
  return p;
}

/** The publication day of the article last asked about, kept: every sentence of an article asks. */
let lastPublished: { text: string | undefined; day: number | undefined } = { text: undefined, day: undefined };

function publishedDay(published: string | undefined): number | undefined {
  if (published !== lastPublished.text) lastPublished = { text: published, day: published ? (parseIsoDay(published) ?? undefined) : undefined };
  return lastPublished.day;
}

/** How many sentences after a report its toll may still be told on its own ("Another six people were injured."). */
export const TOLL_FOLLOWS_WITHIN = 2;

/**
 * The report `sentence` (at `span` of `article.text`, index `index`) gives, or null if it gives none.
 * `afterReport`: a report of the article ends at most `TOLL_FOLLOWS_WITHIN` sentences before, so a
 * sentence that gives only a toll, with no word of the event ("At least two people are injured."), is
 * that event's toll told on its own and a report too. `clause`: `whole` is one clause of a sentence
 * that tells of two incidents, which needs no closing stop of its own.
 */
export function readReport(article: Article, index: number, whole: Span, options: ExtractOptions = {}, afterReport = false, clause = false): IncidentReport | null {
  // A list item's bullet ("- ", "► ") is not part of what it says.
  const bullet = /^[-–•▪∎◾►*]+\s*/.exec(article.text.slice(whole.start, whole.end))?.[0].length ?? 0;
  const span = { start: whole.start + bullet, end: whole.end };
  const sentence = article.text.slice(span.start, span.end);
  if (!mayReportIncident(sentence)) return null;
  const casualties = findCasualties(sentence);
  const event = EVENT.exec(sentence);
  // The places are read once, by whichever test asks first: a toll told on its own names none.
  let placesRead: PlaceCandidate[] | undefined;
  const candidates = () => (placesRead ??= findPlaces(sentence, options.gazetteer));
  const tollOnly = afterReport && (casualties.killed !== null || casualties.injured !== null) && event === null && isTollAlone(sentence, candidates);
  if (!tollOnly && !mayBeReport(sentence, event !== null)) return null;
  const published = publishedDay(article.published);
  const hasFigure = tollOnly || (casualties.killed?.value ?? 0) > 0 || (casualties.injured?.value ?? 0) > 0;
  const read = eventDayOf(sentence, span.start, published);
  const day = read && published !== undefined ? plausibleDay(read, published, sentence, span.start) : read;
  if (day === undefined) return null;
  if (!isReport(sentence, hasFigure, day !== null && day.basis !== 'published', clause)) return null;
  const trigger = findTrigger(sentence)!;
  const weapon = kindOf(sentence);
  // No weapon named: the event word itself ("attack", "clashes") is the span of an `other`.
  const eventWord = event ? { index: event.index, text: event[0] } : trigger;
  const kind = weapon ?? { kind: 'other' as const, start: eventWord.index, end: eventWord.index + eventWord.text.length };
  const ranked = rankPlaces(candidates());
  const actor = actorOf(sentence, kind.start);
  // "The United States attacked Iran": a place inside the actor's words is who did it, not where; any other place comes first.
  const inActor = (p: PlaceCandidate) => actor !== null && p.start < actor.end && actor.start < p.end;
  const places = [...ranked.filter((p) => !inActor(p)), ...ranked.filter(inActor)];
  const target = targetOf(sentence);
  if (evidence(sentence, { figure: casualties.killed !== null || casualties.injured !== null, dated: day !== null && day.basis !== 'published', place: ranked[0], actor: actor !== null, actorSpan: actor, target: target !== null }) < MIN_EVIDENCE) return null;
  const report: IncidentReport = {
    articleId: article.id,
    file: article.file,
    title: article.title,
    sentence: index,
    sentenceSpan: { start: span.start, end: span.end },
    trigger: field(trigger.text, sentence, span.start, { start: trigger.index, end: trigger.index + trigger.text.length }),
    kind: field(kind.kind, sentence, span.start, kind),
    eventDay: day,
    place: places[0] ? placeField(places[0], span.start) : null,
    otherPlaces: places.slice(1).map((p) => placeField(p, span.start)),
    actor: actor ? field(sentence.slice(actor.start, actor.end), sentence, span.start, actor) : null,
    target: target ? field(sentence.slice(target.start, target.end), sentence, span.start, target) : null,
    killed: casualties.killed ? field(casualties.killed.value, sentence, span.start, casualties.killed) : null,
    injured: casualties.injured ? field(casualties.injured.value, sentence, span.start, casualties.injured) : null,
  };
  if (article.line !== undefined) report.line = article.line;
  if (article.source) report.source = article.source;
  if (article.url) report.url = article.url;
  if (article.published) report.published = article.published;
  return report;
}

/**
 * A toll told on its own, of the event just told: it names no place (one that does tells of somewhere
 * else: "Three of the wounded will be taken to the hospital in Landstuhl"), and is not a link line, a
 * question, a plan, a disaster, a test or a side's running toll ("They have wounded about 120 troops").
 */
function isTollAlone(sentence: string, places: () => PlaceCandidate[]): boolean {
  if (LINK_LINE.test(sentence) || /\?["”’)]*$/.test(sentence) || isNotArmed(sentence) || TEST.test(sentence) || NOT_DONE.test(sentence)) return false;
  if (/\b(?:have|has|had)\s+(?:\w+\s+)?(?:killed|wounded|injured)\b|\bidentified\b/i.test(sentence)) return false;
  return places().length === 0;
}

/**
 * The two reports of a sentence that tells of two incidents (`eventClauses`), each read from its own
 * clause and quoting the whole sentence, or null when it tells of one: both clauses must be reports,
 * and two acts joined by "and" must differ in place or weapon ("fired rockets and struck a building"
 * is one attack). The second clause's event with no day of its own takes the day its joint gives
 * ("a day after" the first's), or none ("in retaliation for" an attack of some earlier day).
 */
function twoReports(article: Article, index: number, report: IncidentReport, options: ExtractOptions, afterReport: boolean): [IncidentReport, IncidentReport] | null {
  const span = report.sentenceSpan;
  const sentence = article.text.slice(span.start, span.end);
  const parts = eventClauses(sentence);
  if (!parts) return null;
  const at = (s: Span) => ({ start: span.start + s.start, end: span.start + s.end });
  const first = readReport(article, index, at(parts.first), options, afterReport, true);
  const second = first && readReport(article, index, at(parts.second), options, false, true);
  if (!first || !second) return null;
  const ownDay = second.eventDay !== null && second.eventDay.basis !== 'published';
  // Two acts joined by "and" are two attacks when on two places ("rockets at the Dado base and attacked the Atlit naval base"), or when another was harmed by another weapon.
  if (parts.coordinate) {
    const twoPlaces = first.place !== null && second.place !== null && first.place.key !== second.place.key;
    const twoWeapons = first.kind.value !== second.kind.value && first.kind.value !== 'other' && second.kind.value !== 'other';
    if (!twoPlaces && !twoWeapons) return null;
  }
  // "a car bomb, followed by gunfire": one attack, unless the second is on a day of its own.
  if (parts.relation === 'unknown' && (!ownDay || second.eventDay!.day === first.eventDay?.day)) return null;
  if (!ownDay) {
    const joint = at(parts.joint);
    second.eventDay = parts.coordinate ? first.eventDay : secondEventDay(first.eventDay, parts.relation, { text: article.text.slice(joint.start, joint.end), ...joint });
  }
  // The same weapon, place and day twice is one event told in two clauses.
  if (first.kind.value === second.kind.value && first.place?.key === second.place?.key && first.eventDay?.day === second.eventDay?.day) return null;
  return [
    { ...first, sentenceSpan: { ...span }, event: 1 },
    { ...second, sentenceSpan: { ...span }, event: 2 },
  ];
}

/** Every incident report in `article`, in sentence order (two for a sentence that tells of two incidents). */
export function extractReports(article: Article, options: ExtractOptions = {}): IncidentReport[] {
  const out: IncidentReport[] = [];
  splitSentences(article.text).forEach((span, i) => {
    const last = out[out.length - 1];
    const afterReport = last !== undefined && i - last.sentence <= TOLL_FOLLOWS_WITHIN;
    const report = readReport(article, i, span, options, afterReport);
    if (!report) return;
    const two = twoReports(article, i, report, options, afterReport);
    if (two) out.push(...two);
    else out.push(report);
  });
  return out;
}
