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
  const clauseAt = (i: number) => i < 0 || i >= n - 1 || /[,;:()"“”—–.]/.test(gap(i));
  return candidates.map((c) => {
    const row = new Float64Array(SPAN_FEATURES.length);
    const words = tokens.slice(c.from, c.to + 1);
    const len = words.length;
    let inQuestion = 0;
    for (const w of words) if (w.term !== null && terms.has(w.term)) inQuestion++;
    const content = words.filter((w) => w.term !== null).length || 1;
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
    const before = tokens[c.from - 1];
    const after = tokens[c.to + 1];
    const inner = words.slice(c.from === 0 ? 1 : 0);
    const capShare = inner.length ? inner.filter(isCapitalised).length / inner.length : isCapitalised(words[0]!) ? 0.5 : 0;
    const hasDigit = /\d/.test(c.text);
    const numberHead = words.some((w) => NUMBER.test(w.word));
    const year = words.some((w) => /^(1[5-9]|20)\d\d$/.test(w.word));
    const month = words.some((w) => MONTH.test(w.word.replace(/\.$/, '')));
    const weekday = words.some((w) => WEEKDAY.test(w.word));
    const values = [
      len === 1 ? 1 : 0,
      len === 2 ? 1 : 0,
      len === 3 ? 1 : 0,
      len === 4 ? 1 : 0,
      len === 5 || len === 6 ? 1 : 0,
      len >= 7 ? 1 : 0,
      Math.log(len),
      inQuestion / content,
      inQuestion > 0 ? 1 : 0,
      inQuestion === content ? 1 : 0,
      Number.isFinite(nearest) ? 1 / nearest : 0,
      left / qCount,
      right / qCount,
      before?.term != null && terms.has(before.term) ? 1 : 0,
      after?.term != null && terms.has(after.term) ? 1 : 0,
      n > 1 ? c.from / (n - 1) : 0,
      c.from === 0 ? 1 : 0,
      c.to === n - 1 ? 1 : 0,
      capShare,
      isCapitalised(words[0]!) && c.from > 0 ? 1 : 0,
      isCapitalised(words[len - 1]!) ? 1 : 0,
      hasDigit ? 1 : 0,
      numberHead ? 1 : 0,
      year ? 1 : 0,
      month ? 1 : 0,
      weekday ? 1 : 0,
      c.text.includes(',') ? 1 : 0,
      words.filter(isFunction).length / len,
      /^(the|a|an)$/i.test(words[0]!.word) ? 1 : 0,
      /[,;:()"“”—–]/.test(gap(c.from - 1)) || c.from === 0 ? 1 : 0,
      /[,;:()"“”—–.]/.test(gap(c.to)) || c.to === n - 1 ? 1 : 0,
      before && PREPOSITIONS.test(before.word) ? 1 : 0,
      before && /^by$/i.test(before.word) ? 1 : 0,
      before && /^(the|a|an)$/i.test(before.word) ? 1 : 0,
      /^['’]s\b/.test(sentence.slice(c.end, c.end + 3)) ? 1 : 0,
      before && NUMBER.test(before.word) ? 1 : 0,
      after && isCapitalised(after) ? 1 : 0,
      before && isCapitalised(before) && c.from - 1 > 0 ? 1 : 0,
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
      (c.from === 0 || isMatched[c.from - 1] || clauseAt(c.from - 1)) && (c.to === n - 1 || isMatched[c.to + 1] || clauseAt(c.to)) ? 1 : 0,
      [c.from - 1, c.from - 2, c.to + 1, c.to + 2].some((k) => k >= 0 && k < n && tokens[k]!.term !== null && askedTerms.has(tokens[k]!.term)) ? 1 : 0,
      asksTime && (month || weekday || year) ? 1 : 0,
      asksAmount && (numberHead || hasDigit) ? 1 : 0,
      asksName ? capShare : 0,
    ];
    row.set(values);
    const shapes = [numberHead || hasDigit ? 1 : 0, month || weekday || year ? 1 : 0, capShare, capShare === 0 ? 1 : 0, Math.log(len), c.handTop ? 1 : 0];
    for (let s = 0; s < SHAPES.length; s++) row[crossAt + s] = shapes[s]!;
    return row;
  });
}
