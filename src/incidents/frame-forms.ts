/**
 * Forms in which a sentence names an event only as the frame of something else, which the report filter
 * (`report-filter.ts`) turns away: the start of a war told as a time ("since Karvan forces attacked Armenia on
 * Feb. 24", "when Karvan's bombs started falling"), a what-if or an idiom ("imagine what life would be like if Dunmere
 * was shelled", "in case disaster strikes"), a count told since a campaign began or so far ("… had been
 * killed since Karvan launched strikes on Monday", "… had been killed in the strikes so far"), and only what
 * the attacks caused ("As a result of the attacks, airlines cancelled flights", "displaced by the bombing campaign").
 */
import { DENIED, DONE, EVENT } from './event-words.js';
import type { PlaceCandidate } from './places.js';

/** "since Karvan forces attacked Dunmere on Feb. 24", "when Karvan and its allies invaded Dunmere": group 1 is the country attacked. */
const WAR_BEGAN_ATTACK =
  /\b(?:since|when)\s+(?:(?:the\s+)?\p{Lu}[\p{L}.'’-]*\s+(?:and\s+)?){1,4}(?:(?:forces|troops|military|army)\s+)?(?:first\s+)?(?:attacked|invaded)\s+(\p{Lu}[\p{L}-]*)(?:\s+(?:on|in)\s+[^,;"”]*)?/u;
/** "when Karvan's bombs began falling in the spring" (not "… falling on Dunmere", weapons told on a place). */
const WAR_BEGAN_FALLING =
  /\b(?:since|when)\s+(?:\p{Lu}[\p{L}.-]*['’]s\s+)?(?:bombs|missiles|shells|rockets)\s+(?:started|began)\s+(?:falling|to\s+fall)\b(?!\s+(?:on|in|over|near)\s+(?:the\s+)?\p{Lu})[^,;"”]*/u;

/** Nothing else in the sentence tells of an event or of harm done. */
function nothingElse(rest: string): boolean {
  return !EVENT.test(rest) && !DONE.test(rest.replace(DENIED, ' '));
}

/**
 * A war's start told only as the time of something else: "met for the first time since Karvan forces attacked
 * Armenia on Feb. 24", "Everything changed when Karvan attacked Armenia" (the place attacked a country, not a town:
 * "since Karvan attacked the town of Barah" may be the attack the article tells).
 */
export function warStartOnly(sentence: string, places: () => PlaceCandidate[]): boolean {
  const attack = WAR_BEGAN_ATTACK.exec(sentence);
  const m = attack ?? WAR_BEGAN_FALLING.exec(sentence);
  if (!m) return false;
  if (attack) {
    const at = m.index + m[0].lastIndexOf(m[1]!);
    if (!places().some((p) => p.level === 1 && p.start === at)) return false;
  }
  return nothingElse(sentence.slice(0, m.index) + ' ' + sentence.slice(m.index + m[0].length));
}

/** What-ifs ("imagine what life would be like if Dunmere was shelled", "as if the city were under attack") and the idiom "in case disaster strikes". */
const WHAT_IF =
  /\b(?:imagine|what (?:it|life) would be like|as if|as though|even if|what if)\b(?=[^.;]{0,120}?\b(?:bombed|attacked|struck|shelled|hit|under\s+(?:siege|attack|fire))\b)[^.;]*|\b(?:disaster|tragedy|catastrophe|calamity|lightning|misfortune)\s+(?:strikes|struck|strike)\b/gi;

/** A sentence whose only event is imagined or an idiom. */
export function imaginedOnly(sentence: string): boolean {
  if (!/\b(?:imagine|would be like|as if|as though|even if|what if|strikes?|struck)\b/i.test(sentence)) return false;
  const rest = sentence.replace(WHAT_IF, ' ');
  return rest !== sentence && !EVENT.test(rest);
}

/** A toll told as it stands: "have died", "had been killed". */
const PERFECT_TOLL = /\bha(?:ve|s|d)\s+(?:\w+\s+)?(?:died|been\s+(?:killed|wounded|injured))\b/i;
/** … so far, or since a campaign began: "since Karvan launched heavy strikes on Monday", "in the strikes so far". */
const COUNTED_SINCE = /\bso far\b|\bsince\s+(?:[\w'’.-]+\s+){1,4}?(?:launched|began|started|unleashed)\b/i;

/** A running total with a day of its own: "212 people had been killed since Karvan launched heavy strikes on Monday". */
export function countSince(sentence: string): boolean {
  return PERFECT_TOLL.test(sentence) && COUNTED_SINCE.test(sentence);
}

/** "As a result of the attacks, …", "Because of the strikes, …" opening a sentence. */
const AS_RESULT = /^\W*(?:as a result of|because of|due to)\s+(?:the|these|those|that|this|such)\s+(?:[\w'’-]+\s+){0,3}?(?:attacks?|strikes?|airstrikes?|bombings?|raids?|shelling)\s*,/i;
/** "4,000 families were displaced by the bombing campaign launched by Karvan on Monday". */
const DISPLACED_BY =
  /\b(?:displaced|uprooted|forced to flee|made homeless)\s+(?:by|from)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,3}?(?:bombing|air|military|ground)\s+(?:campaign|offensive)\b(?:\s+(?:launched|begun|started)\s+(?:by\s+)?[^,;]*)?/i;

/** Only what attacks told elsewhere caused, with no harm done: "As a result of the attacks, airlines cancelled flights". */
export function causedOnly(sentence: string): boolean {
  const opening = AS_RESULT.exec(sentence);
  if (opening) return nothingElse(sentence.slice(opening[0].length));
  const displaced = DISPLACED_BY.exec(sentence);
  return displaced !== null && nothingElse(sentence.slice(0, displaced.index) + ' ' + sentence.slice(displaced.index + displaced[0].length));
}

/** An attack on a value or an idea ("an attack on the principle of a free Dunmere", "a deliberate attack on religious freedom"). */
const ON_AN_IDEA =
  /\b(?:(?:targeted|deliberate|direct|brazen|cowardly|vicious)\s+)?(?:attacks?|assaults?)\s+on\s+(?:the\s+)?(?:very\s+)?(?:(?:idea|principle|notion|concept|values?|heart|soul)\s+of\b[^,;.]*|(?:religious\s+|press\s+)?freedoms?\b|democracy\b|(?:our\s+)?(?:values|way\s+of\s+life)\b|the\s+rule\s+of\s+law\b|free\s+speech\b|human\s+(?:dignity|rights)\b|sovereignty\b)/gi;
/** Words used against someone: "attacked the governor in a speech", "attacked her rival, calling her weak". */
const IN_WORDS =
  /\battack(?:s|ed|ing)?\s+(?:[\p{Lu}][\p{L}.'’-]*\s+){1,3}(?:(?:in|on|during)\s+(?:an?|his|her|their|the)\s+(?:[\p{Lu}][\p{L}'’-]*\s+){0,2}(?:post|tweet|speech|interview|statement|op-ed|column|rally|podcast)\b|[^.;]{0,60}?,\s+calling\s+(?:him|her|them)\b)/gu;

/** A sentence whose only attack is on an idea, or in words. */
export function attackInWordsOnly(sentence: string): boolean {
  if (!/\b(?:attack|assault)/i.test(sentence)) return false;
  const rest = sentence.replace(ON_AN_IDEA, ' ').replace(IN_WORDS, ' ');
  return rest !== sentence && !EVENT.test(rest) && !DONE.test(rest.replace(DENIED, ' '));
}

/**
 * An attack named only as what is blamed, condemned or answered: "blamed the minister's policy for the attack", "condemned the group over the
 * Oct. 7 attack", "any response to Saturday's attack" (not "how to respond to Sunday's attack in Karvan", which names its place).
 */
const REACTED_TO =
  /\b(?:(?:blam(?:e|es|ed|ing)|condemn(?:s|ed|ing)?|critici[sz](?:e|es|ed|ing)|denounc(?:e|es|ed|ing))\s+(?:[^.;,]{0,60}?\s+)?(?:for|over)|(?:responses?|respond(?:s|ed|ing)?|reply|replies|intervention|reaction)\s+(?:to|against))\s+(?:the|any|an?|this|that|its|last\s+\w+['’]s|\p{Lu}[\p{L}.]*['’]s)\s+(?:[\w'’.-]+\s+){0,3}?(?:attacks?|strikes?|airstrikes?|bombings?|assault|raids?)\b(?:\s+(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)?(?!\s+(?:in|on|at|near|against|inside)\b)/giu;

/** A sentence whose only event is the one reacted to, with nothing done or harmed besides. */
export function reactionOnly(sentence: string): boolean {
  if (!/\b(?:blam|condemn|critici|denounc|respon|repl|intervention|reaction)/i.test(sentence)) return false;
  // "… blamed Karvan for the attack, though no group has claimed responsibility": the claim is of the event.
  if (/\bclaim(?:s|ed|ing)?\s+(?:responsibility|credit)\b/i.test(sentence)) return false;
  const rest = sentence.replace(REACTED_TO, ' ');
  return rest !== sentence && nothingElse(rest);
}
