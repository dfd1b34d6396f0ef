/**
 * The features the learned span selector reads for each candidate span (span-candidates.ts): its
 * length and place, its shape (capitals, digits, a date), whether it repeats the question's words
 * (answers rarely do) and how far it stands from the ones the sentence matches (answers stand beside
 * them), the words just outside it, the hand rules' own choice and score, and the shapes crossed with
 * what the question asks (a date fits "when", a number "how many", a name "who"). Pure functions.
 */
import type { Token } from '../store/analyze.js';
import type { SpanCandidate, SpanContext } from './span-candidates.js';

/** What a question asks for, finer than its answer type: SQuAD's "what" and "which" questions are typed `other` or `name`. */
export const ASKS = ['quantity', 'date', 'who', 'where', 'which', 'what', 'reason', 'definition', 'how', 'other'] as const;
export type Asks = (typeof ASKS)[number];

/** The class of the question's first asking word, its answer type first. */
export function asksOf(ctx: SpanContext['q']): Asks {
  switch (ctx.type) {
    case 'quantity':
    case 'date':
    case 'reason':
    case 'definition':
      return ctx.type;
    case 'actor':
      return 'who';
    case 'place':
      return 'where';
    case 'name':
      return 'which';
    default: {
      const m = /\b(what|which|how|who|whom|whose|where|when|why)\b/i.exec(ctx.text)?.[1]?.toLowerCase();
      if (m === 'what' || m === 'which') return m;
      if (m === 'how') return 'how';
      return 'other';
    }
  }
}

const SHAPES = ['number', 'date', 'capitalised', 'lower', 'long', 'hand'] as const;

const BASE_FEATURES = [
  'words_1', 'words_2', 'words_3', 'words_4', 'words_5_6', 'words_7_plus', 'log_words',
  'question_word_share', 'has_question_word', 'all_question_words',
  'near_question_word', 'question_words_left', 'question_words_right', 'question_word_before', 'question_word_after',
  'position', 'at_start', 'at_end',
  'capitalised_share', 'first_capitalised', 'last_capitalised', 'has_digit', 'number_head', 'year', 'month', 'weekday',
  'has_comma', 'function_share', 'starts_with_article',
  'clause_before', 'clause_after', 'preposition_before', 'by_before', 'article_before', 'possessive_after', 'number_before', 'capitalised_after', 'capitalised_before',
  'hand_top', 'hand_score', 'hand_any', 'hand_overlap', 'hand_none', 'hand_inside',
  'question_words_left_6', 'question_words_right_6', 'beside_question_word', 'between_question_words', 'whole_run', 'beside_asked_word',
  'asks_time_x_date', 'asks_amount_x_number', 'asks_name_x_capitalised',
  'first_question_word', 'last_question_word', 'asked_word_inside',
] as const;

/** Feature names, in row order: the base features, then each question class crossed with each shape. */
export const SPAN_FEATURES: readonly string[] = [...BASE_FEATURES, ...ASKS.flatMap((a) => SHAPES.map((s) => `${a}_x_${s}`))];

const MONTH = /^(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sept?(ember)?|oct(ober)?|nov(ember)?|dec(ember)?)$/i;
const WEEKDAY = /^(monday|tuesday|wednesday|thursday|friday|saturday|sunday)$/i;
const PREPOSITIONS = /^(in|at|on|from|to|near|by|since|during|into|until|after|before|for|with|of|against|between|through|via|under|over|outside|inside)$/i;
const NUMBER = /^(\d[\d,.]*(st|nd|rd|th|s)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|thousand|million|billion|dozens?|hundreds|thousands|several)$/i;
/** Asked words ("what year", "which team") that name the answer's shape. */
const TIME_WORDS = /^(year|years|day|days|date|month|months|century|decade|period|era|time|season)$/i;
const AMOUNT_WORDS = /^(percent|percentage|number|amount|population|size|cost|price|age|rate|height|length|distance|temperature|score|total|many|much)$/i;
const isCapitalised = (t: Token) => /^\p{Lu}/u.test(t.word);
const isFunction = (t: Token) => t.term === null || /^(the|a|an|of|and|or|to|in|on|at|by|for|with|from)$/i.test(t.word);

