/**
 * Answer spans: the words inside a sentence that answer the question's type — a quantity tied to the
 * counted noun, a date, a named actor, a place. Pure functions over one sentence.
 */
import { numberWordValue, tokenize, type Token } from '../store/analyze.js';
import { daysIn, type Question } from './question.js';

export interface AnswerSpan {
  start: number;
  end: number;
  text: string;
  /** 0..1: how well the span fits the question. */
  score: number;
}

/** How alike two words are, 0..1 (1 for the same index term); word vectors supply it when loaded. */
export type WordSimilarity = (a: Token, b: Token) => number;

const MONTH_NAMES =
  /^(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?)$/i;
const WEEKDAYS = /^(monday|tuesday|wednesday|thursday|friday|saturday|sunday)$/i;
const QUALIFIER =
  /(?:at least|more than|less than|fewer than|up to|as many as|nearly|almost|about|around|over|some|roughly|approximately|only|exactly)\s+$/i;
const VAGUE_QUANTITIES = new Set(['dozens', 'hundreds', 'thousands', 'scores', 'several', 'dozen', 'millions']);
const CONNECTORS = new Set(['of', 'in', 'for', 'the', 'al', 'el', 'bin', 'ibn', 'de', 'and']);
const ORG_HEADS =
  /^(group|resistance|brigades?|command|forces|army|ministry|council|party|movement|front|organi[sz]ation|agency|guards?|militia|committee|government|coalition|department|office|state|authority|pentagon|military|navy|police|battalion|corps|hezbollah|hamas|houthis?)$/i;
const PERSON_TITLES = /^(president|minister|secretary|general|spokesman|spokeswoman|commander|official|leader|chief|colonel|major|king|prince)$/i;
const PLACE_HEADS = /^(province|base|airbase|city|town|village|governorate|camp|airport|region|district|border|island|strip|bank|port)$/i;
const PLACE_PREPOSITIONS = /^(in|at|near|from|across|outside|inside|into|around|towards?)$/i;

const isNumberWord = (t: Token): boolean =>
  /^\d/.test(t.word) || numberWordValue(t.word) !== null || VAGUE_QUANTITIES.has(t.word.toLowerCase());

/** Quantities: numbers with their qualifier and, when it follows, the counted noun. */
function quantitySpans(sentence: string, tokens: Token[], q: Question, similarity: WordSimilarity): AnswerSpan[] {
  const asked = new Set(q.tokens.map((t) => t.term).filter((t): t is string => t !== null));
  const spans: AnswerSpan[] = [];
  tokens.forEach((t, i) => {
    if (!isNumberWord(t)) return;
    const prev = tokens[i - 1]?.word ?? '';
    const next = tokens[i + 1]?.word ?? '';
    // Part of a date ("October 17", "17 October"), a year, or a compound ("one-way"): no count.
    if (MONTH_NAMES.test(prev) || MONTH_NAMES.test(next) || /^(19|20)\d\d$/.test(t.word)) return;
    if (sentence[t.end] === '-' && /\p{L}/u.test(sentence[t.end + 1] ?? '')) return;
    if (t.term !== null && asked.has(t.term)) return;
    let start = t.start;
    const qualifier = QUALIFIER.exec(sentence.slice(Math.max(0, start - 20), start));
    if (qualifier) start -= qualifier[0].length;
    // The counted noun: the first content word within three words after the number.
    let end = t.end;
    let fit = 0;
    for (let j = i + 1; j <= i + 3 && j < tokens.length; j++) {
      const w = tokens[j]!;
      if (w.term === null) continue;
      const sim = q.focus ? similarity(w, q.focus) : 0;
      if (sim > fit) {
        fit = sim;
        end = w.end;
      }
      if (j === i + 1 && !q.focus) end = w.end;
    }
    const weak = t.word.toLowerCase() === 'one' ? 0.6 : 1;
    spans.push({ start, end, text: sentence.slice(start, end), score: weak * (0.5 + 0.5 * fit) });
  });
  return spans;
}

