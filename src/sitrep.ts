/**
 * Sitrep's front door: open (or build) the index for a config and answer questions.
 * Scripts and the bot use this and nothing deeper.
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createAnswerer, type Answerer, type Candidates } from './answer/answerer.js';
import { indexViewSteps, type IndexView } from './answer/index-view.js';
import { articleRef } from './answer/compose.js';
import { Expander } from './answer/expand.js';
import { fusionWeightFor } from './answer/retrieve.js';
import { createTurns } from './answer/turns.js';
import type { Answer, SearchHit, SearchMode } from './answer/types.js';
import type { IndexSummary } from './store/types.js';

export type { IndexSummary } from './store/types.js';
export type { SearchHit, SearchMode } from './answer/types.js';
import { PACKAGE_ROOT, resolveDir, type Config } from './config.js';
import { createEmbedder, loadGlove } from './embed/index.js';
import { buildIndex } from './store/build.js';
import { IndexError } from './store/errors.js';
import { currentGeneration } from './store/generations.js';
import { readIndexInSteps } from './store/read-in-steps.js';
import { runInSteps } from './store/steps.js';
import { readIndex, type StoredIndex } from './store/stored-index.js';
import { asOfDay, todayIn } from './time/days.js';
import { CANDIDATE_FEATURES } from './answer/candidate-features.js';
import { readAnswerModel } from './learn/model.js';
import { readSpanModel } from './learn/span-model.js';
import { readAnswerabilityModel } from './learn/answerability-model.js';
import { ANSWERABILITY_FEATURES } from './answer/answerability.js';
import { ModelError } from './learn/model.js';
import type { LogisticModel } from './learn/logistic.js';
import { SPAN_FEATURES } from './answer/span-features.js';
import { warmTimeParser } from './time/question-time.js';
import { createNeuralReader } from './answer/neural-reader.js';
import { countPart, incidentRecords, lastIncidentAnswer } from './incident-answers.js';
import { incidentQuestion, type Incident, type IncidentReport, type TimelineFilter } from './incidents/index.js';

export { AsOfError } from './time/days.js';
export { ModelError } from './learn/model.js';
export { TimelineError, type TimelineFilter } from './incidents/timeline.js';
export { ReaderError } from './answer/neural-reader.js';

export { PACKAGE_ROOT } from './config.js';

/** The abstention threshold of the hand-set ranking, when no answer model is loaded. */
export const HAND_SET_MIN_CONFIDENCE = 0.35;

/** What a question is asked against. */
export interface AskOptions {
  /**
   * Only articles published on or before this day can answer: `YYYY-MM-DD` or a `Date` (default:
   * today in `TIME_ZONE`). An invalid date throws an `AsOfError`.
   */
  asOf?: string | Date;
}

export interface ArticleInfo {
  title: string;
  source: string | null;
  published: string | null;
  url: string | null;
  file: string;
}

export interface IndexInfo {
  articles: number;
  passages: number;
  files: number;
  embedder: string;
  /** ISO time the index was built. */
  createdAt: string;
  /** Folder of the loaded index generation. */
  location: string;
  /** How answers are chosen: the learned model's file, or null for the hand-set ranking; and the abstention threshold. */
  answerModel: string | null;
  /** The span model's file (SPAN_MODEL), or null when the hand rules mark spans. */
  spanModel: string | null;
  /** The answer/abstain model's file (ABSTAIN_MODEL), or null when the hand-set confidence decides. */
  abstainModel: string | null;
  /** The neural reader's model (READER_MODEL), or null when there is none. */
  readerModel: string | null;
  minConfidence: number;
}


