/** The learned incident sentence model: the candidate read, its features on invented sentences, its model file's checks, and the trained file in models/. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import {
  articleCandidateFeatures,
  DEFAULT_SENTENCE_MODEL,
  extractorVersion,
  EXTRACTOR_VERSION,
  extractReports,
  readCandidates,
  readSentenceModel,
  SENTENCE_FEATURES,
  SENTENCE_MODEL_FORMAT,
  SENTENCE_MODEL_VERSION,
  sentenceModelOf,
  writeSentenceModel,
  type SentenceModelFile,
} from '../../src/incidents/index.js';
import { articleDays } from '../../src/incidents/article-days.js';
import { ModelError } from '../../src/learn/model.js';
import { chooseSentenceThreshold, heldOutProbabilities } from '../../src/learn/sentence-train.js';
import { foldOf } from '../../src/learn/train.js';
import { sentenceModelFor } from '../../src/incidents/report-filter-config.js';
import { updateIncidents } from '../../src/store/incident-reports.js';
import { readIncidentsInThread } from '../../src/store/incident-thread.js';
import { article, gazetteer } from '../helpers/invented-incidents.js';

const TEXT = [
  'A drone strike on a market in Dunmere on Tuesday killed four people and injured 11, officials said.',
  'The minister spoke about the economy.',
  'Militants could attack Karvan again if the talks fail, the army warned.',
  '- Rockets hit Karvan in 1994, residents recalled at the anniversary.',
  'Missiles are being fired at towns every day.',
  'How did the attack unfold?',
].join('\n');

const named = (row: number[]) => Object.fromEntries(SENTENCE_FEATURES.map((f, i) => [f, row[i]!]));

describe('the candidate read', () => {
  const candidates = readCandidates(article(TEXT), { gazetteer });
  const at = (sentence: number) => candidates.find((c) => c.report.sentence === sentence)!;

  it('reads every sentence the trigger filter passes, and only those', () => {
    expect(candidates.map((c) => c.report.sentence)).toEqual([0, 2, 3, 4, 5]);
  });

  it('records each gate\'s outcome, whether or not the gates pass', () => {
    expect(at(0).gates).toMatchObject({ passes: true, mayBeReport: true, isReport: true, dayBasis: 'relative', dayPlausible: true });
    expect(at(0).gates.evidence).toBeGreaterThanOrEqual(2);
    expect(at(2).gates).toMatchObject({ passes: false, afterReport: true, isReportRefusal: 'not_done' });
    expect(at(3).gates).toMatchObject({ passes: false, bullet: true, dayPlausible: false });
    expect(at(4).gates).toMatchObject({ passes: false, isReportRefusal: 'ongoing' });
    expect(at(5).gates).toMatchObject({ passes: false, mayBeReport: false, mayBeRefusal: 'question' });
  });

  it('reads the fields of a sentence the rules turn away', () => {
    expect(at(2).report.place?.value).toBe('Karvan');
    // No plausible day (a year long past): the report holds none.
    expect(at(3).report.eventDay).toBeNull();
    expect(at(3).report.kind.value).toBe('rocket');
  });

  it('gives, of the sentences that pass, exactly the rules\' reports', () => {
    const texts = [TEXT, 'Gunmen attacked a checkpoint in Dunmere on Monday, killing two soldiers. Another three were wounded in the attack.', 'A car bomb exploded in Dunmere on Monday, and on Tuesday rockets hit Karvan.'];
    for (const text of texts) {
      const a = article(text);
      const passing = readCandidates(a, { gazetteer }).flatMap((c) => (c.gates.passes ? (c.two ?? [c.report]) : []));
      // The days read across sentences come after the sentences are read, for the rules and a model alike.
      expect(articleDays(passing, a)).toEqual(extractReports(a, { gazetteer }));
      expect(extractReports(a, { gazetteer, sentenceModel: null })).toEqual(extractReports(a, { gazetteer }));
    }
  });
});

describe('sentence features', () => {
  const a = article(TEXT);
  const candidates = readCandidates(a, { gazetteer });
  const rows = articleCandidateFeatures(candidates, a, 6).map(named);

  it('reads the rules\' decision, the refusals and the fields', () => {
    expect(rows[0]).toMatchObject({ rules_pass: 1, kind_drone: 1, killed: 1, injured: 1, day_relative: 1, place_town: 1, first_sentences: 1 });
    expect(rows[0]!.log_casualties).toBeCloseTo(Math.log1p(15));
    expect(rows[0]!.log_days_before).toBeCloseTo(Math.log1p(2)); // Tuesday before Thursday 6 March 2025
    expect(rows[1]).toMatchObject({ rules_pass: 0, refused_not_done: 1, future_modal: 1, after_report: 1, near_rule_report: 1 });
    expect(rows[4]).toMatchObject({ refused_question: 1, question: 1, may_be_report: 0 });
  });

  it('marks recollection, a running count and a list item', () => {
    expect(rows[2]).toMatchObject({ recalled: 1, bullet: 1, day_plausible: 0 });
    expect(rows[3]).toMatchObject({ running_total: 1, refused_ongoing: 1 });
    expect(rows[0]!.bullet_share).toBeCloseTo(1 / 5);
  });

  it('weighs a feature again only where the rules made a report', () => {
    expect(rows[0]!.pass_kind_drone).toBe(1);
    expect(rows[0]!.pass_evidence).toBe(rows[0]!.evidence);
    for (const r of rows.slice(1)) for (const [k, v] of Object.entries(r)) if (k.startsWith('pass_')) expect(v).toBe(0);
  });

  it('gives every feature a finite number, in the order of SENTENCE_FEATURES', () => {
    expect(Object.keys(rows[0]!)).toEqual([...SENTENCE_FEATURES]);
    for (const r of rows) for (const v of Object.values(r)) expect(Number.isFinite(v)).toBe(true);
  });
});

describe('the sentence model file', () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sitrep-sentence-model-')), 'incident-sentences.json');
  const n = SENTENCE_FEATURES.length;
  const logistic = (bias = 0, weights: Record<string, number> = {}) => ({ mean: Array(n).fill(0), scale: Array(n).fill(1), weights: SENTENCE_FEATURES.map((f) => weights[f] ?? 0), bias });
  const model = (over: Partial<SentenceModelFile> = {}): SentenceModelFile => ({
    format: SENTENCE_MODEL_FORMAT,
    version: SENTENCE_MODEL_VERSION,
    features: [...SENTENCE_FEATURES],
    sentences: logistic(),
    folds: [logistic(), logistic()],
    threshold: 0.5,
    rules: EXTRACTOR_VERSION,
    trainedOn: ['invented.jsonl'],
    command: 'npm run train -- --incident-sentences',
    createdAt: '2026-12-03T00:00:00Z',
    heldOut: {},
    ...over,
  });

  it('reads back what it wrote', () => {
    writeSentenceModel(file, model({ threshold: 0.45 }));
    expect(readSentenceModel(file).threshold).toBe(0.45);
  });

  it('refuses another version, other features, or another kind of model, with the command that rebuilds it', () => {
    writeSentenceModel(file, model({ version: SENTENCE_MODEL_VERSION + 1 }));
    expect(() => readSentenceModel(file)).toThrow(/version .*npm run train -- --incident-sentences/);
    writeSentenceModel(file, model({ features: ['rules_pass'] }));
    expect(() => readSentenceModel(file)).toThrow(ModelError);
    writeSentenceModel(file, model({ features: [...SENTENCE_FEATURES].reverse() }));
    expect(() => readSentenceModel(file)).toThrow(/other features/);
    fs.writeFileSync(file, JSON.stringify({ format: 'sitrep-incident-reports', version: 1 }));
    expect(() => readSentenceModel(file)).toThrow(/not one/);
    fs.writeFileSync(file, '{ not json');
    expect(() => readSentenceModel(file)).toThrow(/cannot be read/);
  });

  it('keeps the sentences at or above its threshold, rules or not, and says so in the reports\' version', () => {
    const a = article(TEXT);
    const rules = extractReports(a, { gazetteer });
    expect(extractReports(a, { gazetteer, sentenceModel: sentenceModelOf(model({ sentences: logistic(-20) })) })).toEqual([]);
    const all = extractReports(a, { gazetteer, sentenceModel: sentenceModelOf(model({ sentences: logistic(20) })) });
    expect(all.map((r) => r.sentence)).toEqual([0, 2, 3, 4, 5]);
    // A model that reads the rules' decision alone gives the rules' reports.
    const asRules = sentenceModelOf(model({ sentences: logistic(-10, { rules_pass: 20 }) }));
    expect(extractReports(a, { gazetteer, sentenceModel: asRules })).toEqual(rules);
    expect(extractorVersion({ sentenceModel: asRules })).toMatch(new RegExp(`^${EXTRACTOR_VERSION}\\+sentences-v1-`));
    expect(extractorVersion({})).toBe(EXTRACTOR_VERSION);
    expect(sentenceModelOf(model(), 1).id).toMatch(/fold1$/);
    expect(sentenceModelOf(model(), undefined, 0.7).id).toMatch(/-t0\.7$/);
    expect(() => sentenceModelOf(model(), 5)).toThrow(/no fold 5/);
  });

  it('loads the trained file in models/, trained on the rules of this Sitrep', () => {
    const trained = readSentenceModel(path.resolve(DEFAULT_SENTENCE_MODEL));
    expect(trained.features).toEqual([...SENTENCE_FEATURES]);
    expect(trained.rules).toBe(EXTRACTOR_VERSION);
    expect(trained.command).toBe('npm run train -- --incident-sentences');
    expect(trained.trainedOn.length).toBe(9);
    expect(trained.folds).toHaveLength(5);
    expect(trained.threshold).toBeGreaterThan(0);
    expect(trained.threshold).toBeLessThan(1);
  });

  it('is off unless the configuration names a file', () => {
    expect(loadConfig({}).INCIDENT_SENTENCE_MODEL).toBe('none');
    expect(loadConfig({ INCIDENT_SENTENCE_MODEL: DEFAULT_SENTENCE_MODEL }).INCIDENT_SENTENCE_MODEL).toBe(DEFAULT_SENTENCE_MODEL);
    expect(() => loadConfig({ INCIDENT_SENTENCE_MODEL: 'on' })).toThrow(/INCIDENT_SENTENCE_MODEL/);
  });
});

describe('the trained model in a build', () => {
  it('reads the same reports in the incident worker thread as where it is, kept with its version', async () => {
    const model = sentenceModelFor(DEFAULT_SENTENCE_MODEL)!;
    const articles = [article(TEXT), { ...article('Gunmen attacked a checkpoint in Dunmere on Monday, killing two soldiers. Another three were wounded.'), id: 'a2' }];
    const here = updateIncidents(articles, null, () => gazetteer, null, model);
    expect(here.incidents.extractor).toMatch(new RegExp(`^${EXTRACTOR_VERSION}\\+sentences-v1-`));
    const inThread = await readIncidentsInThread(articles, null, model);
    expect(inThread.incidents.extractor).toBe(here.incidents.extractor);
    expect([...inThread.incidents.articles.keys()]).toEqual([...here.incidents.articles.keys()]);
    expect(sentenceModelFor('none')).toBeNull();
  });
});

describe('training the sentence model', () => {
  it('scores an article by the fold model that never saw it', () => {
    const sure = (bias: number) => ({ mean: [0], scale: [1], weights: [0], bias });
    const folds = [sure(-20), sure(-20), sure(-20), sure(-20), sure(-20)];
    folds[foldOf('article-7', 5)] = sure(20);
    expect(heldOutProbabilities(folds, 'article-7', [[0], [1]]).map((p) => Math.round(p))).toEqual([1, 1]);
  });

  it('chooses the threshold of best F1, the higher one on a tie', () => {
    const f1 = (t: number) => (t <= 0.4 ? 0.7 : t <= 0.6 ? 0.8 : 0.6);
    const { chosen, curve } = chooseSentenceThreshold((t) => ({ precision: t, recall: 1 - t, f1: f1(t) }));
    expect(chosen.threshold).toBe(0.6);
    expect(curve).toHaveLength(19);
  });
});
