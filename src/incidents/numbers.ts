/**
 * Killed and injured figures as a sentence writes them: "killing at least 26 Palestinians",
 * "Thirty-six Palestinians are killed", "two people were killed and 13 injured", "no casualties".
 * Vague amounts ("dozens", "several") give no figure; a running total ("since Oct. 7, 314 have been
 * killed") is the caller's to rule out.
 */
import type { Span } from '../corpus/types.js';

const UNITS: Record<string, number> = {
  zero: 0, a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
};
const TENS: Record<string, number> = { twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 };

/** A number written in digits ("1,200", "44") or words ("fifty-seven", "Thirty-six", "nineteen"). */
export const NUMBER_PATTERN =
  '(?:\\d{1,3}(?:,\\d{3})+|\\d+|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|five|six|seven|eight|nine))?|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)(?:\\s+(?:hundred|thousand))?';

export function parseNumber(text: string): number | null {
  const t = text.toLowerCase().replace(/,/g, '').trim();
  const m = /^(.+?)(?:\s+(hundred|thousand))?$/.exec(t);
  if (!m) return null;
  const [, head, scale] = m;
  let n: number | undefined;
  if (/^\d+$/.test(head!)) n = Number(head);
  else if (head! in UNITS) n = UNITS[head!];
  else {
    const [tens, unit] = head!.split('-');
    if (tens! in TENS) n = TENS[tens!]! + (unit ? (UNITS[unit] ?? NaN) : 0);
  }
  if (n === undefined || Number.isNaN(n)) return null;
  return scale === 'hundred' ? n * 100 : scale === 'thousand' ? n * 1000 : n;
}

export interface Figure extends Span {
  value: number;
}

export interface Casualties {
  killed: Figure | null;
  injured: Figure | null;
}

const NUM = NUMBER_PATTERN;
const HEDGE = '(?:(?:at least|more than|over|nearly|almost|about|around|some|up to|roughly|approximately)\\s+)?';
const KILL_VERB = '(?:kill(?:s|ed|ing)?|left|leaving)';
const HURT_VERB = '(?:injur(?:e|es|ed|ing)|wound(?:s|ed|ing)?|hurt(?:ing)?)';
/** Up to five words between a number and its verb ("36 Palestinians are killed", "seven people, including …" is cut at the comma). */
const BETWEEN = `(?:(?!(?:attacks?|strikes?|airstrikes?|massacres?|bombings?|explosions?|drones?|missiles?|rockets?|shells?|raids?|killed|injured|wounded|hurt|dead|died|and|${NUMBER_PATTERN})\\b)[\\w'’.-]+\\s+){0,5}?`;
const AUX = '(?:(?:are|were|was|is|have been|has been|had been|being|been|reportedly|later|shot and|stabbed and|beaten and|found)\\s+)*';
/** ", including 10 children and three women," between a number and its verb. */
const ASIDE = "(?:[\\w'’-]+,\\s*(?:including|among them|most of them|mostly)[^,;]{0,80},\\s*)?";

/** "killing 26", "kills at least 41", "injuring thirteen". */
const VERB_THEN_NUMBER = (verb: string) => new RegExp(`\\b${verb}\\s+${HEDGE}(${NUM})\\b(?!\\s*(?:%|percent|km|miles|kilomet|meters|days|hours|years|minutes))`, 'gid');
/** "Thirty-six Palestinians are killed", "two people were injured", "10 dead". */
const NUMBER_THEN_VERB = (verb: string) => new RegExp(`(?<![\\w.,])${HEDGE}(${NUM})\\s+${BETWEEN}${ASIDE}${AUX}(?:${verb})\\b`, 'gid');
const KILLED_WORDS = '(?:killed|dead|died|slain|deaths|fatalities|kill(?:ed)?)';
const HURT_WORDS = '(?:injured|wounded|hurt|injuries)';

