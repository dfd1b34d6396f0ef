/**
 * What a question asks for: its answer type, its weighted terms, the noun a "how many" counts, the
 * dates it names, and which of its words are names (never expanded).
 */
import * as chrono from 'chrono-node';
import { QUESTION_WORDS, tokenize, type Token } from '../store/analyze.js';
import type { QuestionTime } from '../time/question-time.js';

/**
 * `name`: a named thing of no kind above ("which submarine", "which operation"); `definition`: what a
 * named thing is ("What is the Islamic Resistance in Iraq?"); `reason`: why ("in response to …").
 */
export type AnswerType = 'quantity' | 'date' | 'actor' | 'place' | 'name' | 'definition' | 'reason' | 'other';

/** A calendar day named by a question or a sentence; parts it leaves open are undefined. */
export interface DayRef {
  year?: number;
  month?: number;
  day?: number;
}

export interface Question {
  text: string;
  type: AnswerType;
  tokens: Token[];
  /** Index terms of the question's content words, unique, in order. */
  terms: string[];
  /** The noun a quantity question counts ("attacks" in "how many attacks"), when there is one. */
  focus: Token | null;
  /** The words a which/what question names its answer's kind by ("village" in "which Polish village…"). */
  asked: Token[];
  /** Terms of words written with a capital inside the question: names, which expansion leaves alone. */
  names: Set<string>;
  dates: DayRef[];
  /** The period it asks about and its recency intent, read against its as-of day (null when not read). */
  time: QuestionTime | null;
}

/** "which Ukrainian city", "what kind of": up to two words between the question word and its noun. */
const WHICH = String.raw`\b(?:what|which)\s+(?:[\p{L}'’.-]+\s+){0,2}?`;
const PLACE_NOUNS = 'city|cities|town|towns|province|provinces|country|countries|base|bases|region|regions|village|villages|area|areas|place|places|location|locations|airport|suburb|suburbs|neighbou?rhood|district|state|county|island|port|capital|border|site|sites';
const ACTOR_NOUNS = "groups?|organi[sz]ations?|militias?|factions?|movements?|officials?|agency|agencies|army|armies|force|forces|ministry|ministries|countries'|country's|leaders?|president|commander|rebels?|party|parties|militants?";

/**
 * "What is the Islamic Resistance in Iraq?", "Who is Antony Blinken?": the whole question asks what a
 * name is. "Who is the President of Egypt?" asks for a person instead.
 */
const DEFINITION = /^\W*(?:[Ww]hat\s+(?:is|are|was|were)\s+(?:the\s+)?|[Ww]ho\s+(?:is|are|was|were)\s+)\p{Lu}[\p{L}\d'’.-]*(?:\s+(?:of|in|for|and|the|al|de|(?:al-|el-)?\p{Lu}[\p{L}\d'’.-]*))*\s*\?*\s*$/u;

const TYPE_RULES: [RegExp, AnswerType][] = [
  [DEFINITION, 'definition'],
  [/\bwhy\b|\bfor what reason\b|\bwhat (?:was|is|were) the (?:reason|motive)s?\b/i, 'reason'],
  [/\bhow (many|much)\b|\bnumber of\b|\b(death|casualty) toll\b|\btoll\b|\b(total|count|tally|figure)s? (of|for)\b|\bhow (large|big|long|far)\b/i, 'quantity'],
  [/\bwhen\b|\bwhat (day|date|time|year|month)\b|\bwhich (day|date|year|month)\b|\bsince when\b/i, 'date'],
  [new RegExp(String.raw`\bwhere\b|${WHICH}(?:${PLACE_NOUNS})\b`, 'iu'), 'place'],
  [new RegExp(String.raw`\bwho(?:m|se)?\b|${WHICH}(?:${ACTOR_NOUNS})\b`, 'iu'), 'actor'],
  // "Which submarine was hit?": a name is wanted, though not a person's or a place's.
  [/^\W*(?:which|what\s+(?:was|is)\s+the\s+name\s+of)\b/i, 'name'],
];

/**
 * The type of the question's first asking phrase: in "Which city lost 70 soldiers when shelling hit
 * its base?" the "when" joins two clauses and asks nothing; in "Since Oct. 17, how many attacks…?"
 * the asking starts late. Earlier rules win a tie.
 */
export function answerTypeOf(text: string): AnswerType {
  let best: { at: number; type: AnswerType } | null = null;
  for (const [pattern, type] of TYPE_RULES) {
    const m = pattern.exec(text);
    if (m && (best === null || m.index < best.at)) best = { at: m.index, type };
  }
  return best?.type ?? 'other';
}

/** Month/day/year that chrono-node finds certain in a text (relative phrases resolved against `reference`). */
export function daysIn(text: string, reference?: Date): (DayRef & { index: number; text: string })[] {
  return chrono.parse(text, reference ?? new Date()).map((r) => ({
    index: r.index,
    text: r.text,
    year: r.start.isCertain('year') ? r.start.get('year') ?? undefined : undefined,
    month: r.start.isCertain('month') ? r.start.get('month') ?? undefined : undefined,
    day: r.start.isCertain('day') ? r.start.get('day') ?? undefined : undefined,
  }));
}

/** Two day references agree when every part both of them know is equal, and they share at least month and day. */
export function sameDay(a: DayRef, b: DayRef): boolean {
  if (a.month === undefined || b.month === undefined || a.day === undefined || b.day === undefined) return false;
  if (a.year !== undefined && b.year !== undefined && a.year !== b.year) return false;
  return a.month === b.month && a.day === b.day;
}

