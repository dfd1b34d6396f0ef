/**
 * The forms of incidents-17, read from the single stories' misses and false reports: news prose recalls
 * an attack told before by naming it again with its place ("the attack on the town of Dunmere", "the
 * strikes in Karvan"), tells a killing in the passive with where or when it was done ("he was killed near
 * Dunmere", "the two soldiers killed Sunday") and harm by shrapnel ("after being hit by shrapnel"), and
 * names an attack only as what someone called it or did not endorse ("called the attack a mistake").
 * The first three are reports the gates missed; the last is background the gates let through.
 */
import { DENIED, DONE, EVENT } from './event-words.js';
import type { PlaceCandidate } from './places.js';

/**
 * An event told again, then where it was: "the attack on the town of Dunmere", "the strikes in Karvan",
 * "Sunday's raid at the Karvan base". The place (a town or a site, `level` ≥ 3) must follow within a
 * few words; a country ("the attack on Armenia") is a war or a campaign, not one incident's place, and so
 * are attacks in the plural on a place ("a rally against the attacks on Karvan"), unlike those in it
 * ("the strikes in Karvan", where they fell).
 */
const TOLD_AGAIN_AT =
  /\b(?:the|that|this|its|their|[\p{Lu}][\p{L}.-]*['’]s)\s+(?:(?=[\p{Ll}])[\p{L}'’-]+\s+){0,2}?(?:(?:attack|strike|airstrike|air strike|blast|explosion|raid|bombing|assault|shelling|shooting|ambush)\s+(?:on|in|at|near|against|inside)|(?:attacks|strikes|airstrikes|air strikes|blasts|explosions|raids|bombings|shootings)\s+(?:in|at|near|inside))\s+(?:(?:the|a)\s+)?(?:(?:town|city|village|port|capital|district|neighbou?rhood)\s+of\s+)?/giu;

/** Whether the sentence names an event told again with a town or site right after it. */
export function toldAtPlace(sentence: string, places: () => PlaceCandidate[]): boolean {
  if (!/\b(?:attack|strike|blast|explosion|raid|bombing|assault|shelling|shooting|ambush)/i.test(sentence)) return false;
  const ends = [...sentence.matchAll(TOLD_AGAIN_AT)].map((m) => m.index + m[0].length);
  if (ends.length === 0) return false;
  // The place may be named after a few words more: "the attack on a checkpoint outside Dunmere".
  return places().some((p) => p.level >= 3 && ends.some((e) => p.start >= e && p.start - e <= 30));
}

const WEEKDAY = String.raw`(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)`;
const WHEN = String.raw`(?:(?:on\s+|early\s+|late\s+)?${WEEKDAY}\b(?!\s+(?:in|at|during|after)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}?(?:crash|collision|accident|fire|blaze|storm))|last\s+(?:week|night|month)\b|yesterday\b|overnight\b|this\s+(?:morning|evening)\b|while\s+(?:standing|walking|waiting|riding|driving|sleeping|trying)\b)`;
/** An accident or a disaster told beside the toll: the killing is no attack. */
const MISHAP = /\b(?:crash(?:es|ed)?|collisions?|collided|accidents?|drown\w*|overdos\w*|blaze|wildfires?|storms?|floods?|earthquakes?|quakes?)\b/i;
/**
 * A killing told in the passive with where or when it was done: "was killed near Dunmere", "were shot
 * dead in the village of Karvan", "the two soldiers killed Sunday", "was killed last week". The words of
 * an event are not there, but the harm, its place or day are: the evidence gate then weighs it as any
 * report. Not "have been killed" (a running total, turned away later), nor a death of illness ("died").
 */
const KILLED_WHERE_WHEN = new RegExp(
  String.raw`\b(?:was|were|been|being|got)\s+(?:\w+ly\s+)?(?:shot\s+(?:and\s+)?)?(?:killed|shot dead|gunned down|wounded|injured)\s+(?:(?:in|near|around|outside|at)\s+(?:the\s+)?(?:(?:town|city|village|capital|district|region)\s+(?:of\s+)?)?(?=\p{Lu})|${WHEN})` +
    // Without "was", only the day or the moment: "the soldiers killed in Gaza" is as often a count ("… rose to 70").
    String.raw`|\b(?:killed|wounded|injured)\s+${WHEN}`,
  'u',
);

