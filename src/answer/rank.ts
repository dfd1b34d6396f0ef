/**
 * Sentence ranking: every sentence of the best passages is scored on term coverage (idf-weighted),
 * proximity of the matched words, meaning (embedding similarity), the presence of an answer of the
 * wanted type, the date the question names, and its passage's retrieval score.
 */
import { tokenize, type Token } from '../store/analyze.js';
import type { Expansion } from './expand.js';
import { mayHoldDate } from '../time/event-dates.js';
import { daysIn, sameDay, type AnswerType, type Question } from './question.js';
import { answerSpans, type AnswerSpan, type WordSimilarity } from './spans.js';
import { isMisspelling, MISSPELLING_SIMILARITY, MISSPELT_MIN } from './misspelling.js';

export interface SentenceFeatures {
  /** Share of the question's idf mass the sentence covers (expansions count at their weight; words only
   * in the sentence before count half, since "the attack" refers back to the one just named). */
  coverage: number;
  /** Coverage by the sentence's own words alone, its neighbours left out. */
  own: number;
  /** Matched words close together score near 1. */
  proximity: number;
  /** Embedding cosine between sentence and question (0 when unavailable). */
  semantic: number;
  /** Fit of the best answer span of the wanted type; 0.5 when the question wants no type. */
  type: number;
  /** 1 when the sentence names a day the question names. */
  date: number;
  /** Fused retrieval score of the best passage holding the sentence, relative to the best passage. */
  passage: number;
  /** 1 for a sentence that ends as one; 0 for a headline, a caption or a link's text. */
  complete: number;
}

/**
 * Feature weights: coverage leads, as BM25 does for passages; the rest break its ties. The answer
 * type is no tie-breaker but a factor: a sentence with no answer of the wanted kind cannot answer.
 */