export interface Sitrep extends Searcher {
  answer(question: string, options?: AskOptions): Promise<Answer>;
  /** A question's candidate sentences and the features the answer model reads (for `npm run train`). */
  candidates(question: string, options?: AskOptions): Promise<Candidates>;
  sources(): ArticleInfo[];
  info(): IndexInfo;
  /**
   * The incidents the index's reports give that `filter` asks for, newest first, and each report's
   * quoted sentence. Reports are grouped on the first call for an index generation, then kept.
   * A malformed filter throws a `TimelineError`.
   */
  timeline(filter: TimelineFilter): Promise<{ incidents: Incident[]; quote(report: IncidentReport): string }>;
  /**
   * Loads the newest index on disk if it differs from the one in use; returns whether it swapped.
   * The new generation is read and checked in steps (a few milliseconds each), answers coming from
   * the one in use meanwhile; a damaged one throws and the one in use stays.
   */
  reload(): Promise<boolean>;
}


export interface Searcher {
  /** Passages for a query; with `asOf`, only from articles published by then (undated ones too). */
  search(query: string, options: { k: number; mode: SearchMode; asOf?: string | Date }): Promise<SearchHit[]>;
}

export interface OpenOptions {
  /** Build the index first when there is none, or only one in an older layout (as `ask` and `npm start` do). */
  buildIfMissing?: boolean;
  /** Progress and warnings of that first build. */
  onProgress?: (done: number, total: number) => void;
  onWarning?: (skipped: { file: string; line?: number; reason: string }) => void;
}

/** Loads the embedder and the current index generation, building it first when asked and missing. */
/** The span model of a file, or with `fold` that fold's held-out model (evaluation only). */
function spanModelOf(file: string, fold: number | undefined): LogisticModel {
  const m = readSpanModel(file, SPAN_FEATURES);
  if (fold === undefined) return m.span;
  const held = m.folds[fold];
  if (!held) throw new ModelError(`SPAN_MODEL_FOLD is ${fold}, but the span model ${file} has ${m.folds.length} folds (0–${m.folds.length - 1}).`);
  return held;
}

/** A model file's model, or with `fold` that fold's held-out model (evaluation only). */
function foldModelOf(m: { answers: LogisticModel; folds: LogisticModel[] }, fold: number | undefined, setting: string, file: string): LogisticModel {
  if (fold === undefined) return m.answers;
  const held = m.folds[fold];
  if (!held) throw new ModelError(`${setting} is ${fold}, but the model ${file} has ${m.folds.length} folds (0–${m.folds.length - 1}).`);
  return held;
}

