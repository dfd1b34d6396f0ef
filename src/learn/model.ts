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

/** What a model file must be, for `readModelFile`. */
export interface ModelFileSpec<T> {
  /** How messages name it: "answer model", "span model". */
  name: string;
  /** The `format` field it must carry, and how a message says it is not one; absent: not checked. */
  format?: { value: string; notOne: string };
  version: number;
  schema: z.ZodType<T>;
  /** Its logistic models, each of which must read `features`. */
  logistics: (model: T) => readonly { mean: number[]; scale: number[]; weights: number[] }[];
  /** What to do about a bad file, ending every message. */
  rebuild: string;
  /** Whether a schema failure names the field it failed at. */
  issuePath?: boolean;
}

/**
 * Reads and checks a model file: readable JSON, its format and version, its schema, and features
 * (names, order and every logistic model's sizes) equal to those this Sitrep computes; each failure
 * is a ModelError that says what to do.
 */
export function readModelFile<T extends { features: string[] }>(file: string, features: readonly string[], spec: ModelFileSpec<T>): T {
  const { name, rebuild } = spec;
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ModelError(`The ${name} ${file} cannot be read (${(err as Error).message}). ${rebuild}`);
  }
  if (spec.format) {
    const format = (raw as { format?: unknown } | null)?.format;
    if (format !== spec.format.value) throw new ModelError(`The ${name} ${file} is not ${spec.format.notOne} (format ${String(format)}, expected ${spec.format.value}). ${rebuild}`);
  }
  const version = (raw as { version?: unknown } | null)?.version;
  if (version !== spec.version) {
    throw new ModelError(`The ${name} ${file} has format version ${String(version)}; this Sitrep reads version ${spec.version}. ${rebuild}`);
  }
  const parsed = spec.schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const what = spec.issuePath ? `${issue?.path.join('.')}: ${issue?.message}` : `${issue?.message}`;
    throw new ModelError(`The ${name} ${file} is not a valid model (${what}). ${rebuild}`);
  }
  const m = parsed.data;
  const sizes = spec.logistics(m).flatMap((l) => [l.mean.length, l.scale.length, l.weights.length]);
  if (m.features.join(',') !== features.join(',') || sizes.some((n) => n !== features.length)) {
    throw new ModelError(`The ${name} ${file} reads other features than this Sitrep computes. ${rebuild}`);
  }
  return m;
}

/** Reads and checks a model file against the features this Sitrep computes. */
export function readAnswerModel(file: string, features: readonly string[]): AnswerModel {
  return readModelFile(file, features, {
    name: 'answer model',
    version: MODEL_VERSION,
    schema: modelSchema,
    logistics: (m) => [m.sentence],
    rebuild: `Rebuild it with \`${REBUILD_COMMAND}\`.`,
  });
}

/** Writes a model file as every reader above reads it: JSON, one space of indent, a closing newline. */
export function writeModelFile(file: string, model: object): void {
  fs.writeFileSync(file, `${JSON.stringify(model, null, 1)}\n`);
}

/** The model fitted on every example, or fold `fold`'s (evaluation only: fitted without that fold's examples). */
export function modelOrFold(name: string, all: LogisticModel, folds: readonly LogisticModel[], fold?: number): LogisticModel {
  if (fold === undefined) return all;
  const model = folds[fold];
  if (!model) throw new Error(`${name}: no fold ${fold} (it has ${folds.length})`);
  return model;
}

export function writeAnswerModel(file: string, model: AnswerModel): void {
  writeModelFile(file, model);
}
