/**
 * Forms in which a sentence tells of an event, or only of what followed one, that the report filter
 * (`report-filter.ts`) and the evidence of `extract.ts` weigh: explosions heard or reported, weapons
 * falling, killing in combat, what was done after an attack, and damage told after its event.
 */
import { DENIED, DONE, EVENT } from './event-words.js';

/** Many explosions heard or reported at once, or told in a series, are one event, not attacks in general: "multiple explosions are reported over …", "killed in a series of explosions". */
export function explosionsHeard(sentence: string): boolean {
  return /\b(?:explosions|blasts|booms)\s+(?:and\s+(?:fires|smoke)\s+)?(?:were\s+|are\s+|(?:have|had)\s+been\s+)?(?:(?:also|reportedly)\s+)?(?:heard|reported|rocked|shook|rang out)\b|\b(?:a\s+series\s+of|multiple|several)\s+(?:[\w-]+\s+)?(?:explosions|blasts)\b/i.test(sentence);
}

/** Weapons told falling on a place, or unleashed on it: "missiles began falling in Lviv", "Russia unleashed a deadly missile on a facility". */
export const WEAPONS_FELL = /\b(?:missiles?|rockets?|shells|bombs|drones)\s+(?:[\w-]+\s+){0,2}?(?:fell|falling|landed|landing)\s+(?:down\s+)?(?:in|on|near)\s+(?=\p{Lu}|the\b|an?\b)|\bunleash(?:ed|es|ing)?\s+(?:an?\s+)?(?:[\w-]+\s+){0,3}?(?:missiles?|rockets?|drones?|strikes?|attacks?|barrage)\s+(?:on|at|against)\b/u;

/**
 * Killing in combat, as day-sections tell it: "Nigerian troops kill more than 300 …", "four soldiers are killed in action",
 * "forces battle militants near …", "killed Sunday in a major battle", "12 civilians were killed by the RSF"; not a count ("troops have killed …") nor the
 * soldiers killed, named ("the three soldiers killed as …").
 */
export const KILLED_IN_COMBAT = /\b(?:troops|soldiers|forces|military|army|police)\s+(?:[\w'’-]+\s+){0,2}?(?<!\bha(?:ve|s|d)\s+)(?:kill|kills|killed)\s+(?:at\s+least\s+|more\s+than\s+|over\s+|about\s+|nearly\s+)?(?:\d|an?\s|two|three|four|five|six|seven|eight|nine|ten|dozens|scores|several)|\bkilled in action\b|\bkilled\s+(?:[\w-]+\s+){0,2}?in\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}?(?:battle|combat)\b|\bbattl(?:e|es|ed)\s+(?:[\w'’-]+\s+){0,3}?(?:militants|fighters|rebels|insurgents|forces|troops)\b|\bkilled\s+by\s+(?:the\s+)?(?=\p{Lu})/u;

/** The joint of what followed an attack: "… in response to ship attacks", "… following an attack on Israel" (not "after striking …", the subject's own act). */
const FOLLOWED = /\b(?:in response to|in retaliation for|following|after|in the wake of)\s+(?:an?\s+|the\s+|[\p{Lu}][\p{L}.-]*['’]s\s+)?(?:[\w'’-]+\s+){0,3}?(?:attacks?|strikes?|airstrikes?|bombings?|assault|raids?|shelling)\b/u;

/**
 * A sentence that tells, before its joint, of something done after an attack with no word of an event or of harm, and names no
 * town or site ("the military reimposes the blockade in response to ship attacks"): what followed, not a report (with its town,
 * "… recaptures the town of Barah following a ground assault", the place tells the attack's).
 */
export function followsOnly(sentence: string): boolean {
  const m = FOLLOWED.exec(sentence);
  if (!m) return false;
  const before = sentence.slice(0, m.index);
  return !EVENT.test(before) && !DONE.test(before.replace(DENIED, ' '));
}

/**
 * Harm, damage or no harm told of the event just told: "four buildings are reportedly damaged in the attack", "there were no
 * casualties in the strike", "a crew member is killed in the attack", "the attack also injured civilians".
 */
const DAMAGE_TOLD = /\b(?:damaged|destroyed|set (?:on )?fire|set ablaze|caught fire|killed|injured|wounded|hurt|no\s+(?:casualties|injuries|deaths))\b[^.;]{0,40}?\b(?:in|by|from|during|as a result of)\s+(?:the|that|this)\s+(?:[\w-]+\s+){0,2}?(?:attacks?|strikes?|airstrikes?|explosions?|blasts?|shelling|bombings?|raids?|impact)\b|\b(?:the|that|this)\s+(?:attack|strike|airstrike|explosion|blast|shelling|bombing|raid)\s+(?:also\s+)?(?:killed|injured|wounded|damaged|destroyed)\b/i;

/** Whether a sentence tells only the damage of the event just told, or that it harmed no one (with `isTollAlone`'s tests). */
export function isDamageTold(sentence: string): boolean {
  return DAMAGE_TOLD.test(sentence);
}
