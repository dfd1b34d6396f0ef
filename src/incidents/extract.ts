/**
 * Incident reports from an article's sentences. Only sentences that pass the trigger filter are read;
 * of those, a sentence is a report when it tells of one violent event that happened (not a running
 * total, a threat, a test or an interception alone), and each field is read from its words: the weapon,
 * the day (resolved against the publication day by `src/time/event-dates.ts`), places, actor, target,
 * killed and injured. Pure: the gazetteer is passed in.
 */
import type { Article, Span } from '../corpus/types.js';
import { splitSentences } from '../corpus/sentences.js';
import { eventDates } from '../time/event-dates.js';
import { dayOf, isoDay, parseIsoDay, partsOf, type Day } from '../time/days.js';
import type { Gazetteer } from './gazetteer.js';
import { findCasualties } from './numbers.js';
import { findPlaces, rankPlaces, type PlaceCandidate } from './places.js';
import { findTrigger, mayReportIncident } from './trigger.js';
import type { EventDay, Field, IncidentKind, IncidentReport, PlaceField } from './types.js';

/**
 * The extraction rules' version, stored with the reports an index keeps: an index whose reports were
 * read by other rules reads them again. Change it with any change to what a sentence yields.
 */
export const EXTRACTOR_VERSION = 'incidents-4';

export interface ExtractOptions {
  /** Towns and countries to match place names to; without one, places are kept as written. */
  gazetteer?: Gazetteer;
}

/** Words that tell of the event itself (the toll alone — "killed", "died" — does not). */
const EVENT =
  /\b(?:attack(?:s|ed|ing)?|barrages?|blew (?:(?:him|her|them)sel(?:f|ves) )?up|(?:air|drone|missile|rocket)?strikes?|struck|striking|air[- ]strikes?|(?<!(?:artillery|tank|mortar|of)\s)shells|shell(?:ed|ing)|bomb(?:s|ed|ing|ings)?|firebomb\w*|explosions?|exploded|blasts?|shot|shooting|shootings|shootout|gunfire|gunmen|opened fire|fired|raids?|raided|ambush(?:ed)?|massacres?|clash(?:es|ed)|stabbing|stabbed|assault|offensive|hit|hits)\b/i;

/** Weapons, each with the words that name it; the first named in the sentence is its kind. */
const WEAPONS: Array<[IncidentKind, RegExp]> = [
  ['drone', /\b(?:drones?|UAVs?|unmanned aerial|Shaheds?|loitering munitions?)\b/gi],
  ['rocket', /\b(?:rockets?|Katyushas?)\b/gi],
  ['missile', /\b(?:missiles?|cruise|ballistic|Tomahawks?|S-300|Iskanders?)\b/gi],
  ['airstrike', /\b(?:air[- ]?strikes?|warplanes?|fighter jets?|jets|air force|air raids?(?! sirens?| alerts?)|air campaign|bombers|helicopter gunships?)\b/gi],
  ['shelling', /\b(?:shell(?:s|ed|ing)|artillery|mortars?)\b/gi],
  ['gunfire', /\b(?:gunfire|gunm[ae]n|shooting|shootings|shootout|shot(?! down)|opened fire|fired (?:shots|on|at|into)|snipers?|live fire|firefights?)\b/gi],
  ['explosive', /\b(?:bomb(?:s|ed|ing|ings|er|ers)?|explosions?|exploded|explosives?|blasts?|IEDs?|firebomb\w*|grenades?|detonat\w*)\b/gi],
  ['raid', /\b(?:raids?|raided|incursions?|stormed|ground (?:operation|offensive|assault))\b/gi],
];
const AIR_CONTEXT = /\b(?:air force|warplanes?|fighter jets?|jets|aircraft)\b/i;

