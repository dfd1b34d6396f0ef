/**
 * The span-selection model file: the features it reads, in order, its logistic model (how well a
 * candidate span answers, trained on token F1 against the gold answer), one model per held-out fold
 * (so an evaluation on its own training questions can still score each with a model that never saw
 * its article), the data, the held-out figures and the command that rebuilds it. A file of another
 * format version, or one reading other features than this Sitrep computes, is refused with that command.
 */
import { z } from 'zod';
import type { LogisticModel } from './logistic.js';
import { logisticSchema, readModelFile, writeModelFile } from './model.js';

export const SPAN_MODEL_FORMAT = 'sitrep-span-selection';
export const SPAN_MODEL_VERSION = 1;
export const SPAN_REBUILD_COMMAND = 'npm run train -- --spans';

const logistic = logisticSchema;

const spanModelSchema = z.object({
  format: z.literal(SPAN_MODEL_FORMAT),
  version: z.number().int(),
  features: z.array(z.string()),
  /** Trained on every question. */
  span: logistic,
  /** Fold k's model was trained without the articles of fold k (`foldOf(title, folds.length)`). */
  folds: z.array(logistic),
  trainedOn: z.array(z.string()),
  command: z.string(),
  createdAt: z.string(),
  heldOut: z.record(z.string(), z.unknown()),
});

export type SpanModel = z.infer<typeof spanModelSchema> & { span: LogisticModel; folds: LogisticModel[] };

/** Reads and checks a span model file against the features this Sitrep computes. */
export function readSpanModel(file: string, features: readonly string[]): SpanModel {
  const rebuild = `Rebuild it with \`${SPAN_REBUILD_COMMAND}\`, or set SPAN_MODEL=none for the hand rules.`;
  return readModelFile(file, features, {
    name: 'span model',
    format: { value: SPAN_MODEL_FORMAT, notOne: 'a span model' },
    version: SPAN_MODEL_VERSION,
    schema: spanModelSchema,
    logistics: (m) => [m.span, ...m.folds],
    rebuild,
    issuePath: true,
  });
}

export function writeSpanModel(file: string, model: SpanModel): void {
  writeModelFile(file, model);
}