export async function openSitrep(config: Config, options: OpenOptions = {}): Promise<Sitrep> {
  const indexDir = resolveDir(config.INDEX_DIR);
  const embedder = await createEmbedder(config);
  // Opened and probed before any index is built, so a missing or broken reader model fails at once, at
  // open, never on a question.
  const reader = config.READER_MODEL ? await createNeuralReader({ model: config.READER_MODEL, cacheDir: resolveDir(config.MODEL_CACHE_DIR) }) : null;
  const glove = config.QUERY_EXPANSION ? await loadGlove(resolveDir(config.MODEL_CACHE_DIR)) : null;
  const sentenceEmbedder = embedder.id.startsWith('glove') ? embedder : glove ? await createEmbedder({ ...config, EMBEDDING_MODEL: 'glove' }) : null;
  const readOptions = { embedderId: embedder.id, efSearch: config.HNSW_EF_SEARCH };
  const read = () => readIndex(indexDir, readOptions);

  let index: StoredIndex;
  try {
    index = read();
  } catch (err) {
    // An index in an older layout holds nothing the corpus cannot give again: rebuild it like a missing one.
    const rebuildable = err instanceof IndexError && (err.code === 'INDEX_MISSING' || err.code === 'SCHEMA_MISMATCH');
    if (!(rebuildable && options.buildIfMissing)) throw err;
    await buildIndex(config, { embedder, onProgress: options.onProgress, onWarning: options.onWarning });
    index = read();
  }

  const model = config.ANSWER_MODEL === 'none' ? null : readAnswerModel(path.resolve(PACKAGE_ROOT, config.ANSWER_MODEL), CANDIDATE_FEATURES);
  const abstain = config.ABSTAIN_MODEL === 'none' ? null : readAnswerabilityModel(path.resolve(PACKAGE_ROOT, config.ABSTAIN_MODEL), ANSWERABILITY_FEATURES);
  const abstainModel = abstain ? foldModelOf(abstain, config.ABSTAIN_MODEL_FOLD, 'ABSTAIN_MODEL_FOLD', config.ABSTAIN_MODEL) : null;
  const minConfidence = config.MIN_CONFIDENCE ?? model?.threshold ?? abstain?.threshold ?? HAND_SET_MIN_CONFIDENCE;
  const spanModel = config.SPAN_MODEL === 'none' ? null : spanModelOf(path.resolve(PACKAGE_ROOT, config.SPAN_MODEL), config.SPAN_MODEL_FOLD);
  const answererFor = (idx: StoredIndex, view?: IndexView): Answerer =>
    createAnswerer({
      index: idx,
      view,
      embedder,
      expander: glove ? new Expander(glove, idx.words) : null,
      sentenceEmbedder,
      options: {
        retrieveTopK: config.RETRIEVE_TOP_K,
        rerankTopK: config.RERANK_TOP_K,
        fusionWeight: fusionWeightFor(embedder.id, config.FUSION_WEIGHT),
        minConfidence,
        model,
        spanModel,
        abstainModel,
        reader: reader && { reader, sentences: config.READER_SENTENCES, weight: config.READER_WEIGHT },
        today: () => todayIn(config.TIME_ZONE),
      },
    });
  let answerer = answererFor(index);
  let timeline = incidentRecords(index);
  warmTimeParser();
  const takeTurn = createTurns();

  return {
    async answer(question, ask = {}) {
      // An invalid date is the caller's mistake: refuse it before taking a turn.
      const asOf = ask.asOf === undefined ? undefined : asOfDay(ask.asOf);
      await takeTurn();
      // One path for incident questions: the records answer "when was the last attack on X" when
      // they hold an incident at X; otherwise, and for every other question, the answer path does.
      const asked = incidentQuestion(question);
      const started = performance.now();
      if (asked?.ask === 'last') {
        const found = await lastIncidentAnswer(timeline, index.articles, question, asked, asOf ?? todayIn(config.TIME_ZONE));
        if (found) return { ...found, ms: Math.round((performance.now() - started) * 10) / 10 };
      }
      const answer = await answerer.answer(question, { asOf });
      if (asked?.ask !== 'count') return answer;
      const time = answerer.timeOf(question, { asOf });
      // None found says nothing a plain answer or abstention does not: the line and its button need incidents to list.
      const counted = await countPart(timeline, asked, time.range, time.asOf);
      return counted.count > 0 ? { ...answer, incidents: counted } : answer;
    },
    async timeline(filter) {
      return timeline(filter);
    },
    candidates: (question, ask = {}) => answerer.candidates(question, { asOf: ask.asOf === undefined ? undefined : asOfDay(ask.asOf) }),
    search: (query, { asOf, ...opts }) => answerer.search(query, { ...opts, asOf: asOf === undefined ? undefined : asOfDay(asOf) }),
    sources: () => index.articles.map(articleRef),
    info: () => ({
      articles: index.manifest.counts.articles,
      passages: index.manifest.counts.passages,
      files: index.manifest.counts.files,
      embedder: index.manifest.embedder.id,
      createdAt: index.manifest.createdAt,
      location: index.location,
      answerModel: model ? config.ANSWER_MODEL : null,
      spanModel: spanModel ? config.SPAN_MODEL : null,
      abstainModel: abstain ? config.ABSTAIN_MODEL : null,
      readerModel: reader ? reader.model : null,
      minConfidence,
    }),
    async reload() {
      if (currentGeneration(indexDir) === index.location) return false;
      // Read and verify the new generation fully before swapping: a damaged one throws, and the old
      // stays. It is read in steps, so questions keep being answered from the old one meanwhile.
      const next = await readIndexInSteps(indexDir, readOptions);
      const nextAnswerer = answererFor(next, await runInSteps(indexViewSteps(next)));
      index = next;
      answerer = nextAnswerer;
      timeline = incidentRecords(next);
      return true;
    },
  };
}
