/**
 * The learned sentence model: over every sentence the trigger filter passes (`readCandidates`), a
 * logistic model of the features of `sentence-features.ts` — the rules' gate outcomes among them —
 * gives the probability that the sentence reports an incident, and the sentences at or above the
 * model's threshold become reports in place of the rules' choice; so it can keep what the rules turn
 * away as well as drop what they keep. The model file (`models/incident-sentences.json`,
 * `npm run train -- --incident-sentences`) names the features it reads, the data it was trained on
 * and the command that rebuilds it; a file of another version or reading other features is refused.
 * Pure apart from reading that file.
 */
import type { z } from 'zod';
import type { Article } from '../corpus/types.js';
import { modelOrFold, readModelFile, writeModelFile } from '../learn/model.js';
import { probability, type LogisticModel } from '../learn/logistic.js';
import { incidentModelSchema } from './report-model.js';
import { articleCandidateFeatures, SENTENCE_FEATURES } from './sentence-features.js';
import type { IncidentReport, ReportCandidate } from './types.js';

export const SENTENCE_MODEL_FORMAT = 'sitrep-incident-sentences';
export const SENTENCE_MODEL_VERSION = 1;
export const SENTENCE_REBUILD_COMMAND = 'npm run train -- --incident-sentences';
/** Where the trained model is kept. */
export const DEFAULT_SENTENCE_MODEL = 'models/incident-sentences.json';

/** Sentences whose probability is at least the threshold become reports. */
const schema = incidentModelSchema(SENTENCE_MODEL_FORMAT, 'sentences');

export type SentenceModelFile = z.infer<typeof schema> & { sentences: LogisticModel; folds: LogisticModel[] };

/** A model ready to apply: one logistic model and its threshold, and a name for the reports' version. */
export interface SentenceModel {
  model: LogisticModel;
  threshold: number;
  /** Says which model chose the sentences (stored with the reports as part of the extractor's version). */
  id: string;
}

/** Reads and checks a sentence model file against the features this Sitrep computes. */
export function readSentenceModel(file: string): SentenceModelFile {
  return readModelFile(file, SENTENCE_FEATURES, {
    name: 'incident sentence model',
    format: { value: SENTENCE_MODEL_FORMAT, notOne: 'one' },
    version: SENTENCE_MODEL_VERSION,
    schema,
    logistics: (m) => [m.sentences, ...m.folds],
    rebuild: `Rebuild it with \`${SENTENCE_REBUILD_COMMAND}\`, or set INCIDENT_SENTENCE_MODEL=none for the rules alone.`,
    issuePath: true,
  });
}

/** The model of a file: the one fitted on all data, or fold `fold`'s (evaluation only); `threshold` overrides the file's. */
export function sentenceModelOf(file: SentenceModelFile, fold?: number, threshold = file.threshold): SentenceModel {
  const model = modelOrFold('incident sentence model', file.sentences, file.folds, fold);
  return { model, threshold, id: `sentences-v${file.version}-${file.createdAt.slice(0, 10)}${fold === undefined ? '' : `-fold${fold}`}${threshold === file.threshold ? '' : `-t${threshold}`}` };
}

/** The probability of each candidate of one article, in their order. */
export function candidateProbabilities(model: LogisticModel, candidates: readonly ReportCandidate[], article: Pick<Article, 'title' | 'published' | 'text'>, sentenceCount: number): number[] {
  if (candidates.length === 0) return [];
  return articleCandidateFeatures(candidates, article, sentenceCount).map((row) => probability(model, row));
}

/** The reports of the candidates whose probability reaches `threshold` (two for a sentence the rules split). */
export function reportsAt(candidates: readonly ReportCandidate[], probabilities: readonly number[], threshold: number): IncidentReport[] {
  return candidates.flatMap((c, i) => (probabilities[i]! >= threshold ? (c.two ?? [c.report]) : []));
}

/** The reports of one article the model chooses, in sentence order. */
export function applySentenceModel(model: SentenceModel, candidates: readonly ReportCandidate[], article: Pick<Article, 'title' | 'published' | 'text'>, sentenceCount: number): IncidentReport[] {
  return reportsAt(candidates, candidateProbabilities(model.model, candidates, article, sentenceCount), model.threshold);
}

export function writeSentenceModel(file: string, model: SentenceModelFile): void {
  writeModelFile(file, model);
}
