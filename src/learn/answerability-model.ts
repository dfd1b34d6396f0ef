/**
 * The answer/abstain model file: the features it reads, in order, its logistic model (does the quoted
 * sentence answer the question at all), one model per held-out fold (so that an evaluation on its own
 * training questions scores each with a model that never saw its article), the threshold that
 * maximised the overall score on held-out folds, the data and the command that rebuilds it. A file of
 * another format version, or one reading other features than this Sitrep computes, is refused.
 */
import { z } from 'zod';
import type { LogisticModel } from './logistic.js';
import { logisticSchema, readModelFile, writeModelFile } from './model.js';

export const ANSWERABILITY_FORMAT = 'sitrep-answerability';
export const ANSWERABILITY_VERSION = 1;
export const ANSWERABILITY_REBUILD_COMMAND = 'npm run train -- --answerability';

const logistic = logisticSchema;

const schema = z.object({
  format: z.literal(ANSWERABILITY_FORMAT),
  version: z.number().int(),
  features: z.array(z.string()),
  /** Trained on every question. */
  answers: logistic,
  /** Fold k's model was trained without the articles of fold k (`foldOf(title, folds.length)`). */
  folds: z.array(logistic),
  threshold: z.number().min(0).max(1),
  trainedOn: z.array(z.string()),
  command: z.string(),
  createdAt: z.string(),
  heldOut: z.record(z.string(), z.unknown()),
});

export type AnswerabilityModel = z.infer<typeof schema> & { answers: LogisticModel; folds: LogisticModel[] };

/** Reads and checks an answerability model file against the features this Sitrep computes. */
export function readAnswerabilityModel(file: string, features: readonly string[]): AnswerabilityModel {
  const rebuild = `Rebuild it with \`${ANSWERABILITY_REBUILD_COMMAND}\`, or set ABSTAIN_MODEL=none for the hand-set confidence.`;
  return readModelFile(file, features, {
    name: 'answerability model',
    format: { value: ANSWERABILITY_FORMAT, notOne: 'one' },
    version: ANSWERABILITY_VERSION,
    schema: schema,
    logistics: (m) => [m.answers, ...m.folds],
    rebuild,
    issuePath: true,
  });
}

export function writeAnswerabilityModel(file: string, model: AnswerabilityModel): void {
  writeModelFile(file, model);
}
