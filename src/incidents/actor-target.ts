/**
 * Who did it and what was hit, each as a span of the sentence: the claimant or the subject of an
 * attack verb ("Russia launched …"), the agent after "by", or the people named before the weapon
 * ("Israeli airstrikes"); the object of the attack ("a strike on a maternity hospital").
 */
import type { Span } from '../corpus/types.js';
import { EVENT } from './event-words.js';

const DETERMINER = /^(?:the|a|an|its|their|his|her)\s+/i;
/** Capitalised at the start of a sentence without being a name: "Following Pakistani airstrikes", "Another missile". */
const LEADING_NON_NAME = /^(?:(?:the|an?|another|following|after|before|during|meanwhile|earlier|later|overnight|then|also|in|on|at|when|while|as|since|but|and|yet|still|now|separately|elsewhere|up|at least|more than|one|two|three|four|five|six|seven|eight|nine|ten|\d[\d,]*)(?:\s+|$))*/i;
/** Lower-case nouns that belong to an actor's name ("Israeli forces", "Houthi rebels"). */
const ACTOR_NOUNS = "(?:military|army|forces|troops|navy|air force|militants|militias?|fighters|rebels|gunmen|soldiers|police|officials|commandos|jets|warplanes|government|authorities|insurgents|settlers|gang|gangs)";
const CAP_RUN = "(?:(?:al-)?\\p{Lu}[\\p{L}'’.-]*(?:\\s+(?:al-|bin |wal |of the |of )?\\p{Lu}[\\p{L}'’.-]*)*)";
const ACTOR_PHRASE = new RegExp(`^${CAP_RUN}(?:['’]s\\s+${CAP_RUN})?(?:\\s+${ACTOR_NOUNS})?`, 'u');
const ATTACK_VERB = /^(?:(?:\([^)]*\)|also|reportedly|then|later|again|allegedly|has|have|had|on \w+day|overnight|fighters|forces|militants|troops|jets|warplanes)\s+){0,3}(?:(?:says?|said|claims?|claimed|reports?|reported)\s+(?:that\s+)?(?:it|they)\s+(?:has |have |had )?)?(?:launch(?:es|ed)?|fire[sd]?|struck|strikes?|hit|hits|attack(?:s|ed)?|bomb(?:s|ed)?|shell(?:s|ed)?|carr(?:y|ies|ied) out|conduct(?:s|ed)?|kill(?:s|ed)?|target(?:s|ed)?|ambush(?:es|ed)?|raid(?:s|ed)?|stormed|shot|opened fire|downed)\b/i;
/** Words an actor phrase cannot be: the weapon or the toll itself. */
const NOT_ACTOR = /^(?:january|february|march|april|may|june|july|august|september|october|november|december|reuters|ap|afp|cnn|bbc|associated press|al jazeera|tass|usa today|telegram|the associated press|drones?|airstrikes?|air strikes?|strikes?|explosions?|missiles?|rockets?|shelling|attacks?|at least|more than|dozens|hundreds|thousands|several|two|three|four|five|six|seven|eight|nine|ten|\d.*|one|monday|tuesday|wednesday|thursday|friday|saturday|sunday|in|on|at|after|before|during|meanwhile|earlier|later|officials?|authorities|witnesses|residents|police said)$/i;
const WEAPON_TAIL = /\s+(?:gunfire|fire|air ?strikes?|strikes?|drones?|missiles?|rockets?|shelling|attacks?|bombs?|forces'? (?:strikes?|attacks?))$/i;

/** A name that launched, fired or unleashed the attack in a clause of its own ("as Tehran launched a … attack"). */
const CLAUSE_LAUNCHED = new RegExp(`(?:[,;]\\s+|\\b(?:as|when|while|after|before|and|that)\\s+)(?:the\\s+)?(${CAP_RUN}(?:\\s+${ACTOR_NOUNS})?)\\s+(?:has\\s+|had\\s+)?(?:launched|fired|unleashed)\\s+(?:a|an|its|another|dozens|hundreds|\\d)`, 'u');

/** The word a claim needs, looked for first (with the claim's flags): the claim's own pattern is slow to fail. */
const RESPONSIBILITY = /responsibility/iu;

export function actorOf(sentence: string, kindStart: number): Span | null {
  // "X claimed responsibility", "X takes responsibility".
  const claim = RESPONSIBILITY.test(sentence)
    ? /(?:^|[,;]\s*|\band\s+)((?:the\s+)?[\p{Lu}][^,;]{1,80}?)\s+(?:has\s+|have\s+)?(?:claimed|claims|takes|took|has taken|accepted)\s+responsibility/iu.exec(sentence)
    : null;
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
  // The subject of a later clause that launched it: "…, as Moscow launched a series of deadly strikes".
  const clause = CLAUSE_LAUNCHED.exec(sentence);
  if (clause && !NOT_ACTOR.test(clause[1]!)) {
    const start = clause.index + clause[0].indexOf(clause[1]!);
    return { start, end: start + clause[1]!.length };
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

export function targetOf(sentence: string): Span | null {
  const m = TARGET.exec(sentence);
  if (!m) return null;
  const text = m[1]!.trim().replace(/\s+(?:and|or)$/i, '');
  if (!text || /^(?:\d|one|two|three|four|five|six|seven|eight|nine|ten|dozens|scores|hundreds|(?:mon|tues|wednes|thurs|fri|satur|sun)day|january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\b/i.test(text)) return null;
  const start = m.index + m[0].lastIndexOf(m[1]!);
  return { start, end: start + text.length };
}
