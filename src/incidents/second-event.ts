/**
 * A sentence that tells of two incidents: an attack and the earlier one it answered ("Iran fired
 * missiles Tuesday in retaliation for a U.S. drone strike days earlier that killed …"), an attack and
 * the one it followed or came with ("… a day after Moscow's biggest air attack of the war"), or two
 * attacks of one side on two places ("launched rockets at the Dado base and attacked the Atlit naval
 * base with drones"). Pure: where the sentence divides, and how the second event's day follows from
 * the first's.
 */
import type { Span } from '../corpus/types.js';
import { isoDay, parseIsoDay } from '../time/days.js';
import type { EventDay } from './types.js';

/** How the second event's day stands to the first's. */
export type DayRelation = 'same' | 'dayBefore' | 'dayAfter' | 'before' | 'unknown';

export interface EventClauses {
  /** The first event's words, and the second's, as offsets into the sentence. */
  first: Span;
  second: Span;
  /** The words that join them ("in retaliation for", "a day after"), offsets into the sentence. */
  joint: Span;
  relation: DayRelation;
  /** Joined by "and" (two attacks of one side): only two events when they name different places or weapons. */
  coordinate: boolean;
}

/**
 * Words that introduce a second, other event inside a sentence about the first. Each names how the
 * days stand; the event itself must follow within the clause (checked by the reader).
 */
const JOINTS: Array<[RegExp, DayRelation]> = [
  [/\bin (?:retaliation|revenge|response|reprisal) (?:for|of|to|against)\b/i, 'before'],
  [/\b(?:a|one) day (?:after|following)\b/i, 'dayBefore'],
  [/\b(?:a|one) day (?:before|ahead of)\b/i, 'dayAfter'],
  [/\bhours (?:after|following|before)\b/i, 'same'],
  [/\b(?:two|three|four|five|six|several|a few|\d+) days (?:after|following)\b/i, 'before'],
  [/\b(?:[–—-]\s*|,\s*)followed by\b/i, 'unknown'],
  [/\b(?:roughly |about |at )?(?:around )?the same time as\b/i, 'same'],
];

/** "… and attacked the Atlit naval base", ", and another official … was killed by a car bomb": a second act joined by "and". */
const AND_ACT = /(?:,\s+and|\s+and)\s+(?=(?:(?:also|then|later)\s+)?(?:attacked|struck|shelled|bombed|raided)\b|another\s+[\w\s,.'’-]{1,60}?\bwas\s+(?:shot|killed|injured|wounded)\b)/i;
/** The other event must be named soon after its joint ("in retaliation for rocket attacks"), not at the end of a story of something else ("hours after the airport resumed flights following … a previous strike"). */
const EVENT_SOON = /^[^;]{0,60}?\b(?:attacks?|strikes?|airstrikes?|air strikes?|assault|bombings?|blasts?|explosions?|shootings?|shelling|raids?|massacre|ambush\w*|bombs?|explod\w*|stabb\w*|missiles?|rockets?|drones?|shot|killed|killing|hit|struck|attacked|bombed|shelled|launched|fired)\b/i;

/** Where the sentence divides into two events, or null when it tells of at most one. */
export function eventClauses(sentence: string): EventClauses | null {
  for (const [pattern, relation] of JOINTS) {
    const m = pattern.exec(sentence);
    // The joint must leave words of an event on both sides.
    if (!m || m.index < 12 || !EVENT_SOON.test(sentence.slice(m.index + m[0].length))) continue;
    const end = clauseEnd(sentence, m.index + m[0].length);
    return { first: { start: 0, end: m.index }, second: { start: m.index, end }, joint: { start: m.index, end: m.index + m[0].length }, relation, coordinate: false };
  }
  const a = AND_ACT.exec(sentence);
  if (a && a.index >= 12) {
    const start = a.index + a[0].length;
    return { first: { start: 0, end: a.index }, second: { start, end: sentence.length }, joint: { start: a.index, end: start }, relation: 'same', coordinate: true };
  }
  return null;
}

/** The second clause ends where the speaker is named after a comma (", the U.S. military announced"), else with the sentence. */
function clauseEnd(sentence: string, from: number): number {
  const m = /,\s+(?:the\s+)?(?:[\p{Lu}][\p{L}.'’-]*\s+){0,4}(?:[\p{Ll}]+\s+){0,2}(?:said|says|announced|reported|told)\b[^,]*$/u.exec(sentence.slice(from));
  return m ? from + m.index : sentence.length;
}

/** The second event's day when its clause writes none, from the first's and how they stand; null when not known. */
export function secondEventDay(first: EventDay | null, relation: DayRelation, joint: { text: string; start: number; end: number }): EventDay | null {
  if (!first || relation === 'before' || relation === 'unknown') return null;
  const d = parseIsoDay(first.day)!;
  const day = isoDay(relation === 'dayBefore' ? d - 1 : relation === 'dayAfter' ? d + 1 : d);
  const basis = first.basis === 'published' ? 'published' : 'relative';
  return basis === 'published' && relation === 'same' ? { day, basis } : { day, basis: 'relative', span: { value: day, ...joint } };
}