/** The words that only say "a date is wanted" ("on what day", "which year"): not content to match. */
const DATE_ASKING = /\b(what|which)\s+(day|date|time|year|month)\b/gi;

/**
 * "Was anyone hurt?", "Did anybody claim it?": the pronoun stands for the answer and is never written
 * in it ("two guards were wounded", "no casualties"), so it is no term to match.
 */
const INDEFINITE_PRONOUNS = ['anyone', 'anybody', 'anything', 'someone', 'somebody'];
/** The words a question is tokenised without: the store's question words and the pronouns above. */
const ASKING_WORDS: ReadonlySet<string> = new Set([...QUESTION_WORDS, ...INDEFINITE_PRONOUNS]);

/** Replaces the given ranges by spaces, so offsets still point into the text. */
function blank(text: string, ranges: readonly { start: number; end: number }[]): string {
  let out = text;
  for (const r of ranges) out = out.slice(0, r.start) + ' '.repeat(r.end - r.start) + out.slice(r.end);
  return out;
}

/** "Was anyone hurt …?", "Did the strike hit …?": asked to be settled, not for words to mark. */
const YES_NO = /^\s*(?:is|are|was|were|did|does|do|has|have|had|can|could|will|would|should)\b(?![^?]*\b(?:who|what|which|where|when|how|why)\b)/i;

/** Whether the question's answer is a name: an actor, a place or a named thing. */
export function wantsName(q: Pick<Question, 'type'>): boolean {
  return q.type === 'actor' || q.type === 'place' || q.type === 'name';
}

/** Whether the question asks yes or no: its quote settles it, and no words of it are the answer. */
export function isYesNoQuestion(text: string): boolean {
  return YES_NO.test(text);
}

export function parseQuestion(text: string, time: QuestionTime | null = null, now?: Date): Question {
  const type = answerTypeOf(text);
  // Words of recency and relative periods ("latest", "this week") say when, not what: they are no terms.
  // Blank out rather than delete, so token offsets still point into the question.
  const timeless = blank(text, time?.timeWords ?? []);
  const content = type === 'date' ? timeless.replace(DATE_ASKING, (m) => ' '.repeat(m.length)) : timeless;
  const tokens = tokenize(content, ASKING_WORDS).map((t) => ({ ...t, word: text.slice(t.start, t.end) }));
  const terms: string[] = [];
  const names = new Set<string>();
  tokens.forEach((t, i) => {
    if (t.term === null) return;
    if (!terms.includes(t.term)) terms.push(t.term);
    // A capital after the first word marks a name ("Kirkuk", "US"); the first word is capitalised anyway.
    if (i > 0 && /^\p{Lu}/u.test(t.word)) names.add(t.term);
  });
  const asked = askedWords(timeless).filter((t) => !names.has(t.term!));
  return { text, type, tokens, terms, focus: type === 'quantity' ? focusOf(timeless) : null, asked, names, dates: daysIn(timeless, now), time };
}

/** Where the counted noun phrase ends: a verb of the question or a preposition. */
const PHRASE_END = /^(?:have|has|had|were|was|are|is|did|do|does|been|be|will|since|in|on|at|by|from|during|after|before|per|according|so|until|across|near|inside|outside|this|last|that|who|which)$/i;

/**
 * The noun counted after "how many/much" or "number of": the head of its noun phrase, its last word
 * ("troops" in "how many American troops have died"), at most three words in.
 */
function focusOf(text: string): Token | null {
  const m = /\b(?:how (?:many|much)|number of|(?:total|count|tally|figure)s? (?:of|for))\s+(.*)$/i.exec(text);
  if (!m) return null;
  const offset = m.index + m[0].length - m[1]!.length;
  const phrase: Token[] = [];
  for (const t of tokenize(m[1]!, QUESTION_WORDS)) {
    if (PHRASE_END.test(t.word) || phrase.length === 3) break;
    if (t.term !== null) phrase.push({ ...t, start: t.start + offset, end: t.end + offset });
  }
  return phrase.at(-1) ?? null;
}

/** "what kind of", "which type of": words before the noun that name no kind themselves. */
const KIND_OF = /^(?:kind|kinds|type|types|sort|sorts|form|forms)$/i;

/**
 * The words after "which" or "what" up to the question's verb, at most three: the kind of thing asked
 * for, which an answer sentence names beside its answer ("the village of X", "reactor No. 1"). None
 * when a verb follows at once ("what was hit"). A verb the phrase runs into ("which group led…") stays:
 * the answer stands beside it too ("led by X").
 */
function askedWords(text: string): Token[] {
  const m = /\b(?:which|what)\s+(.*)$/i.exec(text);
  if (!m) return [];
  const offset = m.index + m[0].length - m[1]!.length;
  const words: Token[] = [];
  let tokens = tokenize(m[1]!, QUESTION_WORDS);
  if (tokens.length > 1 && KIND_OF.test(tokens[0]!.word) && /^of$/i.test(tokens[1]!.word)) tokens = tokens.slice(2);
  for (const t of tokens) {
    if (t.term === null || PHRASE_END.test(t.word) || words.length === 3) break;
    words.push({ ...t, start: t.start + offset, end: t.end + offset });
  }
  return words;
}
