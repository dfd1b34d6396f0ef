/**
 * Answer spans that are phrases rather than names or numbers: a time of day, a person named by role,
 * what a named thing is, the reason clause, and where a sentence names the kind a which-question asks for. Pure functions over one sentence, beside `spans.ts`.
 */
import { tokenize, type Token } from '../store/analyze.js';
import type { Question } from './question.js';
import type { AnswerSpan } from './spans.js';

export const PERSON_TITLES = /^(president|minister|secretary|general|spokesman|spokeswoman|commander|official|leader|chief|colonel|major|king|prince)$/i;

/**
 * A question word outside names, standing in the sentence: its relation ("claimed", "told"), beside
 * which the answer stands.
 */
export function isRelation(t: Token | undefined, q: Question): boolean {
  return t?.term != null && q.terms.includes(t.term) && !q.names.has(t.term) && !/^\p{Lu}/u.test(t.word);
}

/** "What time…", "at what hour…": a time of day is wanted, not only a day. */
export const ASKS_TIME = /\b(?:what|which)\s+(?:time|hour)\b/i;
const CLOCK_TIME = /\b(?:\d{1,2}(?::\d\d)?\s*(?:a\.m\.|p\.m\.|am\b|pm\b)|\d{1,2}:\d\d\b|noon\b|midnight\b)/gi;

/** Times of day ("2 p.m.", "21:30", "midnight"), for questions that ask what time. */
export function clockSpans(sentence: string): AnswerSpan[] {
  return [...sentence.matchAll(CLOCK_TIME)].map((m) => ({ start: m.index!, end: m.index! + m[0].length, text: m[0], score: 1 }));
}

/** People named by their role, not their name: "the official", "a US military official", "witnesses". */
const ROLES = /^(?:officials?|spokes(?:man|men|woman|women|person)|commanders?|officers?|diplomats?|witness(?:es)?|residents?|sources?|minister|analysts?|investigators?|medics?|doctors?|survivors?)$/i;
/** How far after a role the question's verb may stand: "the official who spoke on condition of anonymity told AFP". */
const ROLE_REACH = 8;

/** Actors named by their role, with the words before it that qualify it ("a US military official"), for who-questions. */
export function roleSpans(sentence: string, tokens: Token[], q: Question): AnswerSpan[] {
  const asked = new Set(q.terms);
  const spans: AnswerSpan[] = [];
  tokens.forEach((t, i) => {
    if (!ROLES.test(t.word) || (t.term !== null && asked.has(t.term))) return;
    let from = i;
    // Its qualifiers: up to three words back to an article ("a US military official", "the official").
    for (let j = i - 1; j >= Math.max(0, i - 3); j--) {
      if (/^(?:the|a|an)$/i.test(tokens[j]!.word)) {
        from = j;
        break;
      }
      if (tokens[j]!.term === null || !/^\s+$/.test(sentence.slice(tokens[j]!.end, tokens[j + 1]!.start))) break;
      from = j;
    }
    let score = 0.5;
    for (let k = i + 1; k <= Math.min(tokens.length - 1, i + ROLE_REACH); k++) if (isRelation(tokens[k], q)) score += 0.3;
    const start = tokens[from]!.start;
    spans.push({ start, end: t.end, text: sentence.slice(start, t.end), score: Math.min(0.9, score) / 1.1 });
  });
  return spans;
}

/** What follows a name to say what it is: "X, which …, is a loose alliance of …", "X is a …". */
const COPULA_DEFINITION = /^\s*(?:,\s*(?:which|who)\b[^,]{0,200},)?\s*(?:is|are|was|were)\s+((?:a|an|the|one)\s+[^,.;:]{1,160})/i;
/** An apposition: "X, a militia based in …,", "X, the coalition of …". */
const APPOSITION = /^\s*,\s*((?:a|an|the)\s+[^,.;:]{1,160})/i;
/** An apposition that is someone's words, not what the name is: "in western Iraq, the official … told AFP". */
const REPORTING = /\b(?:said|says|say|told|tells|added|adds|according|reported|stated|announced|spoke)\b/i;
const DEFINITION_WORDS = 20;

/**
 * The phrase that says what the question's name is: after the name ("X, which …, is a loose alliance
 * of …", "X, a militia …"), or the title before a person's name ("Iraqi Prime Minister X").
 */