/** A count running over time, not one event: "since Oct. 7", "so far this year", "the death toll". */
const RUNNING_TOTAL =
  /\b(?:since (?:the (?:start|beginning|onset|outbreak)|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d)|so far this year|this year|death toll|toll (?:has )?(?:risen|rose|rises)|in total|a total of|cumulative|more than \d[\d,]* (?:attacks|(?:air ?)?strikes|raids)|\d[\d,]* attacks|(?:dozens|hundreds|thousands) of (?:attacks|(?:air ?)?strikes|raids|bombs)|every day|each day|daily|repeatedly|regularly|for months|for weeks|in recent (?:weeks|months|days)|over the (?:past|last) (?:\w+ )?(?:days?|weeks?|months?|years?)|ha(?:ve|s) been (?:\w+ly )?\w+ing|as of|(?:are|is) (?:\w+ly )?(?:attacking|striking|shelling|bombing|raiding|targeting)|(?:attacks|strikes|assault|war|offensive|bombardment|campaign)\b[^.;]{0,60}\bha(?:ve|s) killed)\b|\bha(?:ve|s) been killed\b(?!.*\b(?:in|by) (?:an?|the) (?:[\w-]+ ){0,2}(?:attack|strike|airstrike|bombing|explosion|shelling|raid|blast)s?\b)/i;
/** Threats, plans and what-ifs. */
const NOT_DONE = /\b(?:(?:order|forbid|forbade|allow|permit|authori[sz]e|approve|urge|ask)\w* [\w\s]{1,40}? to (?:hit|strike|attack|retaliate|use)|threaten\w*|vow\w*|plot\w*|foil\w*|thwart\w*|plan(?:s|ned|ning)? (?:to|an?)|prepar\w* (?:for|to|an?)|would|could|might|will|if|deter\w*|warn\w*|for example|for instance|learn\w* (?:how )?to|train\w* (?:on|to|with))\b/i;
/** What may happen, however dated: "an attack could happen soon", "a potential attack". */
const MAYBE = /\b(?:could|might|potential|possible|possibly|plann?\w*|prepar\w*|threat\w*|vow\w*|warn\w*|expect\w*)\b/i;
const INTERCEPTED = /\b(?:intercept\w*|shot down|shoots? down|downed|destroyed in (?:the )?air)\b/i;
const DAMAGE = /\b(?:hit|hits|struck|damag\w*|killed|kill|injur\w*|wound\w*|fell|debris|shrapnel|exploded|explosion)\b/i;
/** Tests, drills and launches into the sea: weapons fired at no one. */
const TEST = /\b(?:missile tests?|tested|test-fir\w*|test launch\w*|drills?|military exercises?|missile (?:launch|firing)s?|(?:fired|launched|fires|launches) (?:an? |two |three |\w+ )?(?:(?:short|medium|long|intermediate)-range )?(?:ballistic |cruise )?missiles? (?:off|into the (?:sea|waters))|off the (?:\w+ )?coast)\b/i;
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
/** A verb of harm done or a weapon used: what a report of one event says happened. */
const DONE =
  /\b(?:hit|hits|struck|kill(?:s|ed|ing)?|wound(?:s|ed|ing)?|injur(?:es|ed|ing)|destroy(?:s|ed|ing)?|damag(?:es|ed|ing)|target(?:s|ed|ing)|aimed at|fired|fires|launch(?:es|ed)?|exploded|detonated|blew up|slammed|landed|crashed into|set (?:on )?fire|stormed|shot|opened fire|dropped|bombed|shelled|attacked|raided|ambushed|pummel\w*|pound(?:s|ed|ing)|carr(?:y|ies|ied) out|conduct(?:s|ed)?|occurred|took place|happened|came|(?:claim\w*|takes?|took|taken|accept\w*) responsibility|blamed)\b/i;
