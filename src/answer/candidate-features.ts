/**
 * The features the learned answer selection reads for each candidate sentence of a question: the
 * ranking features, the same features relative to the question's best candidate (a sentence is
 * chosen against its rivals, not alone), the answer type it holds for the type wanted, and how
 * strongly retrieval matched the question at all (which mostly decides whether to answer).
 */
import { wantsName, type AnswerType } from './question.js';
import type { RankedSentence } from './rank.js';

export const CANDIDATE_FEATURES = [
  'coverage',
  'own_coverage',
  'proximity',
  'semantic',
  'type_fit',
  'date_named',
  'passage',
  'relevance',
  'relevance_vs_best',
  'coverage_vs_best',
  'semantic_vs_best',
  'own_vs_best',
  'hand_rank',
  'has_span',
  'span_quantity',
  'span_date',
  'span_name',
  'wants_type',
  'lead_sentence',
  'words',
  'retrieval',
  'question_terms',
] as const;

export interface QuestionSignals {
  type: AnswerType;
  /** BM25 score of the best passage over the question's total idf. */
  retrieval: number;
  /** Content terms of the question. */
  terms: number;
}

const wordsIn = (text: string): number => text.split(/\s+/).filter(Boolean).length;

/** One row of CANDIDATE_FEATURES per candidate, in the order given (hand-ranked, best first). */
export function candidateFeatures(ranked: readonly RankedSentence[], q: QuestionSignals): number[][] {
  const max = (get: (s: RankedSentence) => number) => ranked.reduce((m, s) => Math.max(m, get(s)), 0);
  const best = {
    relevance: max((s) => s.relevance) || 1,
    coverage: max((s) => s.features.coverage),
    semantic: max((s) => s.features.semantic),
    own: max((s) => s.features.own),
  };
  const typed = q.type !== 'other';
  const nameType = wantsName(q);
  return ranked.map((s, rank) => {
    const f = s.features;
    const fit = typed ? f.type : 0;
    return [
      f.coverage,
      f.own,
      f.proximity,
      f.semantic,
      fit,
      f.date,
      f.passage,
      s.relevance,
      s.relevance / best.relevance,
      f.coverage - best.coverage,
      f.semantic - best.semantic,
      f.own - best.own,
      1 / (1 + rank),
      s.span ? 1 : 0,
      q.type === 'quantity' ? fit : 0,
      q.type === 'date' ? fit : 0,
      nameType ? fit : 0,
      typed ? 1 : 0,
      s.previous === undefined ? 1 : 0,
      Math.log1p(wordsIn(s.text)) / 4,
      Math.min(2, q.retrieval),
      Math.log1p(q.terms) / 2,
    ];
  });
}
