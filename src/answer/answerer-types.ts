/**
 * The answerer's contract: what it is given (index, embedders, options, the learned models) and
 * what it answers. Kept apart from answerer.ts, which holds the answer path itself.
 */
import type { Embedder } from '../embed/types.js';
import type { LogisticModel } from '../learn/logistic.js';
import type { AnswerModel } from '../learn/model.js';
import type { StoredIndex } from '../store/stored-index.js';
import type { Expander } from './expand.js';
import type { NeuralReader } from './neural-reader.js';
import type { Answer, SearchHit, SearchMode } from './types.js';
import type { Day } from '../time/days.js';
import type { QuestionTime } from '../time/question-time.js';
import type { IndexView } from './index-view.js';

export interface AnswerOptions {
  /** Passages taken from each retriever before fusion. */
  retrieveTopK: number;
  /** Passages whose sentences are ranked. */
  rerankTopK: number;
  /** Weight of the cosine score in fusion. */
  fusionWeight: number;
  minConfidence: number;
  /** The as-of day of a question that names none: today, in the configured time zone. */
  today: () => Day;
  /** Learned answer selection; null: the hand-set ranking decides. */
  model?: AnswerModel | null;
  /** The learned span selector's model (span-selector.ts); null or absent: the hand rules mark the span. */
  spanModel?: LogisticModel | null;
  /** The learned answer/abstain model (answerability.ts); null or absent: the hand-set confidence. */
  abstainModel?: LogisticModel | null;
  /** The neural reader and how it joins the ranking (reader-blend.ts); null or absent: no reader. */
  reader?: ReaderOptions | null;
}

export interface ReaderOptions {
  reader: NeuralReader;
  /** Best-ranked sentences it reads per question. */
  sentences: number;
  /** Share of the sentence order and of the confidence it decides, 0..1. */
  weight: number;
}

/** A question's candidate sentences with their features, as the learned selection sees them (for training). */
export interface Candidates {
  texts: string[];
  rows: number[][];
  /** The answer/abstain model's features (ANSWERABILITY_FEATURES) as the answer path computes them; null without candidates. */
  answerability: number[] | null;
}

/** What a question is asked against. */
export interface AskOptions {
  /** Only articles published on or before this day can answer (default: today). */
  asOf?: Day;
}

export interface AnswererParts {
  index: StoredIndex;
  /** The embedder the index was built with (for query vectors). */
  embedder: Embedder;
  /** GloVe-based expansion and word similarity; null to answer without them. */
  expander: Expander | null;
  /** Embeds sentences for the meaning feature of ranking (the GloVe embedder: cheap per question). */
  sentenceEmbedder: Embedder | null;
  options: AnswerOptions;
  /** What the answerer derives from the index, made beforehand (in steps, on a swap); made here when absent. */
  view?: IndexView;
}

export interface Answerer {
  answer(question: string, ask?: AskOptions): Promise<Answer>;
  /** The candidate sentences of the hand-set ranking and their features, best first. */
  candidates(question: string, ask?: AskOptions): Promise<Candidates>;
  search(query: string, options: { k: number; mode: SearchMode; asOf?: Day }): Promise<SearchHit[]>;
  /** How the question's time is read (its period and as-of day), as `answer` reads it. */
  timeOf(question: string, ask?: AskOptions): QuestionTime;
}