/** "didn't damage any", "no equipment was damaged": harm denied is not harm done. */
const DENIED = /\b(?:no|not|didn['’]t|never|without|nothing)\b[^,;]{0,50}/gi;
/** A link or heading line of a web page: "More: …", "Read more: …", "RELATED: …". */
const LINK_LINE = /^(?:more|read more|related|see also|watch|listen)\s*:/i;

/**
 * Whether a sentence with no figure and no day of its own tells of one event: after the event told
 * again ("the attack") and attacks in the plural are set aside, an event word or a verb of harm done
 * must remain.
 */
function tellsOfOneEvent(sentence: string): boolean {
  const rest = withoutNouns(withoutNouns(sentence, TOLD_AGAIN), PLURAL_EVENT);
  return EVENT.test(rest) || DONE.test(rest.replace(DENIED, ' '));
}

/**
 * The tests that need neither the day nor the figures, made first: they turn most sentences away
 * before the dates are read (chrono is the dearest reader).
 */
function mayBeReport(sentence: string): boolean {
  if (!EVENT.test(sentence) && !/\b(?:drones?|missiles?|rockets?)\b/i.test(sentence)) return false;
  if (LINK_LINE.test(sentence)) return false;
  // A weapon named with nothing done ("the Patriot missile system", "a rocket facility") is no event.
  if (!EVENT.test(sentence) && !DONE.test(sentence.replace(DENIED, ' '))) return false;
  if (/\bair[- ]raid (?:sirens?|alerts?)\b/i.test(sentence) && !/\b(?:rockets?|missiles?|drones?)\b.*\b(?:hit|struck|fired)\b/i.test(sentence)) return false;
  if (INTERCEPTED.test(sentence) && !DAMAGE.test(sentence.replace(INTERCEPTED, ''))) return false;
  if (TEST.test(sentence)) return false;
  // "How did the attack unfold?": a question asks, it does not report.
  if (/\?["”’)]*$/.test(sentence)) return false;
  return true;
}

/** The tests that weigh the figures and the sentence's own day, after `mayBeReport`. */
function isReport(sentence: string, hasFigure: boolean, hasDate: boolean): boolean {
  if (!hasFigure && !hasDate && !tellsOfOneEvent(sentence)) return false;
  if (RUNNING_TOTAL.test(sentence) && !hasDate) return false;
  if (NOT_DONE.test(sentence) && !hasFigure && (!hasDate || MAYBE.test(sentence))) return false;
  if (!/[.!?…"”’)]$/.test(sentence) && !HEADLINE_VERB.test(sentence) && !hasFigure) return false;
  return true;
}

/** A kind of attack in general, or many of them: "a series of drone strikes", "numerous strikes against hospitals". */
const GENERIC = /\b(?:series of|pattern of|latest in|numerous|multiple|many|most of the|frequent|countless|such (?:attacks|strikes)|these (?:attacks|strikes)|(?:attacks|strikes) like|campaign of|kinds? of|on (?:two|three|four|five|several|many|numerous) occasions)\b/i;
/** Analysis and opinion rather than a report of what happened. */
const COMMENTARY = /\b(?:analyst|analysts|experts?|believes?|sees|expects?|argued|argues|opinion|could|likely|may|seems?|appears? to be aimed)\b/i;
const SINGLE_EVENT = /\b(?:a|an|the|this|that|[A-Z][a-z]+day['’]s|last night['’]s|[Tt]uesday['’]s)\s+(?:[\w'’-]+\s+){0,3}?(?:attack|strike|airstrike|air strike|assault|raid|bombing|explosion|blast|shooting|shelling|ambush|massacre|stabbing)\b/i;
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
  if (SINGLE_EVENT.test(sentence)) score += 1;
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

const DETERMINER = /^(?:the|a|an|its|their|his|her)\s+/i;
/** Capitalised at the start of a sentence without being a name: "Following Pakistani airstrikes", "Another missile". */
const LEADING_NON_NAME = /^(?:(?:the|an?|another|following|after|before|during|meanwhile|earlier|later|overnight|then|also|in|on|at|when|while|as|since|but|and|yet|still|now|separately|elsewhere|up|at least|more than|one|two|three|four|five|six|seven|eight|nine|ten|\d[\d,]*)(?:\s+|$))*/i;
/** Lower-case nouns that belong to an actor's name ("Israeli forces", "Houthi rebels"). */
const ACTOR_NOUNS = "(?:military|army|forces|troops|navy|air force|militants|militias?|fighters|rebels|gunmen|soldiers|police|officials|commandos|jets|warplanes|government|authorities|insurgents|settlers|gang|gangs)";
const CAP_RUN = "(?:(?:al-)?\\p{Lu}[\\p{L}'’.-]*(?:\\s+(?:al-|bin |wal |of the |of )?\\p{Lu}[\\p{L}'’.-]*)*)";
const ACTOR_PHRASE = new RegExp(`^${CAP_RUN}(?:['’]s\\s+${CAP_RUN})?(?:\\s+${ACTOR_NOUNS})?`, 'u');
const ATTACK_VERB = /^(?:(?:\([^)]*\)|also|reportedly|then|later|again|allegedly|has|have|had|on \w+day|overnight|fighters|forces|militants|troops|jets|warplanes)\s+){0,3}(?:(?:says?|said|claims?|claimed|reports?|reported)\s+(?:that\s+)?(?:it|they)\s+(?:has |have |had )?)?(?:launch(?:es|ed)?|fire[sd]?|struck|strikes|hit|hits|attacked|bomb(?:s|ed)|shell(?:s|ed)|carr(?:y|ies|ied) out|conduct(?:s|ed)?|kill(?:s|ed)|target(?:s|ed)|ambush(?:es|ed)?|raid(?:s|ed)|stormed|shot|opened fire|downed)\b/i;
/** Words an actor phrase cannot be: the weapon or the toll itself. */
const NOT_ACTOR = /^(?:january|february|march|april|may|june|july|august|september|october|november|december|reuters|ap|afp|cnn|bbc|associated press|al jazeera|tass|usa today|telegram|the associated press|drones?|airstrikes?|air strikes?|strikes?|explosions?|missiles?|rockets?|shelling|attacks?|at least|more than|dozens|hundreds|thousands|several|two|three|four|five|six|seven|eight|nine|ten|\d.*|one|monday|tuesday|wednesday|thursday|friday|saturday|sunday|in|on|at|after|before|during|meanwhile|earlier|later|officials?|authorities|witnesses|residents|police said)$/i;
const WEAPON_TAIL = /\s+(?:gunfire|fire|air ?strikes?|strikes?|drones?|missiles?|rockets?|shelling|attacks?|bombs?|forces'? (?:strikes?|attacks?))$/i;

function actorOf(sentence: string, kindStart: number): Span | null {
  // "X claimed responsibility", "X takes responsibility".
  const claim = /(?:^|[,;]\s*|\band\s+)((?:the\s+)?[\p{Lu}][^,;]{1,80}?)\s+(?:has\s+|have\s+)?(?:claimed|claims|takes|took|has taken|accepted)\s+responsibility/iu.exec(sentence);
  if (claim) {
    const text = claim[1]!.replace(DETERMINER, '');
    const start = claim.index + claim[0].indexOf(claim[1]!) + (claim[1]!.length - text.length);
    return { start, end: start + text.length };
  }
  // "attacked by the 400 Mawozo gang", "killed by Israeli gunfire".
  const by = /\b(?:by|from)\s+(?:the\s+|an?\s+)?((?:(?:unidentified|unknown|suspected|armed|masked)\s+)?(?:[\p{Lu}\d][\p{L}\d'’.-]*\s+){0,4}(?:[\p{Lu}][\p{L}'’.-]*|gunm[ae]n|militants|fighters|rebels|gang|gangs|forces|troops|settlers|soldiers|police|clan|tribe|militias?|mob))(?:\s+(?:gunfire|fire|air ?strikes?|strikes?|drones?|missiles?|rockets?|shelling|attacks?|warplanes|jets))?\b/u;
  const m = by.exec(sentence);
  if (m && (EVENT.test(sentence.slice(0, m.index)) || /\b(?:killed|injured|wounded|hurt)\s+$/i.test(sentence.slice(0, m.index))) && !/\b(?:said|says|according|told|reported|reports?|statement|assessment)\b/i.test(sentence.slice(Math.max(0, m.index - 25), m.index))) {
    const text = m[1]!.replace(WEAPON_TAIL, '');
    const start = m.index + m[0].indexOf(m[1]!);
    if (!NOT_ACTOR.test(text)) return { start, end: start + text.length };
  }
  // Sentence subject before an attack verb: "Russia launches drone attacks", "The Israeli military said it struck".
  const lead = LEADING_NON_NAME.exec(sentence)![0].length;
  const subject = ACTOR_PHRASE.exec(sentence.slice(lead));
  if (subject) {
    const text = subject[0].replace(/\s+\p{Lu}[\p{L}'’.-]*$/u, (t) => (NOT_ACTOR.test(t.trim()) ? '' : t));
    const rest = sentence.slice(lead + text.length).trimStart();
    if (text && !NOT_ACTOR.test(text) && ATTACK_VERB.test(rest)) return { start: lead, end: lead + text.length };
  }
  // The people named before the weapon: "Israeli airstrikes", "an Iranian ballistic missile", "U.S. strike".
  const before = sentence.slice(Math.max(0, kindStart - 60), kindStart);
  const adj = /((?:\p{Lu}[\p{L}'’.-]*|U\.S\.)(?:[\s-]+(?:\p{Lu}[\p{L}'’.-]*|backed|led|allied))*)\s+(?:(?:ballistic|cruise|suicide|precision|apparent|suspected|deadly|fatal|separate|new|heavy|massive|overnight|drone|missile|rocket|air|guided|long-range)\s+)*$/u.exec(before);
  if (adj) {
    const skip = LEADING_NON_NAME.exec(adj[1]!)![0].length;
    const text = adj[1]!.slice(skip);
    const start = kindStart - before.length + adj.index + skip;
    if (text && !NOT_ACTOR.test(text)) return { start, end: start + text.length };
  }
  return null;
}

const TARGET =
  /\b(?:(?:strikes?|attacks?|airstrikes?|air strikes?|assaults?|raids?|shelling|bombing|firebombing|explosions?)\s+(?:on|against|at|targeting)|(?:bombing|shelling|firebombing|storming|siege|destruction)\s+of|(?:fired|launched|dropped)\s+(?:[\w'’-]+\s+){0,4}?(?:at|on|into|towards?)|(?:hit|hits|hitting|struck|strikes|targeted|targeting|targets|destroy(?:s|ed)?|damag(?:es|ed)|attack(?:s|ed)|bomb(?:s|ed)|shell(?:s|ed)|ambush(?:es|ed)?)(?!\s+(?:by|with|from|in|on|are|is|was|were|have|has|had|came|come|continue[sd]?|will|would|could|that|this)\b))\s+(?:the\s+|a\s+|an\s+|at least\s+|several\s+)?((?:(?!(?:in|near|at|on|with|by|from|of the|killing|injuring|wounding|after|as|while|during|that|which|who|linked|said|says|was|were|is|are|has|have|had|left|kill|kills|killed|killing|injure|injures|injuring|wound|wounds|leave|leaves|and (?:killed|injured|wounded))\b)[\p{L}\d'’-]+\s?){1,5})/iu;

function targetOf(sentence: string): Span | null {
  const m = TARGET.exec(sentence);
  if (!m) return null;
  const text = m[1]!.trim().replace(/\s+(?:and|or)$/i, '');
  if (!text || /^(?:\d|one|two|three|four|five|six|seven|eight|nine|ten|dozens|scores|hundreds|(?:mon|tues|wednes|thurs|fri|satur|sun)day|january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\b/i.test(text)) return null;
  const start = m.index + m[0].lastIndexOf(m[1]!);
  return { start, end: start + text.length };
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

/** A day more than this many days before publication is a past event recalled (an anniversary, "since 9/11"), not news of one. */
export const HISTORICAL_DAYS = 365;
/** A day more than this many days after publication has not happened yet (a day's slack for time zones). */
export const FUTURE_SLACK_DAYS = 1;

/** Words just before a day that put it ahead: "will strike again on December 28", "until Saturday". */
const AHEAD_BEFORE = /\b(?:will|'ll|shall|until|till|next|coming|upcoming|scheduled|slated|expected|due|planned)\b[^.;]{0,30}$/i;

/**
 * A report's day checked against the publication day. A day without its year or a weekday read as
 * ahead because the sentence speaks of the future somewhere ("the Oct. 7 attack … will do it
 * again") is taken at its last occurrence before publication, as news reports what happened, unless
 * the words just before the day put it ahead; a day still ahead, or one long before publication (an
 * anniversary, a war recalled), makes the sentence no report of a new incident (undefined).
 */
function plausibleDay(day: EventDay, published: Day, sentence: string, offset: number): EventDay | undefined {
  if (day.basis === 'published') return day;
  let d = parseIsoDay(day.day)!;
  const before = day.span ? sentence.slice(0, day.span.start - offset) : '';
  if (d > published + FUTURE_SLACK_DAYS && day.basis === 'relative' && !AHEAD_BEFORE.test(before) && !/\b(?:next|coming|this)\b/i.test(day.span?.text ?? '')) {
    const p = partsOf(d);
    d = /\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/i.test(day.span?.text ?? '') ? dayOf(p.year - 1, p.month, p.day) : d - 7 * Math.ceil((d - published - FUTURE_SLACK_DAYS) / 7);
    day = { ...day, day: isoDay(d), span: { ...day.span!, value: isoDay(d) } };
  }
  if (d > published + FUTURE_SLACK_DAYS || d < published - HISTORICAL_DAYS) return undefined;
  return day;
}

/** A day written as the event's own ("the August 29 drone strike", "Sunday's attack", "Oct. 7 attacks"). */
const EVENT_AFTER_DAY = /^(?:['’]s)?\s+(?:[\p{L}-]+\s+){0,2}?(?:attacks?|strikes?|airstrikes?|air strikes?|bombings?|raids?|massacres?|assaults?|shootings?|explosions?|blasts?|shelling|ambush)\b/iu;

function eventDayOf(sentence: string, offset: number, published: number | undefined): EventDay | null {
  // "since the Oct. 7 attack" starts a count, like "since Oct. 7"; "as of Friday" ends one.
  const days = eventDates(sentence, published).filter((d) => !d.since && !/\b(?:since\s+the|as of)\s+$/i.test(sentence.slice(Math.max(0, d.start - 10), d.start)));
  // "an official said Monday that a pattern of attacks …": the day of speaking, unless the sentence gives no other and tells of harm done.
  const spoken = (d: (typeof days)[number]) => /\b(?:said|says|told \w+|announced|stated|added)\s+(?:on\s+)?$/i.test(sentence.slice(Math.max(0, d.start - 20), d.start));
  if (days.length > 0 && days.every(spoken) && !DONE.test(sentence.replace(DENIED, ' ')) && !/\b(?:died|dead)\b/i.test(sentence)) days.length = 0;
  // "released videos Wednesday of the botched August 29 drone strike": the day that names the event, before the first.
  const dated = days.find((d) => EVENT_AFTER_DAY.test(sentence.slice(d.end, d.end + 40))) ?? days[0];
  if (dated) {
    return {
      day: isoDay(dated.day),
      basis: dated.relative ? 'relative' : 'written',
      span: { value: isoDay(dated.day), text: dated.text, start: offset + dated.start, end: offset + dated.end },
    };
  }
  return published === undefined ? null : { day: isoDay(published), basis: 'published' };
}

/** The report `sentence` (at `span` of `article.text`, index `index`) gives, or null if it gives none. */
export function readReport(article: Article, index: number, whole: Span, options: ExtractOptions = {}): IncidentReport | null {
  // A list item's bullet ("- ", "► ") is not part of what it says.
  const bullet = /^[-–•▪∎◾►*]+\s*/.exec(article.text.slice(whole.start, whole.end))?.[0].length ?? 0;
  const span = { start: whole.start + bullet, end: whole.end };
  const sentence = article.text.slice(span.start, span.end);
  if (!mayReportIncident(sentence) || !mayBeReport(sentence)) return null;
  const published = article.published ? (parseIsoDay(article.published) ?? undefined) : undefined;
  const casualties = findCasualties(sentence);
  const hasFigure = (casualties.killed?.value ?? 0) > 0 || (casualties.injured?.value ?? 0) > 0;
  const read = eventDayOf(sentence, span.start, published);
  const day = read && published !== undefined ? plausibleDay(read, published, sentence, span.start) : read;
  if (day === undefined) return null;
  if (!isReport(sentence, hasFigure, day !== null && day.basis !== 'published')) return null;
  const trigger = findTrigger(sentence)!;
  const weapon = kindOf(sentence);
  const event = EVENT.exec(sentence);
  // No weapon named: the event word itself ("attack", "clashes") is the span of an `other`.
  const eventWord = event ? { index: event.index, text: event[0] } : trigger;
  const kind = weapon ?? { kind: 'other' as const, start: eventWord.index, end: eventWord.index + eventWord.text.length };
  const ranked = rankPlaces(findPlaces(sentence, options.gazetteer));
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
    sentenceSpan: { start: whole.start, end: whole.end },
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

/** Every incident report in `article`, in sentence order. */
export function extractReports(article: Article, options: ExtractOptions = {}): IncidentReport[] {
  const out: IncidentReport[] = [];
  splitSentences(article.text).forEach((span, i) => {
    const report = readReport(article, i, span, options);
    if (report) out.push(report);
  });
  return out;
}
