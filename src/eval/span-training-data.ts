/**
 * Training data for the span model: each answerable SQuAD question with the sentence of its
 * paragraph that holds a gold answer, every candidate span there with its features, and each
 * candidate's token F1 and exact match against the gold answers. No index is built: the gold
 * sentence is given, so the model learns span choice alone. Every question keeps its article title,
 * so that folds never split one (v2.0 dev's articles are all inside v1.1 dev).
 */
import { splitSentences } from '../corpus/index.js';
import { parseQuestion } from '../answer/question.js';
import { spanCandidates, spanContext } from '../answer/span-candidates.js';
import { SPAN_FEATURES, spanFeatures } from '../answer/span-features.js';
import { sameTerm } from '../answer/spans.js';
import { HAND_KEPT } from '../answer/span-selector.js';
import type { SpanQuestion } from '../learn/span-train.js';
import { readSquad } from './datasets.js';
import { containsAnyAnswer, exactMatch, tokenF1 } from './normalise.js';

/** A question, its gold answers and the sentence holding one: the unit the span model learns from. */
export interface SpanExample {
  article: string;
  question: string;
  answers: string[];
  sentence: string;
}

/** The answerable questions of SQuAD files whose paragraph has a sentence holding a gold answer. */
export function squadSpanExamples(files: readonly string[]): SpanExample[] {
  const out: SpanExample[] = [];
  for (const file of files) {
    const set = readSquad(file);
    const docs = new Map(set.documents.map((d) => [d.id, d.text]));
    const sentencesOf = new Map<string, string[]>();
    for (const q of set.questions) {
      if (!q.answerable || q.source === null) continue;
      let sentences = sentencesOf.get(q.source);
      if (!sentences) {
        const text = docs.get(q.source)!;
        sentences = splitSentences(text).map((s) => text.slice(s.start, s.end));
        sentencesOf.set(q.source, sentences);
      }
      const sentence = sentences.find((s) => containsAnyAnswer(s, q.answers));
      if (sentence) out.push({ article: q.article ?? q.id, question: q.question, answers: q.answers, sentence });
    }
  }
  return out;
}

/** Candidates, features and labels of one example. */
export function labelSpans(e: SpanExample): SpanQuestion {
  const q = parseQuestion(e.question);
  const ctx = spanContext(e.sentence, q, { similarity: sameTerm });
  const candidates = spanCandidates(ctx);
  const width = SPAN_FEATURES.length;
  const rows = new Float32Array(candidates.length * width);
  spanFeatures(ctx, candidates).forEach((r, i) => rows.set(r, i * width));
  const hand = ctx.hand[0];
  return {
    article: e.article,
    rows,
    width,
    f1: Float32Array.from(candidates, (c) => tokenF1(c.text, e.answers)),
    exact: Uint8Array.from(candidates, (c) => (exactMatch(c.text, e.answers) ? 1 : 0)),
    handF1: hand ? tokenF1(hand.text, e.answers) : 0,
    handExact: hand ? exactMatch(hand.text, e.answers) : false,
    handKept: hand !== undefined && HAND_KEPT.has(q.type),
  };
}
