/**
 * The learned span selector: of a sentence's candidate spans (span-candidates.ts), the one its
 * logistic model scores highest (span-features.ts), with that probability as its score. Scoring one
 * sentence's candidates costs well under a millisecond; it runs only on the quoted sentences.
 */
import type { Token } from '../store/analyze.js';
import { probability, type LogisticModel } from '../learn/logistic.js';
import type { AnswerType, Question } from './question.js';
import { spanCandidates, spanContext, type SpanContext } from './span-candidates.js';
import { spanFeatures } from './span-features.js';
import type { AnswerSpan, WordSimilarity } from './spans.js';

/** The best candidate span of a prepared sentence, or null when it has none. */
export function bestSpan(model: LogisticModel, ctx: SpanContext): AnswerSpan | null {
  const candidates = spanCandidates(ctx);
  if (candidates.length === 0) return null;
  const rows = spanFeatures(ctx, candidates);
  let best = -1;
  let at = 0;
  rows.forEach((r, i) => {
    const p = probability(model, r);
    if (p > best) [best, at] = [p, i];
  });
  const c = candidates[at]!;
  const hand = ctx.hand.find((s) => s.start === c.start && s.end === c.end);
  return { start: c.start, end: c.end, text: c.text, score: best, ...(hand?.day !== undefined ? { day: hand.day } : {}) };
}

/** The learned span of `sentence` for question `q`; `hand` is the hand rules' spans when already found. */
export function selectSpan(
  model: LogisticModel,
  sentence: string,
  q: Question,
  options: { similarity: WordSimilarity; reference?: Date; tokens?: Token[]; hand?: AnswerSpan[] },
): AnswerSpan | null {
  return bestSpan(model, spanContext(sentence, q, options));
}

/**
 * Types whose hand-rule span is kept when the rules find one: the model marks the rest (what, how,
 * when, why, and typed questions whose sentence holds no span the rules know). News answers and
 * SQuAD's labels mark differently: a count goes with its counted noun ("at least 13 U.S. troops")
 * where SQuAD marks the bare number, and a which-question's name goes alone ("Magic Seas") where SQuAD
 * often keeps the asked noun ("the Caspian Sea"), so training on SQuAD cannot teach these. Held out on
 * SQuAD, where the rules mark a span of these types the model does about as well as they do (who
 * 0.527 against 0.525, which 0.472 against 0.473, where 0.471 against 0.431, counts 0.607 against
 * 0.589, definitions 0.671 against 0.845; before the last three features): keeping them costs SQuAD
 * little (token F1 0.479 → 0.474 held out) and keeps news' convention.
 */
export const HAND_KEPT: ReadonlySet<AnswerType> = new Set(['quantity', 'definition', 'actor', 'place', 'name']);

/** The span to mark in a quoted sentence: the hand rules' for HAND_KEPT types when they found one, else the model's. */
export function markSpan(
  model: LogisticModel,
  s: { text: string; reference?: Date; span: AnswerSpan | null },
  q: Question,
  similarity: WordSimilarity,
): AnswerSpan | null {
  if (s.span && HAND_KEPT.has(q.type)) return s.span;
  return selectSpan(model, s.text, q, { similarity, reference: s.reference });
}