/** Whether a killing is told with where or when it was done. */
export function killedWhereOrWhen(sentence: string): boolean {
  return (sentence.includes('killed') || sentence.includes('dead') || sentence.includes('down') || sentence.includes('wounded') || sentence.includes('injured')) && KILLED_WHERE_WHEN.test(sentence) && !MISHAP.test(sentence);
}

/**
 * An attack named only as what someone called it or did not endorse: "called the
 * attack a mistake", "calling the missile strike a provocation", "does not endorse this attack". What is
 * said of an event the article tells elsewhere. Not "blamed the attack on Karvan": the labels hold that a
 * report when it names who did it.
 */
const SAID_OF =
  /\b(?:(?:call(?:s|ed|ing)?|describ(?:e|es|ed|ing))\s+(?:the|that|this|its|their|[\p{Lu}][\p{L}.-]*['’]s)\s+(?:[\w'’-]+\s+){0,2}?(?:attacks?|strikes?|airstrikes?|bombings?|assault|raids?|operation|incursion|offensive)\s+(?:an?\s|["“‘']|(?:an?\s+)?(?:act|provocation|mistake|success))|(?:do|does|did)\s+not\s+(?:endorse|support|condone)\s+(?:the|that|this|its|their)\s+(?:[\w'’-]+\s+){0,2}?(?:attacks?|strikes?|operation|incursion|offensive))[^.;,]*/giu;

/** A sentence whose only event is one named as what it was called or not endorsed. */
export function saidOfOnly(sentence: string): boolean {
  if (!/\b(?:call|describ|endorse|support|condone)/i.test(sentence)) return false;
  if (/\bclaim(?:s|ed|ing)?\s+(?:responsibility|credit)\b/i.test(sentence)) return false;
  const rest = sentence.replace(SAID_OF, ' ');
  return rest !== sentence && !EVENT.test(rest) && !DONE.test(rest.replace(DENIED, ' '));
}

/** Attacks stopped, halted or paused: "agreed to stop bombing Karvan", "paused its strikes on Dunmere". */
const STOPPED =
  /\b(?:stop(?:s|ped|ping)?|halt(?:s|ed|ing)?|end(?:s|ed|ing)?|paus(?:e|es|ed|ing)|suspend(?:s|ed|ing)?|ceas(?:e|es|ed|ing))\s+(?:the\s+|its\s+|their\s+|all\s+)?(?:[\w-]+\s+)?(?:bombing|bombardment|strikes|airstrikes|air strikes|attacks|shelling)\b(?:\s+(?:on|of|in|against)\s+(?:the\s+)?\S+)?/gi;

/** A sentence whose only attacks are ones stopped or paused: a ceasefire told, not an incident. */
export function stoppedOnly(sentence: string): boolean {
  if (!/\b(?:stop|halt|end|paus|suspend|ceas)/i.test(sentence)) return false;
  const rest = sentence.replace(STOPPED, ' ');
  return rest !== sentence && !EVENT.test(rest) && !DONE.test(rest.replace(DENIED, ' '));
}

/**
 * A campaign's count of what its side has struck: "forces have struck 10,000 military targets", "have
 * destroyed over 92% of its large vessels". A perfect tense with hundreds of targets or a share is a
 * running total, whatever day the sentence names; one night's ("overnight") is left to the toll rules.
 */
export const TARGETS_COUNTED =
  /\bha(?:ve|s)\s+(?:\w+\s+)?(?:struck|hit|destroyed|targeted|damaged)(?:\s+and\s+(?:destroyed|damaged|disabled))?\s+(?:more than |over |about |nearly |around |some |at least |roughly )?(?:\d{1,3}(?:,\d{3})+|\d{3,}|\d+(?:\.\d+)?\s*(?:%|percent))/i;

/** Attacks in general, told by "any" or "every": "any intentional attack on civilians is a war crime", "every bomb that falls". */
const ANY_ATTACK = /\b(?:any|every|each)\s+(?:[\w-]+\s+){0,2}?(?:attacks?|strikes?|airstrikes?|bombs?|bombings?|missiles?|rockets?|drones?|targeting)\b(?:\s+or\s+[\w-]+(?:\s+of)?)?/gi;

/** A sentence whose only attack is any or every one: a rule or a claim about attacks, no incident. */
export function anyAttackOnly(sentence: string): boolean {
  if (!/\b(?:any|every|each)\b/i.test(sentence)) return false;
  const rest = sentence.replace(ANY_ATTACK, ' ');
  return rest !== sentence && !EVENT.test(rest) && !DONE.test(rest.replace(DENIED, ' '));
}
