/**
 * The answer-selection model file: which features it reads, in which order, its two logistic models
 * (does this sentence hold the answer; does the best sentence answer at all), the data it was trained
 * on, its held-out figures, and the command that rebuilds it. A file of another format version, or
 * one that reads other features than this Sitrep computes, is refused with that command.
 */
import fs from 'node:fs';
import { z } from 'zod';
import type { LogisticModel } from './logistic.js';

export const MODEL_FORMAT = 'sitrep-answer-selection';
export const MODEL_VERSION = 1;
export const REBUILD_COMMAND = 'npm run train';

/** A logistic model as the model files store it (shared by every model file). */
export const logisticSchema = z.object({
  mean: z.array(z.number()),
  scale: z.array(z.number().positive()),
  weights: z.array(z.number()),
  bias: z.number(),
});
const logistic = logisticSchema;

const modelSchema = z.object({
  format: z.literal(MODEL_FORMAT),
  version: z.number().int(),
  features: z.array(z.string()),
  /** P(the sentence holds the answer), per candidate sentence. */
  sentence: logistic,
  /** The confidence threshold that maximised the overall score on held-out folds (the default MIN_CONFIDENCE). */
  threshold: z.number().min(0).max(1),
  trainedOn: z.array(z.string()),
  command: z.string(),
  createdAt: z.string(),
  heldOut: z.record(z.string(), z.unknown()),
});

export type AnswerModel = z.infer<typeof modelSchema> & { sentence: LogisticModel };

export class ModelError extends Error {
  override readonly name = 'ModelError';
}

/** Reads and checks a model file against the features this Sitrep computes. */
export function readAnswerModel(file: string, features: readonly string[]): AnswerModel {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ModelError(`The answer model ${file} cannot be read (${(err as Error).message}). Rebuild it with \`${REBUILD_COMMAND}\`.`);
  }
  const version = (raw as { version?: unknown } | null)?.version;
  if (version !== MODEL_VERSION) {
    throw new ModelError(`The answer model ${file} has format version ${String(version)}; this Sitrep reads version ${MODEL_VERSION}. Rebuild it with \`${REBUILD_COMMAND}\`.`);
  }
  const parsed = modelSchema.safeParse(raw);
  if (!parsed.success) throw new ModelError(`The answer model ${file} is not a valid model (${parsed.error.issues[0]?.message}). Rebuild it with \`${REBUILD_COMMAND}\`.`);
  const m = parsed.data;
  const sizes = [m.sentence.mean.length, m.sentence.scale.length, m.sentence.weights.length];
  if (m.features.join(',') !== features.join(',') || sizes.some((s) => s !== features.length)) {
    throw new ModelError(`The answer model ${file} reads other features than this Sitrep computes. Rebuild it with \`${REBUILD_COMMAND}\`.`);
  }
  return m;
}

export function writeAnswerModel(file: string, model: AnswerModel): void {
  fs.writeFileSync(file, `${JSON.stringify(model, null, 1)}\n`);
}
