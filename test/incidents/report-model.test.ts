/** The learned incident report filter: its features on invented sentences, its model file's checks, and the trained file in models/. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  articleReportFeatures,
  DEFAULT_REPORT_MODEL,
  extractorVersion,
  EXTRACTOR_VERSION,
  extractReports,
  readReportModel,
  REPORT_FEATURES,
  REPORT_MODEL_FORMAT,
  REPORT_MODEL_VERSION,
  reportFilterOf,
  type ReportModelFile,
} from '../../src/incidents/index.js';
import { writeReportModel } from '../../src/incidents/report-model.js';
import { ModelError } from '../../src/learn/model.js';
import { chooseReportThreshold, crossValidate, type ReportExample } from '../../src/learn/report-train.js';
import { article, gazetteer } from '../helpers/invented-incidents.js';

const TEXT = [
  'A drone strike on a market in Dunmere on Tuesday killed four people and injured 11, officials said.',
  'The minister spoke about the economy.',
  'Militants could attack Karvan again if the talks fail, the army warned.',
].join(' ');

function featuresOf(text: string, published = '2025-03-06') {
  const a = article(text, published);
  const reports = extractReports(a, { gazetteer });
  const sentences = text.split(/(?<=\.) /).length;
  return { reports, rows: articleReportFeatures(reports, a.text, sentences, a.published).map((row) => Object.fromEntries(REPORT_FEATURES.map((f, i) => [f, row[i]]))) };
}

describe('report features', () => {
  it('reads the kind, the figures, the day, the place and the article shape of a report', () => {
    const { reports, rows } = featuresOf(TEXT);
    expect(reports).toHaveLength(1);
    const f = rows[0]!;
    expect(f.kind_drone).toBe(1);
    expect(f.kind_other).toBe(0);
    expect(f.killed).toBe(1);
    expect(f.injured).toBe(1);
    expect(f.log_casualties).toBeCloseTo(Math.log1p(15));
    expect(f.day_relative).toBe(1);
    expect(f.log_days_before).toBeCloseTo(Math.log1p(2)); // Tuesday before Thursday 6 March 2025
    expect(f.place_town).toBe(1);
    expect(f.place_gazetteer).toBe(1);
    expect(f.says).toBe(1);
    expect(f.quoted).toBe(0);
    expect(f.position).toBe(0);
    expect(f.first_sentences).toBe(1);
    expect(f.log_article_reports).toBeCloseTo(Math.log1p(1));
  });

  it('marks negation, the future and quotation', () => {
    const { rows } = featuresOf('“We will never forget the attack on Dunmere on Monday that killed 12 people,” the mayor said.');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.quoted).toBe(1);
    expect(rows[0]!.future_modal).toBe(1);
    expect(rows[0]!.negation).toBe(1);
  });

  it('gives every feature a finite number, in the order of REPORT_FEATURES', () => {
    const { rows } = featuresOf(TEXT);
    expect(Object.keys(rows[0]!)).toEqual([...REPORT_FEATURES]);
    for (const v of Object.values(rows[0]!)) expect(Number.isFinite(v)).toBe(true);
  });
});

describe('the report model file', () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sitrep-report-model-')), 'incident-reports.json');
  const n = REPORT_FEATURES.length;
  const logistic = (bias = 0) => ({ mean: Array(n).fill(0), scale: Array(n).fill(1), weights: Array(n).fill(0), bias });
  const model = (over: Partial<ReportModelFile> = {}): ReportModelFile => ({
    format: REPORT_MODEL_FORMAT,
    version: REPORT_MODEL_VERSION,
    features: [...REPORT_FEATURES],
    reports: logistic(),
    folds: [logistic(), logistic()],
    threshold: 0.3,
    rules: EXTRACTOR_VERSION,
    trainedOn: ['invented.jsonl'],
    command: 'npm run train -- --incident-reports',
    createdAt: '2026-12-02T00:00:00Z',
    heldOut: {},
    ...over,
  });

  it('reads back what it wrote', () => {
    writeReportModel(file, model());
    expect(readReportModel(file).threshold).toBe(0.3);
  });

  it('refuses another version, other features, or another kind of model, with the command that rebuilds it', () => {
    writeReportModel(file, model({ version: REPORT_MODEL_VERSION + 1 }));
    expect(() => readReportModel(file)).toThrow(/version .*npm run train -- --incident-reports/);
    writeReportModel(file, model({ features: ['kind_drone'] }));
    expect(() => readReportModel(file)).toThrow(ModelError);
    writeReportModel(file, model({ features: [...REPORT_FEATURES].reverse() }));
    expect(() => readReportModel(file)).toThrow(/other features/);
    fs.writeFileSync(file, JSON.stringify({ format: 'sitrep-answerability', version: 1 }));
    expect(() => readReportModel(file)).toThrow(/not one/);
    fs.writeFileSync(file, '{ not json');
    expect(() => readReportModel(file)).toThrow(/cannot be read/);
  });

  it('drops the reports below its threshold, and says so in the reports\' version', () => {
    const a = article(TEXT);
    // A bias far below zero: every report's probability is below the threshold.
    const drop = reportFilterOf(model({ reports: logistic(-20) }));
    expect(extractReports(a, { gazetteer, reportFilter: drop })).toEqual([]);
    const keep = reportFilterOf(model({ reports: logistic(20) }));
    expect(extractReports(a, { gazetteer, reportFilter: keep })).toEqual(extractReports(a, { gazetteer }));
    expect(extractorVersion({ reportFilter: keep })).toMatch(new RegExp(`^${EXTRACTOR_VERSION}\\+reports-v1-`));
    expect(extractorVersion({})).toBe(EXTRACTOR_VERSION);
    expect(reportFilterOf(model(), 1).id).toMatch(/fold1$/);
    expect(() => reportFilterOf(model(), 5)).toThrow(/no fold 5/);
  });

  it('loads the trained file in models/, trained on the rules of this Sitrep', () => {
    const trained = readReportModel(path.resolve(DEFAULT_REPORT_MODEL));
    expect(trained.features).toEqual([...REPORT_FEATURES]);
    expect(trained.rules).toBe(EXTRACTOR_VERSION);
    expect(trained.command).toBe('npm run train -- --incident-reports');
    expect(trained.trainedOn.length).toBeGreaterThan(0);
    expect(trained.folds).toHaveLength(5);
  });
});

describe('training the report filter', () => {
  // Invented rows: one feature that separates the labels, in 20 articles.
  const examples: ReportExample[] = Array.from({ length: 200 }, (_, i) => ({ set: 'x', article: `a${i % 20}`, sentence: i, row: [i % 4 === 0 ? 1 : 0, (i * 7) % 3], label: i % 4 === 0 ? 0 : 1 }));

  it('scores each example by a fold model that never saw its article', () => {
    const cv = crossValidate(examples, 1e-3);
    expect(cv.folds).toHaveLength(5);
    expect(cv.auc).toBeGreaterThan(0.95);
  });

  it('keeps the threshold of best F1 among those keeping the rules\' recall', () => {
    const score = (t: number) => (t <= 0.3 ? { precision: 0.8 + t / 3, recall: 0.8, f1: 0 } : { precision: 0.99, recall: 0.5, f1: 0 });
    const withF1 = (t: number) => {
      const s = score(t);
      return { ...s, f1: (2 * s.precision * s.recall) / (s.precision + s.recall) };
    };
    const { chosen, rules } = chooseReportThreshold(withF1);
    expect(rules.threshold).toBe(0);
    expect(chosen.threshold).toBe(0.3);
  });
});
