/**
 * Candidate answer spans inside one sentence, for the learned span selector: the hand rules' spans of
 * the question's type (spans.ts), and every run of up to MAX_SPAN_WORDS words that neither crosses a
 * clause mark (; : brackets, quotes, dashes) nor starts or ends on a function word. Names, numbers
 * with their noun and dates are all such runs; reason and definition clauses come from the rules.
 * Pure functions over one sentence.
 */
import { endPastInitialism, tokenize, type Token } from '../store/analyze.js';
import type { Question } from './question.js';
import { answerSpans, type AnswerSpan, type WordSimilarity } from './spans.js';

/** Longest word run taken as a candidate: SQuAD's gold answers are 3 words on average, 95% within 8. */
export const MAX_SPAN_WORDS = 8;

/** Words a span never starts or ends on (articles may start one: answers are compared without them). */
const FUNCTION_WORDS = new Set([
  'a', 'an', 'and', 'or', 'but', 'nor', 'of', 'to', 'in', 'on', 'at', 'by', 'for', 'with', 'from', 'as', 'into', 'onto',
  'is', 'was', 'are', 'were', 'be', 'been', 'being', 'has', 'have', 'had', 'do', 'does', 'did', 'that', 'which', 'who',
  'whom', 'whose', 'its', 'it', 'this', 'these', 'those', 'than', 'then', 'there', 'their', 'his', 'her', 'he', 'she',
  'they', 'we', 'not', 'also', 'would', 'will', 'can', 'could', 'should', 'may', 'said', 'says', 'if', 'so', 'while',
  'near', 'since', 'after', 'before', 'during', 'until', 'against', 'between', 'through', 'across', 'via', 'per', 'when',
  'where', 'because', 'although', 'about', 'over', 'under', 'toward', 'towards', 'around',
]);
/** "at least 13", "at most 40": a span may start on "at" before these, never on them. */
const AFTER_AT = /^(least|most)$/i;
/** Qualifiers that may open a quantity though they are function words ("around 280", "about 40"). */
const QUALIFIER = /^(around|about|over|under)$/i;
/** Leading words a span may start on though they are function words. */
const LEADING_OK = new Set(['the', 'a', 'an']);
/** Marks between two words that close a clause: a span never crosses one (commas may be crossed: "Denver, Colorado"). */
const CLAUSE_MARK = /[;:()[\]{}"“”—–]|\s-\s|\.\s/;

export interface SpanCandidate {
  /** Offsets into the sentence, and the word range [from, to] of its tokens. */
  start: number;
  end: number;
  from: number;
  to: number;
  text: string;
  /** The hand rules' score of this exact span (null when no rule gives it), and whether it is their first choice. */
  handScore: number | null;
  handTop: boolean;
}

/** Sentence, tokens and the hand rules' spans: what both candidates and features are read from. */
export interface SpanContext {
  sentence: string;
  tokens: Token[];
  q: Question;
  /** The hand rules' spans, best first. */
  hand: AnswerSpan[];
}

export function spanContext(
  sentence: string,
  q: Question,
  options: { similarity: WordSimilarity; reference?: Date; tokens?: Token[]; hand?: AnswerSpan[] },
): SpanContext {
  const tokens = options.tokens ?? tokenize(sentence);
  const hand = options.hand ?? (q.type === 'other' ? [] : answerSpans(sentence, q, { similarity: options.similarity, reference: options.reference, tokens }));
  return { sentence, tokens, q, hand };
}

/** The token range a span of offsets covers (first token ending after its start, last starting before its end). */
function tokenRange(tokens: Token[], start: number, end: number): { from: number; to: number } | null {
  let from = -1;
  let to = -1;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.end > start && t.start < end) {
      if (from < 0) from = i;
      to = i;
    }
  }
  return from < 0 ? null : { from, to };
}

/** Every candidate span of a sentence, the hand rules' own first; each offset pair once. */
export function spanCandidates(ctx: SpanContext): SpanCandidate[] {
  const { sentence, tokens, hand } = ctx;
  const out: SpanCandidate[] = [];
  const seen = new Map<string, SpanCandidate>();
  const add = (start: number, end: number, from: number, to: number, handScore: number | null, handTop: boolean) => {
    const key = `${start}:${end}`;
    const known = seen.get(key);
    if (known) {
      if (handScore !== null && (known.handScore === null || handScore > known.handScore)) known.handScore = handScore;
      known.handTop ||= handTop;
      return;
    }
    const c = { start, end, from, to, text: sentence.slice(start, end), handScore, handTop };
    seen.set(key, c);
    out.push(c);
  };
  hand.forEach((s, i) => {
    const range = tokenRange(tokens, s.start, s.end);
    if (range) add(s.start, s.end, range.from, range.to, s.score, i === 0);
  });
  const breaks = tokens.map((t, i) => (i + 1 < tokens.length ? CLAUSE_MARK.test(sentence.slice(t.end, tokens[i + 1]!.start)) : true));
  const bad = (t: Token) => FUNCTION_WORDS.has(t.word.toLowerCase());
  const isNumber = (t: Token | undefined) => t !== undefined && /^\d|^(one|two|three|four|five|six|seven|eight|nine|ten|dozens|hundreds|thousands)$/i.test(t.word);
  const opens = (a: number) => {
    const t = tokens[a]!;
    if (AFTER_AT.test(t.word) && /^at$/i.test(tokens[a - 1]?.word ?? '')) return false;
    if (/^at$/i.test(t.word)) return AFTER_AT.test(tokens[a + 1]?.word ?? '');
    if (QUALIFIER.test(t.word)) return isNumber(tokens[a + 1]);
    return !bad(t) || LEADING_OK.has(t.word.toLowerCase());
  };
  for (let a = 0; a < tokens.length; a++) {
    if (!opens(a)) continue;
    for (let b = a; b < Math.min(tokens.length, a + MAX_SPAN_WORDS); b++) {
      const last = tokens[b]!;
      if (!bad(last) && !LEADING_OK.has(last.word.toLowerCase()) && !AFTER_AT.test(last.word)) add(tokens[a]!.start, endPastInitialism(sentence, last.end), a, b, null, false);
      if (breaks[b]) break;
    }
  }
  return out;
}