export function definitionSpans(sentence: string, tokens: Token[], q: Question): AnswerSpan[] {
  if (q.names.size === 0) return [];
  const spans: AnswerSpan[] = [];
  const named = (k: number) => tokens[k]?.term != null && q.names.has(tokens[k]!.term!);
  tokens.forEach((t, i) => {
    if (!named(i) || named(i - 1)) return;
    let from = i;
    // Back over capitalised words, and "of" between two of them ("Secretary of State").
    const titleWord = (k: number) => /^\p{Lu}/u.test(tokens[k]!.word) || (/^of$/.test(tokens[k]!.word) && k > 0 && /^\p{Lu}/u.test(tokens[k - 1]!.word));
    while (from > 0 && i - from < 5 && titleWord(from - 1) && /^\s+$/.test(sentence.slice(tokens[from - 1]!.end, tokens[from]!.start))) from--;
    const title = tokens.slice(from, i);
    if (title.some((w) => PERSON_TITLES.test(w.word))) {
      spans.push({ start: title[0]!.start, end: title.at(-1)!.end, text: sentence.slice(title[0]!.start, title.at(-1)!.end), score: 0.8 });
    }
  });
  tokens.forEach((t, i) => {
    if (t.term === null || !q.names.has(t.term) || (tokens[i + 1]?.term != null && q.names.has(tokens[i + 1]!.term!))) return;
    const rest = sentence.slice(t.end, t.end + 400);
    const apposition = APPOSITION.exec(rest);
    const m = COPULA_DEFINITION.exec(rest) ?? (apposition && !REPORTING.test(apposition[1]!) ? apposition : null);
    if (!m) return;
    const words = m[1]!.trim().split(/\s+/).slice(0, DEFINITION_WORDS).join(' ');
    const start = t.end + m.index + m[0].indexOf(m[1]!);
    spans.push({ start, end: start + words.length, text: words, score: m[0].includes(',') && !/\b(?:is|are|was|were)\s/i.test(m[0]) ? 0.8 : 1 });
  });
  return spans;
}

/** Words that open a reason: "in response to …", "because …", "in retaliation for …". */
const REASON =
  /\b(?:in (?:response|reaction|reply) to|in retaliation (?:for|against)|in (?:revenge|reprisal) for|as (?:retaliation|revenge|a reprisal) for|in protest (?:at|against|over)|because(?: of)?|due to|as a result of|owing to|to avenge|so as to|in order to|after|following)\b/gi;
const REASON_WORDS = 20;
/** "after …", "following …": most often a reason in a report ("closed after a drone struck it"), but at times only a time. */
const WEAK_REASON = 0.6;

/**
 * Share of its score a reason clause loses when every word after its opener is the question's own: a
 * reason repeats little of what it explains, so "in retaliation for the attacks", asked "Why did the
 * group attack?", explains something else (here the other side's strikes).
 */
export const REASON_REPEAT_COST = 0.2;

/** Share of the clause's words after its opener that are question terms (names included). */
function repeatedShare(clause: string, q: Question): number {
  const terms = tokenize(clause).filter((t) => t.term !== null);
  if (terms.length === 0) return 0;
  return terms.filter((t) => q.terms.includes(t.term!)).length / terms.length;
}

/** Reason clauses, from the word that opens them to the next comma or stop; with the question, scored down by the words they repeat of it. */
export function reasonSpans(sentence: string, q?: Question): AnswerSpan[] {
  return [...sentence.matchAll(REASON)].map((m) => {
    const start = m.index!;
    const clause = /^[^,.;:]*/.exec(sentence.slice(start))![0];
    const text = clause.trim().split(/\s+/).slice(0, REASON_WORDS).join(' ');
    const kind = /^(?:in order|so as)/i.test(text) ? 0.7 : /^(?:after|following)/i.test(text) ? WEAK_REASON : 1;
    const repeated = q ? repeatedShare(text.slice(m[0].length), q) : 0;
    return { start, end: start + text.length, text, score: kind * (1 - REASON_REPEAT_COST * repeated) };
  });
}

/** Words between a kind and its name that name it ("the village of X", "led by X", "codenamed it X"), unlike "a base in X". */
const NAMING_GAP = /^(?:of|by|called|named|dubbed|it|as)$/i;

/**
 * Positions of the capitalised words that stand right beside one of a which/what question's asked
 * words, or one function word away ("the village of X", "X neighbourhood", "reactor No. 1", "led by
 * X", "codenamed it X"), and that the question does not give: where a sentence names what is asked.
 */
export function besideAsked(tokens: Token[], q: Question): Set<number> {
  const beside = new Set<number>();
  if (q.asked.length === 0) return beside;
  const asked = new Set(q.asked.map((t) => t.term));
  const given = new Set(q.terms);
  const nameAt = (j: number) => {
    const w = tokens[j];
    return j > 0 && w !== undefined && /^\p{Lu}/u.test(w.word) && !(w.term !== null && given.has(w.term));
  };
  tokens.forEach((t, i) => {
    if (t.term === null || !asked.has(t.term)) return;
    for (const d of [-1, 1]) {
      if (nameAt(i + d)) beside.add(i + d);
      else if (NAMING_GAP.test(tokens[i + d]?.word ?? '') && nameAt(i + 2 * d)) beside.add(i + 2 * d);
    }
  });
  return beside;
}