/** A number that is part of a date or a time ("Oct. 7", "7 a.m."), or a year, is no casualty figure. */
function isDateOrYear(sentence: string, start: number, end: number, text: string): boolean {
  const before = sentence.slice(Math.max(0, start - 6), start);
  const after = sentence.slice(end, end + 6);
  if (/\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+$/i.test(before)) return true;
  if (/^\s*(?:a\.m\.|p\.m\.|am\b|pm\b|:\d)/i.test(after)) return true;
  if (/^(?:19|20)\d\d$/.test(text)) return true;
  return /^(?:st|nd|rd|th)\b/.test(after) || /^-(?:year|day|month|week)/.test(after);
}

/** The first figure the first pattern that finds one gives: patterns go from the surest reading to the loosest. */
function firstFigure(sentence: string, patterns: RegExp[]): Figure | null {
  for (const pattern of patterns) {
    for (const m of sentence.matchAll(pattern)) {
      const [s, e] = m.indices![1]!;
      const text = m[1]!;
      if (isDateOrYear(sentence, s, e, text)) continue;
      const value = parseNumber(text);
      if (value !== null) return { start: s, end: e, value };
    }
  }
  return null;
}

/** "A paramedic is killed", "one soldier was wounded": a single person, counted. */
const ONE_PERSON = (words: string) => new RegExp(`\\b(an?|one)\\s+(?:[\\w'’-]+\\s+){1,2}(?:(?:is|was|has been|had been)\\s+)(?:${words})\\b`, 'gid');

/** "no casualties", "no one was hurt", "did not kill or wound any". */
const NONE_KILLED = /\b(?:no (?:casualties|deaths|fatalities|one was killed|reports of casualties)|(?:did not|didn't|without) (?:cause any casualties|kill)|there were no (?:deaths|casualties)|no deaths were)\b/i;
const NONE_HURT = /\b(?:no (?:casualties|injuries|one was (?:hurt|injured))|(?:did not|didn't) (?:cause any casualties|kill or wound|wound)|there were no casualties|(?:were|are) (?:reported )?safe)\b/i;

/** The patterns, compiled once: most sentences a corpus holds reach this function. */
const KILLED_PATTERNS = [VERB_THEN_NUMBER(KILL_VERB), NUMBER_THEN_VERB(KILLED_WORDS), ONE_PERSON('killed|dead|died')];
const INJURED_PATTERNS = [VERB_THEN_NUMBER(HURT_VERB), NUMBER_THEN_VERB(HURT_WORDS), ONE_PERSON('injured|wounded|hurt')];
/** Every pattern needs one of these words: a sentence without any has no figure (one test instead of eight). */
const TOLL_WORD = /kill|dead|died|slain|death|fatalit|injur|wound|hurt|casualt|safe/i;
/** The words every killed pattern needs one of, and every injured one: a list is tried only on a sentence with one of its words. */
const KILLED_WORD = /kill|left|leaving|dead|died|slain|death|fatalit/i;
const INJURED_WORD = /injur|wound|hurt/i;
const NO_CASUALTIES: Casualties = Object.freeze({ killed: null, injured: null }) as Casualties;

export function findCasualties(sentence: string): Casualties {
  if (!TOLL_WORD.test(sentence)) return { ...NO_CASUALTIES };
  let killed = KILLED_WORD.test(sentence) ? firstFigure(sentence, KILLED_PATTERNS) : null;
  let injured = INJURED_WORD.test(sentence) ? firstFigure(sentence, INJURED_PATTERNS) : null;
  // "left 1,200 people dead" reads as killed only when "dead" follows; "left" alone is not a verb of killing.
  if (killed && /\b(?:left|leaving)\s+$/i.test(sentence.slice(Math.max(0, killed.start - 20), killed.start).replace(/(?:at least|more than|over|nearly|about|some)\s+$/i, '')) && !/\bdead\b/i.test(sentence.slice(killed.end, killed.end + 60))) killed = null;
  if (injured && killed && injured.start === killed.start) {
    // One number read both ways ("two killed and injured"): keep it where its own verb is nearer.
    injured = null;
  }
  if (!killed) {
    const none = NONE_KILLED.exec(sentence);
    if (none) killed = { start: none.index, end: none.index + none[0].length, value: 0 };
  }
  if (!injured) {
    const none = NONE_HURT.exec(sentence);
    if (none) injured = { start: none.index, end: none.index + none[0].length, value: 0 };
  }
  return { killed, injured };
}