export const SENTENCE_WEIGHTS: Record<Exclude<keyof SentenceFeatures, 'type' | 'own' | 'complete'>, number> = {
  coverage: 0.45,
  proximity: 0.1,
  semantic: 0.1,
  date: 0.1,
  passage: 0.25,
};
/** Score kept by a fragment (a headline, a caption): it repeats the story's words but seldom states a fact whole. */
export const FRAGMENT_FACTOR = 0.8;
/** A sentence's end when it ends as one: a stop, a question or exclamation mark, then closing quotes or brackets and notes ("[citation needed]"). */
const ENDS_AS_SENTENCE = /[.!?:;…]["'”’)\]]*(?:\s*\[[^\]]*\])*\s*$/;
/**
 * Types whose answers are worded too many ways for patterns to find them all (a reason, what a thing
 * is): a sentence with no span found counts as for an untyped question; one with a span counts more.
 */
const SOFT_TYPES: ReadonlySet<AnswerType> = new Set(['reason', 'definition']);
/** Share of a sentence's score that depends on the answer type: score × (1 − TYPE_SHARE + TYPE_SHARE × type). */
export const TYPE_SHARE = 0.5;
/** Weight of question words found only in the preceding sentence. */
export const CONTEXT_WEIGHT = 0.5;
/** Weight of question words found only in the following sentence: less, since it may move to another matter. */
export const NEXT_WEIGHT = 0.35;

export interface SentenceInput {
  article: number;
  /** Offsets of the sentence in its article's text. */
  start: number;
  end: number;
  text: string;
  passage: number;
  semantic: number;
  /** The article's publication date, for resolving "on Sunday" and for date matching. */
  reference?: Date;
  /** The sentence before it in its article, which its pronouns and definite nouns refer back to. */
  previous?: string;
  /** The sentence after it: a news lead names the event, the next sentence its details ("at al-Asad Airbase"). */
  next?: string;
  /** 0..1: how new its article is relative to the question's as-of day (1 for that day; 0.5 undated). */
  recency?: number;
}

export interface RankedSentence extends SentenceInput {
  features: SentenceFeatures;
  span: AnswerSpan | null;
  /** Match to the question alone: the weighted features, before the answer type and recency count. */
  relevance: number;
  score: number;
}

export interface RankContext {
  question: Question;
  expansions: Expansion[];
  idf: (term: string) => number;
  similarity: WordSimilarity;
  /** Share of a sentence's score that its recency decides (more when the question asks for the latest). */
  recencyShare?: number;
}

/** Weight of a question word found as the tail of a compound ("base" in "Airbase", "strike" in "airstrikes"). */
export const COMPOUND_WEIGHT = 0.7;
/** Shortest question word matched inside a compound: shorter ones end too many words by chance. */
const COMPOUND_MIN = 4;

/**
 * How much of each question term a sentence holds: 1 for the term, an expansion's weight for a
 * neighbour, COMPOUND_WEIGHT for a compound that ends in the question's word.
 */
function termMatches(terms: Set<string>, ctx: RankContext, words?: readonly string[]): Map<string, number> {
  const matched = new Map<string, number>();
  for (const t of ctx.question.terms) if (terms.has(t)) matched.set(t, 1);
  if (words) {
    for (const qt of ctx.question.tokens) {
      if (qt.term === null || matched.has(qt.term) || qt.word.length < COMPOUND_MIN) continue;
      const tail = qt.word.toLowerCase();
      if (words.some((w) => w.length >= tail.length + 3 && w.endsWith(tail))) matched.set(qt.term, COMPOUND_WEIGHT);
      // "casualties" asked, "causalities" written: the word misspelt counts nearly as much as the word.
      else if (tail.length >= MISSPELT_MIN && words.some((w) => isMisspelling(tail, w))) matched.set(qt.term, MISSPELLING_SIMILARITY);
    }
  }
  for (const e of ctx.expansions) {
    // A listed word may be misspelt as the question's own words may ("hurt" → "casualties" → "causalities").
    const weight = terms.has(e.term)
      ? e.weight
      : e.word !== undefined && words && e.word.length >= MISSPELT_MIN && words.some((w) => isMisspelling(e.word!, w))
        ? e.weight * MISSPELLING_SIMILARITY
        : 0;
    if (weight > (matched.get(e.from) ?? 0)) matched.set(e.from, weight);
  }
  return matched;
}

/** Tokenises each text once per question: a sentence is also the "previous" of the next one. */
function memoTokenize(): (text: string) => Token[] {
  const memo = new Map<string, Token[]>();
  return (text) => {
    let tokens = memo.get(text);
    if (!tokens) memo.set(text, (tokens = tokenize(text)));
    return tokens;
  };
}

export function sentenceFeatures(
  s: SentenceInput,
  ctx: RankContext,
  tokensOf: (text: string) => Token[] = tokenize,
): { features: SentenceFeatures; span: AnswerSpan | null } {
  const q = ctx.question;
  const tokens = tokensOf(s.text);
  const present = new Set(tokens.map((t) => t.term).filter((t): t is string => t !== null));
  const matched = termMatches(present, ctx, tokens.map((t) => t.word.toLowerCase()));
  const around = (text: string | undefined) =>
    text ? termMatches(new Set(tokensOf(text).map((t) => t.term).filter((t): t is string => t !== null)), ctx) : new Map<string, number>();
  const before = around(s.previous);
  const after = around(s.next);
  let total = 0;
  let covered = 0;
  let own = 0;
  for (const t of q.terms) {
    total += ctx.idf(t);
    own += ctx.idf(t) * (matched.get(t) ?? 0);
    covered += ctx.idf(t) * Math.max(matched.get(t) ?? 0, CONTEXT_WEIGHT * (before.get(t) ?? 0), NEXT_WEIGHT * (after.get(t) ?? 0));
  }
  const relevant = new Set([...q.terms.filter((t) => matched.has(t)), ...ctx.expansions.filter((e) => present.has(e.term)).map((e) => e.term)]);
  const positions = tokens.map((t, i) => (t.term !== null && relevant.has(t.term) ? i : -1)).filter((i) => i >= 0);
  const proximity =
    positions.length === 0 ? 0 : positions.length === 1 ? 0.5 : Math.min(1, relevant.size / (positions.at(-1)! - positions[0]! + 1) * 2);
  const span = q.type === 'other' ? null : (answerSpans(s.text, q, { similarity: ctx.similarity, reference: s.reference, tokens })[0] ?? null);
  const date = q.dates.length > 0 && mayHoldDate(s.text) && daysIn(s.text, s.reference).some((d) => q.dates.some((qd) => sameDay(d, qd))) ? 1 : 0;
  return {
    features: {
      coverage: total > 0 ? covered / total : 0,
      own: total > 0 ? own / total : 0,
      proximity,
      semantic: Math.max(0, s.semantic),
      type: q.type === 'other' ? 0.5 : SOFT_TYPES.has(q.type) ? Math.max(0.5, span?.score ?? 0) : (span?.score ?? 0),
      date,
      passage: s.passage,
      complete: ENDS_AS_SENTENCE.test(s.text) ? 1 : 0,
    },
    span,
  };
}

export function relevanceOf(f: SentenceFeatures): number {
  let relevance = 0;
  for (const k of Object.keys(SENTENCE_WEIGHTS) as (keyof typeof SENTENCE_WEIGHTS)[]) relevance += SENTENCE_WEIGHTS[k] * f[k];
  return relevance;
}

/** Relevance × answer type × recency: `recency` (0..1) counts for `recencyShare` of the score. */
export function scoreOf(f: SentenceFeatures, recency = 1, recencyShare = 0, relevance = relevanceOf(f)): number {
  const fragment = f.complete === 1 ? 1 : FRAGMENT_FACTOR;
  return relevance * fragment * (1 - TYPE_SHARE + TYPE_SHARE * f.type) * (1 - recencyShare + recencyShare * recency);
}

export function rankSentences(sentences: SentenceInput[], ctx: RankContext): RankedSentence[] {
  const tokensOf = memoTokenize();
  return sentences
    .map((s) => {
      const { features, span } = sentenceFeatures(s, ctx, tokensOf);
      const relevance = relevanceOf(features);
      return { ...s, features, span, relevance, score: scoreOf(features, s.recency ?? 1, ctx.recencyShare ?? 0, relevance) };
    })
    .sort((a, b) => b.score - a.score || a.article - b.article || a.start - b.start);
}
