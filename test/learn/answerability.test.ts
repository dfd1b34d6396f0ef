import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ANSWERABILITY_FEATURES, answerabilityFeatures, rarityFrom } from '../../src/answer/answerability.js';
import { CANDIDATE_FEATURES } from '../../src/answer/candidate-features.js';
import { parseQuestion } from '../../src/answer/question.js';
import {
  ANSWERABILITY_FORMAT,
  ANSWERABILITY_VERSION,
  readAnswerabilityModel,
  writeAnswerabilityModel,
  type AnswerabilityModel,
} from '../../src/learn/answerability-model.js';
import { chooseWeight, thresholdKeepingAnswers, trainAnswerability, type AnswerabilityExample, type HeldOutScore } from '../../src/learn/answerability-train.js';
import { ModelError } from '../../src/learn/model.js';
import { seededRandom } from '../../src/learn/random.js';

const feature = (row: number[], name: (typeof ANSWERABILITY_FEATURES)[number]) => row[ANSWERABILITY_FEATURES.indexOf(name)]!;
const candidateRow = (over: Partial<Record<(typeof CANDIDATE_FEATURES)[number], number>>) => CANDIDATE_FEATURES.map((f) => over[f] ?? 0);

describe('answerability features', () => {
  const rarity = rarityFrom((t) => (t === 'harbour' ? 1 : 50), 100);
  const features = (question: string, texts: string[], rows = [candidateRow({ relevance: 0.8 }), candidateRow({ relevance: 0.5 })]) =>
    answerabilityFeatures({ question: parseQuestion(question), rows, texts, rarity, handConfidence: 0.5, spanScore: 0.3 });

  it('counts the question words and names the best sentence leaves out, and those no candidate holds', () => {
    const row = features('Who shelled the Harbour of Verna in May?', ['Militias shelled the harbour in May.', 'The harbour reopened in June.']);
    expect(feature(row, 'uncovered_names')).toBe(1);
    expect(feature(row, 'uncovered_any_name')).toBe(1);
    expect(feature(row, 'unseen_any_name')).toBe(1);
    expect(feature(row, 'uncovered_share')).toBeCloseTo(1 / 4);
    expect(feature(row, 'lead_over_second')).toBeCloseTo(0.3);
    expect(feature(row, 'span_score')).toBe(0.3);
  });

  it('marks a negated question and its answer type', () => {
    const row = features('Which port was never shelled?', ['The port was shelled twice.']);
    expect(feature(row, 'negation')).toBe(1);
    expect(feature(row, 'type_place')).toBe(1);
    // "never" is a question word the sentence leaves out: one of three.
    expect(feature(row, 'uncovered_share')).toBeCloseTo(1 / 3);
    expect(row).toHaveLength(ANSWERABILITY_FEATURES.length);
  });

  it('reads rarity as idf over its largest value: 1 for a word found once, less for common ones', () => {
    expect(rarity('harbour')).toBe(1);
    expect(rarity('unknown')).toBeLessThan(1);
    expect(rarityFrom(() => 0, 10)('never seen')).toBe(1);
  });
});

describe('answerability training', () => {
  it('learns from held-out folds which quotes answer, beside the hand-set confidence', () => {
    const r = seededRandom(3);
    const examples: AnswerabilityExample[] = [];
    for (let a = 0; a < 40; a++) {
      for (let k = 0; k < 10; k++) {
        const answerable = r() < 0.5;
        const correct = answerable && r() < 0.8;
        // The first feature tells answered-right questions apart; the hand-set confidence is noise.
        examples.push({ set: 'v2', article: `article ${a}`, answerable, label: correct ? 1 : 0, row: [correct ? 0.6 + 0.4 * r() : 0.5 * r(), r()], handConfidence: r() });
      }
    }
    const { model, folds, heldOut } = trainAnswerability(examples, 'v2', { target: 'correct' });
    expect(folds).toHaveLength(5);
    expect(model.weights).toHaveLength(2);
    expect(heldOut.questions).toBe(400);
    expect(heldOut.learned.auc!).toBeGreaterThan(0.8);
    expect(heldOut.handSet.auc!).toBeLessThan(0.65);
    expect(heldOut.learned.overall).toBeGreaterThan(heldOut.handSet.overall);
  });
});