/** The question's words in the sentence: token positions whose term the question holds. */
function matchedPositions(ctx: SpanContext): number[] {
  const terms = new Set(ctx.q.terms);
  const out: number[] = [];
  ctx.tokens.forEach((t, i) => {
    if (t.term !== null && terms.has(t.term)) out.push(i);
  });
  return out;
}

/** Token overlap (F1 over positions) of two word ranges. */
function rangeOverlap(a: { from: number; to: number }, b: { from: number; to: number }): number {
  const common = Math.max(0, Math.min(a.to, b.to) - Math.max(a.from, b.from) + 1);
  if (common === 0) return 0;
  const p = common / (a.to - a.from + 1);
  const r = common / (b.to - b.from + 1);
  return (2 * p * r) / (p + r);
}

/** One row of SPAN_FEATURES per candidate. */
export function spanFeatures(ctx: SpanContext, candidates: readonly SpanCandidate[]): Float64Array[] {
  const { sentence, tokens, q } = ctx;
  const n = tokens.length;
  const terms = new Set(q.terms);
  const matched = matchedPositions(ctx);
  const qCount = Math.max(1, q.terms.length);
  const asks = asksOf(q);
  const top = candidates.find((c) => c.handTop);
  const gap = (i: number) => (i < 0 || i + 1 >= n ? ' ' : sentence.slice(tokens[i]!.end, tokens[i + 1]!.start));
  const asksAt = ASKS.indexOf(asks);
  const crossAt = BASE_FEATURES.length + asksAt * SHAPES.length;
  const isMatched = new Uint8Array(n);
  for (const m of matched) isMatched[m] = 1;
  const askedTerms = new Set(q.asked.map((t) => t.term));
  const asksTime = q.asked.some((t) => TIME_WORDS.test(t.word));
  const asksAmount = q.asked.some((t) => AMOUNT_WORDS.test(t.word));
  const asksName = asks === 'who' || asks === 'where' || asks === 'which';
  // Per-token facts, read once: a sentence has a hundred candidates or so, each a few of its words.
  const flag = (test: (t: Token, i: number) => boolean) => Uint8Array.from(tokens, (t, i) => (test(t, i) ? 1 : 0));
  const cap = flag(isCapitalised);
  const fn = flag(isFunction);
  const num = flag((t) => NUMBER.test(t.word));
  const digit = flag((t) => /\d/.test(t.word));
  const yr = flag((t) => /^(1[5-9]|20)\d\d$/.test(t.word));
  const mon = flag((t) => MONTH.test(t.word.replace(/\.$/, '')));
  const wd = flag((t) => WEEKDAY.test(t.word));
  const prep = flag((t) => PREPOSITIONS.test(t.word));
  const art = flag((t) => /^(the|a|an)$/i.test(t.word));
  const content = flag((t) => t.term !== null);
  const askedAt = flag((t) => t.term !== null && askedTerms.has(t.term));
  const punctAfter = flag((_, i) => /[,;:()"“”—–]/.test(gap(i)));
  const stopAfter = flag((_, i) => /[,;:()"“”—–.]/.test(gap(i)));
  const askedInside = (from: number, to: number) => {
    for (let i = from; i <= to; i++) if (askedAt[i]) return true;
    return false;
  };
  const clauseAt = (i: number) => i < 0 || i >= n - 1 || stopAfter[i] === 1;
  return candidates.map((c) => {
    const row = new Float64Array(SPAN_FEATURES.length);
    const len = c.to - c.from + 1;
    let inQuestion = 0;
    let contentWords = 0;
    let caps = 0;
    let functions = 0;
    let numberHead = false;
    let hasDigit = false;
    let year = false;
    let month = false;
    let weekday = false;
    for (let i = c.from; i <= c.to; i++) {
      inQuestion += isMatched[i]!;
      contentWords += content[i]!;
      if (i > 0 || c.from > 0) caps += cap[i]!;
      functions += fn[i]!;
      numberHead ||= num[i] === 1;
      hasDigit ||= digit[i] === 1;
      year ||= yr[i] === 1;
      month ||= mon[i] === 1;
      weekday ||= wd[i] === 1;
    }
    const contentCount = contentWords || 1;
    let nearest = Infinity;
    let left = 0;
    let right = 0;
    let left6 = 0;
    let right6 = 0;
    for (const m of matched) {
      if (m >= c.from && m <= c.to) continue;
      const d = m < c.from ? c.from - m : m - c.to;
      nearest = Math.min(nearest, d);
      if (m < c.from && d <= 3) left++;
      if (m > c.to && d <= 3) right++;
      if (m < c.from && d <= 6) left6++;
      if (m > c.to && d <= 6) right6++;
    }
    const b = c.from - 1;
    const a = c.to + 1;
    // The first word of a sentence is capitalised anyway: it counts only when the span has no other.
    const innerLen = c.from === 0 ? len - 1 : len;
    const capShare = innerLen > 0 ? caps / innerLen : cap[c.from] ? 0.5 : 0;
    const values = [
      len === 1 ? 1 : 0,
      len === 2 ? 1 : 0,
      len === 3 ? 1 : 0,
      len === 4 ? 1 : 0,
      len === 5 || len === 6 ? 1 : 0,
      len >= 7 ? 1 : 0,
      Math.log(len),
      inQuestion / contentCount,
      inQuestion > 0 ? 1 : 0,
      inQuestion === contentCount ? 1 : 0,
      Number.isFinite(nearest) ? 1 / nearest : 0,
      left / qCount,
      right / qCount,
      b >= 0 ? isMatched[b]! : 0,
      a < n ? isMatched[a]! : 0,
      n > 1 ? c.from / (n - 1) : 0,
      c.from === 0 ? 1 : 0,
      c.to === n - 1 ? 1 : 0,
      capShare,
      cap[c.from] && c.from > 0 ? 1 : 0,
      cap[c.to]!,
      hasDigit ? 1 : 0,
      numberHead ? 1 : 0,
      year ? 1 : 0,
      month ? 1 : 0,
      weekday ? 1 : 0,
      c.text.includes(',') ? 1 : 0,
      functions / len,
      art[c.from]!,
      c.from === 0 || punctAfter[b] ? 1 : 0,
      c.to === n - 1 || stopAfter[c.to] ? 1 : 0,
      b >= 0 ? prep[b]! : 0,
      b >= 0 && /^by$/i.test(tokens[b]!.word) ? 1 : 0,
      b >= 0 ? art[b]! : 0,
      /^['’]s\b/.test(sentence.slice(c.end, c.end + 3)) ? 1 : 0,
      b >= 0 ? num[b]! : 0,
      a < n ? cap[a]! : 0,
      b > 0 ? cap[b]! : 0,
      c.handTop ? 1 : 0,
      c.handScore ?? 0,
      c.handScore !== null ? 1 : 0,
      top ? rangeOverlap(c, top) : 0,
      top ? 0 : 1,
      top && top.from >= c.from && top.to <= c.to ? 1 : 0,
      left6 / qCount,
      right6 / qCount,
      nearest === 1 ? 1 : 0,
      left > 0 && right > 0 ? 1 : 0,
      // A whole run of new words: what stands between the question's words or clause marks.
      (c.from === 0 || isMatched[b] || clauseAt(b)) && (c.to === n - 1 || isMatched[a] || clauseAt(c.to)) ? 1 : 0,
      [b, b - 1, a, a + 1].some((k) => k >= 0 && k < n && askedAt[k] === 1) ? 1 : 0,
      asksTime && (month || weekday || year) ? 1 : 0,
      asksAmount && (numberHead || hasDigit) ? 1 : 0,
      asksName ? capShare : 0,
      // An answer seldom opens or closes on the question's own words ("carrier Magic Seas" for "which carrier").
      isMatched[c.from]!,
      isMatched[c.to]!,
      askedInside(c.from, c.to) ? 1 : 0,
    ];
    row.set(values);
    const shapes = [numberHead || hasDigit ? 1 : 0, month || weekday || year ? 1 : 0, capShare, capShare === 0 ? 1 : 0, Math.log(len), c.handTop ? 1 : 0];
    for (let s = 0; s < SHAPES.length; s++) row[crossAt + s] = shapes[s]!;
    return row;
  });
}
