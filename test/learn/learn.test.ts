import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CANDIDATE_FEATURES } from '../../src/answer/candidate-features.js';
import { probability, trainLogistic } from '../../src/learn/logistic.js';
import { MODEL_FORMAT, MODEL_VERSION, ModelError, readAnswerModel, writeAnswerModel, type AnswerModel } from '../../src/learn/model.js';
import { foldOf, trainAnswerModel, type LabelledQuestion } from '../../src/learn/train.js';

/** Deterministic pseudo-random numbers for synthetic data. */
function rng(seed: number) {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
}

describe('logistic regression', () => {
  it('learns a separable rule and gives calibrated-looking probabilities', () => {
    const r = rng(3);
    const rows: number[][] = [];
    const labels: number[] = [];
    for (let i = 0; i < 4000; i++) {
      const x = [r() * 10, r(), r() * 100];
      rows.push(x);
      labels.push(x[0]! + 20 * x[1]! > 15 ? 1 : 0);
    }
    const m = trainLogistic(rows, labels, { epochs: 20, learningRate: 0.05 });
    const right = rows.filter((x, i) => (probability(m, x) > 0.5 ? 1 : 0) === labels[i]).length;
    expect(right / rows.length).toBeGreaterThan(0.95);
    // The third feature is noise: its weight stays small beside the two that decide.
    expect(Math.abs(m.weights[2]!)).toBeLessThan(Math.abs(m.weights[0]!) / 4);
    expect(trainLogistic(rows, labels, { epochs: 2 })).toEqual(trainLogistic(rows, labels, { epochs: 2 }));
  });
});

describe('answer model training', () => {
  it('keeps every article on one side of each fold, and reports held-out figures', () => {
    const r = rng(9);
    const questions: LabelledQuestion[] = [];
    for (let a = 0; a < 40; a++) {
      for (let k = 0; k < 10; k++) {
        const answerable = r() > 0.3;
        // The right candidate has a higher first feature; the hand-set order puts it first half the time.
        const right = answerable ? Math.floor(r() * 4) : -1;
        const rows = Array.from({ length: 4 }, (_, i) => [i === right ? 0.8 + r() * 0.2 : r() * 0.6, r()]);
        questions.push({ article: `article ${a}`, answerable, rows, labels: rows.map((_, i) => (i === right ? 1 : 0)) });
      }
    }
    for (const q of questions) expect(foldOf(q.article, 5)).toBe(foldOf(q.article, 5));
    const { heldOut } = trainAnswerModel(questions, 5);
    expect(heldOut.questions).toBe(400);
    expect(heldOut.topSentence).toBeGreaterThan(0.9);
    expect(heldOut.handSetTopSentence).toBeLessThan(0.5);
    expect(heldOut.auc!).toBeGreaterThan(0.8);
    expect(heldOut.reliability.reduce((n, b) => n + b.questions, 0)).toBe(400);
  });
});

describe('the model file', () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sitrep-model-')), 'model.json');
  const n = CANDIDATE_FEATURES.length;
  const model = (over: Partial<AnswerModel> = {}): AnswerModel => ({
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    features: [...CANDIDATE_FEATURES],
    sentence: { mean: Array(n).fill(0), scale: Array(n).fill(1), weights: Array(n).fill(0.1), bias: 0 },
    threshold: 0.3,
    trainedOn: ['squad-v1.1-dev.json'],
    command: 'npm run train',
    createdAt: '2026-12-01T00:00:00Z',
    heldOut: {},
    ...over,
  });

  it('reads back what it wrote', () => {
    writeAnswerModel(file, model());
    expect(readAnswerModel(file, CANDIDATE_FEATURES).threshold).toBe(0.3);
  });
  it('refuses another format version, other features, or a broken file, naming the command that rebuilds it', () => {
    writeAnswerModel(file, model({ version: MODEL_VERSION + 1 }));
    expect(() => readAnswerModel(file, CANDIDATE_FEATURES)).toThrow(/version .*npm run train/);
    writeAnswerModel(file, model({ features: [...CANDIDATE_FEATURES].reverse() }));
    expect(() => readAnswerModel(file, CANDIDATE_FEATURES)).toThrow(ModelError);
    fs.writeFileSync(file, '{ not json');
    expect(() => readAnswerModel(file, CANDIDATE_FEATURES)).toThrow(/npm run train/);
  });
  it('the shipped model matches the features this Sitrep computes', () => {
    expect(readAnswerModel('models/answer-selection.json', CANDIDATE_FEATURES).features).toEqual([...CANDIDATE_FEATURES]);
  });
});

describe('answering with the learned model', () => {
  it('ranks by the model, takes its threshold as MIN_CONFIDENCE and its probability as confidence', async () => {
    const { openSitrep } = await import('../../src/sitrep.js');
    const { tempDir, testConfig } = await import('../helpers/fixtures.js');
    const config = testConfig({ CORPUS_DIR: path.resolve('corpus'), INDEX_DIR: path.join(tempDir(), 'index'), ANSWER_MODEL: 'models/answer-selection.json' });
    delete (config as { MIN_CONFIDENCE?: number }).MIN_CONFIDENCE;
    const sitrep = await openSitrep(config, { buildIfMissing: true });
    const shipped = readAnswerModel('models/answer-selection.json', CANDIDATE_FEATURES);
    expect(sitrep.info()).toMatchObject({ answerModel: 'models/answer-selection.json', minConfidence: shipped.threshold });
    const a = await sitrep.answer('How many attacks since Oct 17?');
    expect(a.answer?.text).toContain('at least 78 attacks');
    expect(a.confidence).toBeGreaterThan(0);
    expect(a.confidence).toBeLessThan(1);
    const { texts, rows } = await sitrep.candidates('How many attacks since Oct 17?');
    expect(rows.length).toBe(texts.length);
    expect(rows.every((r) => r.length === CANDIDATE_FEATURES.length && r.every(Number.isFinite))).toBe(true);
  }, 180_000);
});
