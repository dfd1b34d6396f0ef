/**
 * Training and held-out evaluation of the answer model: k folds by article (no article is ever on
 * both sides), a logistic model per fold scored on the fold it did not see, then one model on all.
 * Pure functions over labelled candidates; reading the data and writing the file are the caller's.
 */
import { probability, trainLogistic, type LogisticModel } from './logistic.js';

/** One question's candidates, hand-ranked best first. */
export interface LabelledQuestion {
  article: string;
  answerable: boolean;
  rows: number[][];
  labels: number[];
}

export interface HeldOutFigures {
  folds: number;
  questions: number;
  answerable: number;
  unanswerable: number;
  /** Of the answerable: the chosen sentence holds a gold answer (learned, and the hand-set first candidate). */
  topSentence: number;
  handSetTopSentence: number;
  /** Of the answerable: some candidate holds it (the ceiling of choosing among candidates). */
  ceiling: number;
  /** Confidence (the chosen sentence's probability) separating answerable from unanswerable questions. */
  auc: number | null;
  /** The threshold that maximises right answers plus right abstentions over all held-out questions, and that score. */
  threshold: number;
  overall: number;
  /** Expected calibration error of the confidence against "the chosen sentence holds the answer", 10 bins. */
  ece: number;
  reliability: { from: number; to: number; questions: number; meanConfidence: number; correct: number }[];
}

/** Stable fold of an article: a hash of its name, so folds do not change as questions are added. */
export function foldOf(article: string, folds: number): number {
  let h = 2166136261;
  for (let i = 0; i < article.length; i++) h = Math.imul(h ^ article.charCodeAt(i), 16777619);
  return (h >>> 0) % folds;
}

function fit(questions: readonly LabelledQuestion[]): LogisticModel {
  const rows: number[][] = [];
  const labels: number[] = [];
  const weights: number[] = [];
  for (const q of questions) {
    // Each question weighs the same, whatever its number of candidates.
    for (let i = 0; i < q.rows.length; i++) {
      rows.push(q.rows[i]!);
      labels.push(q.labels[i]!);
      weights.push(1 / q.rows.length);
    }
  }
  const mean = weights.reduce((a, b) => a + b, 0) / (weights.length || 1);
  return trainLogistic(rows, labels, { rowWeights: weights.map((w) => w / mean), epochs: 8 });
}

export interface Scored {
  answerable: boolean;
  confidence: number;
  correct: boolean;
  hand: boolean;
  any: boolean;
}

function score(model: LogisticModel, q: LabelledQuestion): Scored {
  let best = -1;
  let at = -1;
  q.rows.forEach((r, i) => {
    const p = probability(model, r);
    if (p > best) [best, at] = [p, i];
  });
  return {
    answerable: q.answerable,
    confidence: Math.max(0, best),
    correct: at >= 0 && q.labels[at] === 1,
    hand: q.labels[0] === 1,
    any: q.labels.some((l) => l === 1),
  };
}

export function auc(scored: Scored[]): number | null {
  const pos = scored.filter((s) => s.answerable).map((s) => s.confidence);
  const neg = scored.filter((s) => !s.answerable).map((s) => s.confidence).sort((a, b) => a - b);
  if (pos.length === 0 || neg.length === 0) return null;
  let wins = 0;
  for (const p of pos) {
    let below = 0;
    let ties = 0;
    for (const n of neg) {
      if (n < p) below++;
      else if (n === p) ties++;
      else break;
    }
    wins += below + ties / 2;
  }
  return wins / (pos.length * neg.length);
}

/** Right answers (answerable, answered, correct) plus right abstentions, at each threshold; the best. */
export function bestThreshold(scored: Scored[]): { threshold: number; overall: number } {
  let best = { threshold: 0, overall: -1 };
  for (let t = 0; t <= 1.0001; t += 0.01) {
    const good = scored.filter((s) => (s.confidence >= t ? s.answerable && s.correct : !s.answerable)).length;
    const overall = good / (scored.length || 1);
    if (overall > best.overall) best = { threshold: Math.round(t * 100) / 100, overall };
  }
  return best;
}

function calibration(scored: Scored[]): Pick<HeldOutFigures, 'ece' | 'reliability'> {
  const reliability: HeldOutFigures['reliability'] = [];
  let ece = 0;
  for (let b = 0; b < 10; b++) {
    const [from, to] = [b / 10, (b + 1) / 10];
    const inBin = scored.filter((s) => s.confidence >= from && (b === 9 ? s.confidence <= to : s.confidence < to));
    if (inBin.length === 0) continue;
    const meanConfidence = inBin.reduce((a, s) => a + s.confidence, 0) / inBin.length;
    const correct = inBin.filter((s) => s.answerable && s.correct).length / inBin.length;
    reliability.push({ from, to, questions: inBin.length, meanConfidence, correct });
    ece += (inBin.length / scored.length) * Math.abs(meanConfidence - correct);
  }
  return { ece, reliability };
}

/** Held-out figures over k folds by article, and the model trained on every question. */
export function trainAnswerModel(questions: readonly LabelledQuestion[], folds = 5): { model: LogisticModel; heldOut: HeldOutFigures } {
  const usable = questions.filter((q) => q.rows.length > 0);
  const scored: Scored[] = [];
  for (let k = 0; k < folds; k++) {
    const train = usable.filter((q) => foldOf(q.article, folds) !== k);
    const test = usable.filter((q) => foldOf(q.article, folds) === k);
    const model = fit(train);
    for (const q of test) scored.push(score(model, q));
  }
  // A question with no candidate is an abstention with confidence 0.
  for (const q of questions) if (q.rows.length === 0) scored.push({ answerable: q.answerable, confidence: 0, correct: false, hand: false, any: false });
  const answerable = scored.filter((s) => s.answerable);
  const rate = (n: number, d: number) => (d ? n / d : 0);
  const { threshold, overall } = bestThreshold(scored);
  return {
    model: fit(usable),
    heldOut: {
      folds,
      questions: scored.length,
      answerable: answerable.length,
      unanswerable: scored.length - answerable.length,
      topSentence: rate(answerable.filter((s) => s.correct).length, answerable.length),
      handSetTopSentence: rate(answerable.filter((s) => s.hand).length, answerable.length),
      ceiling: rate(answerable.filter((s) => s.any).length, answerable.length),
      auc: auc(scored),
      threshold,
      overall,
      ...calibration(scored),
    },
  };
}
