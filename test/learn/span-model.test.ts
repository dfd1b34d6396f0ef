import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SPAN_FEATURES } from '../../src/answer/span-features.js';
import { ModelError } from '../../src/learn/model.js';
import { SPAN_MODEL_FORMAT, SPAN_MODEL_VERSION, readSpanModel, writeSpanModel, type SpanModel } from '../../src/learn/span-model.js';
import { trainSpanModel, type SpanQuestion } from '../../src/learn/span-train.js';
import { seededRandom } from '../../src/learn/random.js';

describe('span model training', () => {
  it('learns from a tiny in-memory set which candidate answers, and reports held-out folds against the hand rules', () => {
    const r = seededRandom(5);
    const width = 3;
    const questions: SpanQuestion[] = [];
    for (let a = 0; a < 30; a++) {
      for (let k = 0; k < 8; k++) {
        const n = 6;
        const right = Math.floor(r() * n);
        const rows = new Float32Array(n * width);
        // The answering candidate has a high first feature; the others a low one; the rest is noise.
        for (let i = 0; i < n; i++) rows.set([i === right ? 0.7 + 0.3 * r() : 0.5 * r(), r(), r()], i * width);
        const f1 = Float32Array.from({ length: n }, (_, i) => (i === right ? 1 : 0));
        questions.push({ article: `article ${a}`, rows, width, f1, exact: Uint8Array.from(f1), handF1: right === 0 ? 1 : 0, handExact: right === 0, handKept: a % 2 === 0 });
      }
    }
    const { model, folds, heldOut } = trainSpanModel(questions, { folds: 5, negatives: 3, epochs: 30 });
    expect(folds).toHaveLength(5);
    expect(model.weights).toHaveLength(width);
    expect(heldOut.questions).toBe(240);
    expect(heldOut.exactMatch).toBeGreaterThan(0.9);
    expect(heldOut.f1).toBeGreaterThan(0.9);
    expect(heldOut.handF1).toBeLessThan(0.4);
    expect(heldOut.ceilingF1).toBe(1);
    // Half the articles keep the hand rules' span: the figure as marked lies between the two.
    expect(heldOut.markedF1).toBeLessThan(heldOut.f1);
    expect(heldOut.markedF1).toBeGreaterThan(heldOut.handF1);
  });
});

describe('the span model file', () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sitrep-span-model-')), 'spans.json');
  const n = SPAN_FEATURES.length;
  const logistic = () => ({ mean: Array(n).fill(0), scale: Array(n).fill(1), weights: Array(n).fill(0.1), bias: 0 });
  const model = (over: Partial<SpanModel> = {}): SpanModel => ({
    format: SPAN_MODEL_FORMAT,
    version: SPAN_MODEL_VERSION,
    features: [...SPAN_FEATURES],
    span: logistic(),
    folds: [logistic(), logistic()],
    trainedOn: ['squad-v1.1-dev.json'],
    command: 'npm run train -- --spans',
    createdAt: '2026-12-01T00:00:00Z',
    heldOut: {},
    ...over,
  });

  it('reads back what it wrote', () => {
    writeSpanModel(file, model());
    expect(readSpanModel(file, SPAN_FEATURES).folds).toHaveLength(2);
  });

  it('refuses another format version with the command that rebuilds it', () => {
    writeSpanModel(file, model({ version: SPAN_MODEL_VERSION + 1 }));
    expect(() => readSpanModel(file, SPAN_FEATURES)).toThrow(ModelError);
    expect(() => readSpanModel(file, SPAN_FEATURES)).toThrow(/format version 2; this Sitrep reads version 1\. Rebuild it with `npm run train -- --spans`/);
  });

  it('refuses the sentence model, other features, and a broken file', () => {
    fs.writeFileSync(file, JSON.stringify({ format: 'sitrep-answer-selection', version: 1 }));
    expect(() => readSpanModel(file, SPAN_FEATURES)).toThrow(/not a span model/);
    writeSpanModel(file, model({ features: [...SPAN_FEATURES].reverse() }));
    expect(() => readSpanModel(file, SPAN_FEATURES)).toThrow(/other features/);
    writeSpanModel(file, model({ folds: [{ ...logistic(), weights: [1] }] }));
    expect(() => readSpanModel(file, SPAN_FEATURES)).toThrow(/other features/);
    fs.writeFileSync(file, '{ not json');
    expect(() => readSpanModel(file, SPAN_FEATURES)).toThrow(/cannot be read.*SPAN_MODEL=none/);
  });

  it('the shipped model loads and matches the features this Sitrep computes', () => {
    const shipped = readSpanModel('models/span-selection.json', SPAN_FEATURES);
    expect(shipped.features).toEqual([...SPAN_FEATURES]);
    expect(shipped.folds.length).toBeGreaterThan(1);
    expect(shipped.command).toBe('npm run train -- --spans');
  });
});

describe('opening Sitrep with the span model', () => {
  it('loads the shipped model by default, none on request, and refuses a fold the file does not hold', async () => {
    const { openSitrep } = await import('../../src/sitrep.js');
    const { tempDir, testConfig } = await import('../helpers/fixtures.js');
    const index = path.join(tempDir(), 'index');
    const config = (env: Record<string, string> = {}) => testConfig({ CORPUS_DIR: path.resolve('corpus'), INDEX_DIR: index, ...env });
    const learned = await openSitrep(config({ MIN_CONFIDENCE: '0' }), { buildIfMissing: true });
    expect(learned.info().spanModel).toBe('models/span-selection.json');
    expect((await openSitrep(config({ SPAN_MODEL: 'none' }))).info().spanModel).toBeNull();
    await expect(openSitrep(config({ SPAN_MODEL_FOLD: '99' }))).rejects.toThrow(/SPAN_MODEL_FOLD is 99, but the span model .* has 5 folds/);
    // A what-question, which the hand rules leave unmarked: the model marks words of the quote.
    const a = await learned.answer('What did the Islamic Resistance in Iraq launch?');
    const span = a.answer?.span;
    expect(span).toBeTruthy();
    expect(a.answer!.text.slice(span!.start, span!.end)).toBe(span!.text);
  }, 180_000);
});