describe('choosing the news weight and the threshold on held-out scores', () => {
  it('takes the smallest weight within one standard error of the best', () => {
    const tried = [0, 10, 100, 1000].map((weight, i) => ({ weight, overall: [0.6, 0.7, 0.74, 0.75][i]!, questions: 250 }));
    // One standard error of 75% over 250 questions is 2.7 points: 74% is within it, 70% is not.
    expect(chooseWeight(tried).weight).toBe(100);
  });

  it('keeps the threshold that scores best overall among those answering right as often as the hand-set confidence', () => {
    const s = (answerable: boolean, correct: boolean, learned: number, hand: number): HeldOutScore => ({ answerable, correct, learned, hand });
    // The hand-set confidence answers both right answers at 0.35; the learned one separates better but
    // gives one right answer a low score, so a threshold above 0.2 would lose it.
    const scored = [s(true, true, 0.9, 0.5), s(true, true, 0.25, 0.4), s(true, false, 0.1, 0.6), s(false, false, 0.15, 0.7), s(false, false, 0.05, 0.2)];
    const choice = thresholdKeepingAnswers(scored, 0.35);
    expect(choice.handSet.answeredRight).toBe(2 / 3);
    expect(choice.answeredRight).toBe(2 / 3);
    expect(choice.threshold).toBeGreaterThan(0.15);
    expect(choice.threshold).toBeLessThanOrEqual(0.25);
    expect(choice.overall).toBe(4 / 5);
    expect(choice.handSet.overall).toBe(3 / 5);
  });

  it('fits heavier rows more closely (row weights)', () => {
    const base: AnswerabilityExample[] = [];
    for (let i = 0; i < 200; i++) base.push({ set: 'squad', article: `s${i}`, answerable: true, label: i % 2, row: [i % 2 ? 1 : 0], handConfidence: 0 });
    // News rows say the opposite of SQuAD's: the more they weigh, the more the model believes them.
    const news = (weight: number): AnswerabilityExample[] =>
      Array.from({ length: 20 }, (_, i) => ({ set: 'news', article: `n${i}`, answerable: true, label: i % 2, row: [i % 2 ? 0 : 1], handConfidence: 0, weight }));
    const slope = (w: number) => trainAnswerability([...base, ...news(w)], 'squad', { target: 'correct' }).model.weights[0]!;
    expect(slope(30)).toBeLessThan(slope(1));
  });
});

describe('the answerability model file', () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sitrep-answerability-')), 'answerability.json');
  const n = ANSWERABILITY_FEATURES.length;
  const logistic = () => ({ mean: Array(n).fill(0), scale: Array(n).fill(1), weights: Array(n).fill(0.1), bias: 0 });
  const model = (over: Partial<AnswerabilityModel> = {}): AnswerabilityModel => ({
    format: ANSWERABILITY_FORMAT,
    version: ANSWERABILITY_VERSION,
    features: [...ANSWERABILITY_FEATURES],
    answers: logistic(),
    folds: [logistic(), logistic()],
    threshold: 0.4,
    trainedOn: ['squad-v2.0-dev.json'],
    command: 'npm run train -- --answerability',
    createdAt: '2026-12-01T00:00:00Z',
    heldOut: {},
    ...over,
  });

  it('reads back what it wrote', () => {
    writeAnswerabilityModel(file, model());
    expect(readAnswerabilityModel(file, ANSWERABILITY_FEATURES).threshold).toBe(0.4);
  });

  it('refuses another version, other features, or another kind of model, with the command that rebuilds it', () => {
    writeAnswerabilityModel(file, model({ version: ANSWERABILITY_VERSION + 1 }));
    expect(() => readAnswerabilityModel(file, ANSWERABILITY_FEATURES)).toThrow(/version .*npm run train -- --answerability/);
    writeAnswerabilityModel(file, model({ features: ['coverage'] }));
    expect(() => readAnswerabilityModel(file, ANSWERABILITY_FEATURES)).toThrow(ModelError);
    fs.writeFileSync(file, JSON.stringify({ format: 'sitrep-span-selection', version: 1 }));
    expect(() => readAnswerabilityModel(file, ANSWERABILITY_FEATURES)).toThrow(/not one/);
    fs.writeFileSync(file, '{ not json');
    expect(() => readAnswerabilityModel(file, ANSWERABILITY_FEATURES)).toThrow(/cannot be read/);
  });
});
