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
 * Types whose hand-rule span is kept when the rules find one. A count is marked with its counted noun
 * ("at least 13 U.S. troops"), the convention of Sitrep's answers and of its news questions' labels,
 * while SQuAD's labels mark the bare number, so training cannot teach it; a definition's appositive
 * is longer than the word runs the model picks from (held out on SQuAD, where the rules mark one:
 * rules F1 0.85, model 0.67, 18 questions).
 */
export const HAND_KEPT: ReadonlySet<AnswerType> = new Set(['quantity', 'definition']);

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
