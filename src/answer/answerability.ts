/**
 * Whether the quoted sentence answers at all: features of a question and its hand-ranked candidates
 * for the answer/abstain decision, apart from which sentence is chosen. SQuAD v2.0's unanswerable
 * questions were written to overlap their paragraph, so the overlap alone (the hand-set confidence)
 * separates them poorly; what tells them apart is what the best sentence lacks: a question word it
 * leaves out (often a name swapped in), an answer of the wanted type, a clear lead over the next
 * sentence, a span the span model believes.
 */
import { tokenize } from '../store/analyze.js';
import { idf } from '../store/lexical.js';
import { CANDIDATE_FEATURES } from './candidate-features.js';
import type { AnswerType, Question } from './question.js';

export const ANSWERABILITY_FEATURES = [
  'coverage',
  'own_coverage',
  'proximity',
  'semantic',
  'type_fit',
  'passage',
  'relevance',
  'retrieval',
  'question_terms',
  'hand_confidence',
  'lead_over_second',
  'own_lead_over_second',
  'candidates',
  'uncovered_share',
  'uncovered_names',
  'uncovered_any_name',
  'negation',
  'span_score',
  'uncovered_rarest',
  'unseen_share',
  'unseen_rarest',
  'unseen_any_name',
  'type_quantity',
  'type_date',
  'type_actor',
  'type_place',
  'type_name',
  'type_definition',
  'type_reason',
  'type_other',
] as const;

const at = (name: (typeof CANDIDATE_FEATURES)[number]) => CANDIDATE_FEATURES.indexOf(name);
const COVERAGE = at('coverage');
const OWN = at('own_coverage');
const PROXIMITY = at('proximity');
const SEMANTIC = at('semantic');
const TYPE_FIT = at('type_fit');
const PASSAGE = at('passage');
const RELEVANCE = at('relevance');
const RETRIEVAL = at('retrieval');
const TERMS = at('question_terms');
const TYPES: readonly AnswerType[] = ['quantity', 'date', 'actor', 'place', 'name', 'definition', 'reason', 'other'];
/** "What did the treaty not cover?": SQuAD v2.0 writes many unanswerable questions by negating an answerable one. */
const NEGATION = /\b(?:not|never|no|none|n't|without)\b|n't\b/i;

export interface AnswerabilityInput {
  question: Question;
  /** CANDIDATE_FEATURES rows of the hand-ranked candidates, best first. */
  rows: readonly (readonly number[])[];
  /** The candidates' texts, best first. */
  texts: readonly string[];
  /** A term's idf over the index, divided by its largest possible value (0..1: 1 for a term found once). */
  rarity: (term: string) => number;
  /** The hand-set confidence of the best candidate (`confidenceOf`). */
  handConfidence: number;
  /** The span model's probability for its best span in the best candidate; 0 without a model or a span. */
  spanScore: number;
}

/** One row of ANSWERABILITY_FEATURES for a question. */
export function answerabilityFeatures(input: AnswerabilityInput): number[] {
  const { question: q, rows } = input;
  const first = rows[0];
  const second = rows[1];
  const present = new Set(input.texts[0] !== undefined ? tokenize(input.texts[0]).map((t) => t.term) : []);
  const uncovered = q.terms.filter((t) => !present.has(t));
  const uncoveredNames = uncovered.filter((t) => q.names.has(t)).length;
  // Terms no candidate sentence holds: the retrieved passages never speak of them (a name swapped in).
  const anywhere = new Set(input.texts.flatMap((text) => tokenize(text).map((t) => t.term)));
  const unseen = q.terms.filter((t) => !anywhere.has(t));
  const rarest = (terms: readonly string[]) => terms.reduce((m, t) => Math.max(m, input.rarity(t)), 0);
  const mass = q.terms.reduce((sum, t) => sum + input.rarity(t), 0);
  const get = (r: readonly number[] | undefined, i: number) => (r ? r[i]! : 0);
  return [
    get(first, COVERAGE),
    get(first, OWN),
    get(first, PROXIMITY),
    get(first, SEMANTIC),
    get(first, TYPE_FIT),
    get(first, PASSAGE),
    get(first, RELEVANCE),
    get(first, RETRIEVAL),
    get(first, TERMS),
    input.handConfidence,
    first ? get(first, RELEVANCE) - get(second, RELEVANCE) : 0,
    first ? get(first, OWN) - get(second, OWN) : 0,
    Math.log1p(rows.length) / 4,
    q.terms.length > 0 ? uncovered.length / q.terms.length : 0,
    Math.min(3, uncoveredNames),
    uncoveredNames > 0 ? 1 : 0,
    NEGATION.test(q.text) ? 1 : 0,
    input.spanScore,
    rarest(uncovered),
    mass > 0 ? unseen.reduce((sum, t) => sum + input.rarity(t), 0) / mass : 0,
    rarest(unseen),
    unseen.some((t) => q.names.has(t)) ? 1 : 0,
    ...TYPES.map((t) => (q.type === t ? 1 : 0)),
  ];
}

/** A term's rarity from its document frequency: its idf over the largest idf of `count` documents (0..1). */
export function rarityFrom(documentFrequency: (term: string) => number, count: number): (term: string) => number {
  const most = idf(1, count) || 1;
  return (term) => Math.min(1, idf(Math.max(1, documentFrequency(term)), count) / most);
}