/** Dates chrono-node can read, and bare weekdays ("on Sunday"). */
function dateSpans(sentence: string, reference: Date | undefined): AnswerSpan[] {
  return daysIn(sentence, reference).map((d) => ({
    start: d.index,
    end: d.index + d.text.length,
    text: d.text,
    score: d.month !== undefined && d.day !== undefined ? 1 : d.year !== undefined || d.month !== undefined ? 0.8 : 0.6,
  }));
}

/** Runs of capitalised words, joined by small connectors ("Islamic Resistance in Iraq", "Hashed al-Shaabi"). */
function nameRuns(tokens: Token[]): { from: number; to: number }[] {
  const runs: { from: number; to: number }[] = [];
  let i = 0;
  while (i < tokens.length) {
    if (!/^\p{Lu}/u.test(tokens[i]!.word) || (i === 0 && /^(the|a|an|in|on|at)$/i.test(tokens[i]!.word))) {
      i++;
      continue;
    }
    let to = i;
    let j = i + 1;
    while (j < tokens.length) {
      const w = tokens[j]!.word;
      if (/^\p{Lu}/u.test(w)) to = j;
      else if (!CONNECTORS.has(w.toLowerCase())) break;
      j++;
    }
    runs.push({ from: i, to });
    i = to + 1;
  }
  return runs;
}

/** Named actors or places, scored by their head words and how close they stand to the question's words. */
function nameSpans(sentence: string, tokens: Token[], q: Question, kind: 'actor' | 'place'): AnswerSpan[] {
  const asked = new Set(q.terms);
  const matched = tokens.map((t, i) => (t.term !== null && asked.has(t.term) ? i : -1)).filter((i) => i >= 0);
  const spans: AnswerSpan[] = [];
  for (const { from, to } of nameRuns(tokens)) {
    const words = tokens.slice(from, to + 1);
    const named = words.filter((w) => /^\p{Lu}/u.test(w.word));
    if (named.every((w) => w.term === null || asked.has(w.term))) continue;
    if (named.every((w) => MONTH_NAMES.test(w.word) || WEEKDAYS.test(w.word))) continue;
    const head = words[words.length - 1]!.word;
    const before = tokens[from - 1]?.word ?? '';
    let score = 0.5;
    if (kind === 'actor') {
      if (words.some((w) => ORG_HEADS.test(w.word)) || PERSON_TITLES.test(before) || words.some((w) => PERSON_TITLES.test(w.word))) score += 0.3;
      if (words.length > 1) score += 0.1;
    } else {
      if (PLACE_HEADS.test(head) || PLACE_HEADS.test(tokens[to + 1]?.word ?? '')) score += 0.3;
      if (PLACE_PREPOSITIONS.test(before)) score += 0.2;
      if (words.some((w) => ORG_HEADS.test(w.word))) score -= 0.2;
    }
    // Near the question's own words ("X claimed", "claimed by X").
    const distance = Math.min(...matched.map((m) => (m < from ? from - m : m > to ? m - to : 0)), 99);
    score += distance <= 2 ? 0.2 : distance <= 5 ? 0.1 : 0;
    const start = words[0]!.start;
    const end = words[words.length - 1]!.end;
    spans.push({ start, end, text: sentence.slice(start, end), score: Math.min(1, score) });
  }
  return spans;
}

/** Every span of the question's type in `sentence`, best first. */
export function answerSpans(
  sentence: string,
  q: Question,
  options: { similarity: WordSimilarity; reference?: Date },
): AnswerSpan[] {
  const tokens = tokenize(sentence);
  let spans: AnswerSpan[];
  switch (q.type) {
    case 'quantity':
      spans = quantitySpans(sentence, tokens, q, options.similarity);
      break;
    case 'date':
      spans = dateSpans(sentence, options.reference);
      break;
    case 'actor':
    case 'place':
      spans = nameSpans(sentence, tokens, q, q.type);
      break;
    default:
      spans = [];
  }
  return spans.sort((a, b) => b.score - a.score);
}

/** Exact-term similarity, used when no word vectors are loaded. */
export const sameTerm: WordSimilarity = (a, b) => (a.term !== null && a.term === b.term ? 1 : 0);
