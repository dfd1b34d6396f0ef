/**
 * The span-selection model file: the features it reads, in order, its logistic model (how well a
 * candidate span answers, trained on token F1 against the gold answer), one model per held-out fold
 * (so an evaluation on its own training questions can still score each with a model that never saw
 * its article), the data, the held-out figures and the command that rebuilds it. A file of another
 * format version, or one reading other features than this Sitrep computes, is refused with that command.
 */
import fs from 'node:fs';
import { z } from 'zod';
import type { LogisticModel } from './logistic.js';
import { ModelError, logisticSchema } from './model.js';

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
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ModelError(`The span model ${file} cannot be read (${(err as Error).message}). ${rebuild}`);
  }
  const format = (raw as { format?: unknown } | null)?.format;
  if (format !== SPAN_MODEL_FORMAT) throw new ModelError(`The span model ${file} is not a span model (format ${String(format)}, expected ${SPAN_MODEL_FORMAT}). ${rebuild}`);
  const version = (raw as { version?: unknown }).version;
  if (version !== SPAN_MODEL_VERSION) {
    throw new ModelError(`The span model ${file} has format version ${String(version)}; this Sitrep reads version ${SPAN_MODEL_VERSION}. ${rebuild}`);
  }
  const parsed = spanModelSchema.safeParse(raw);
  if (!parsed.success) throw new ModelError(`The span model ${file} is not a valid model (${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}). ${rebuild}`);
  const m = parsed.data;
  const sizes = [m.span, ...m.folds].flatMap((l) => [l.mean.length, l.scale.length, l.weights.length]);
  if (m.features.join(',') !== features.join(',') || sizes.some((s) => s !== features.length)) {
    throw new ModelError(`The span model ${file} reads other features than this Sitrep computes. ${rebuild}`);
  }
  return m;
}

export function writeSpanModel(file: string, model: SpanModel): void {
  fs.writeFileSync(file, `${JSON.stringify(model, null, 1)}\n`);
}
