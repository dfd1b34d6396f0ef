/**
 * `npm run train`: rebuilds models/answer-selection.json from SQuAD v1.1 and v2.0 dev
 * (../shared/eval/), with held-out figures from 5 folds by article. With `--spans`, rebuilds the
 * span model, models/span-selection.json, from the same questions instead.
 *
 *   npm run train [-- --squad FILE --squad FILE2 …] [--out models/answer-selection.json]
 *   npm run train -- --spans [--squad FILE …] [--out models/span-selection.json]
 *   npm run train -- --incident-reports [--labels FILE …] [--out models/incident-reports.json]
 *   npm run train -- --incident-sentences [--labels FILE …] [--out models/incident-sentences.json]
 *   npm run train -- --answerability [--squad FILE …] [--news FILE --news FILE2 … --news-corpus DIR --news-index DIR] [--news-weight W] [--rows FILE] [--out models/answerability.json]
 *
 * The answer/abstain model is fitted on SQuAD v2.0 and Sitrep's news training questions
 * (training/news-questions.jsonl and training/news-questions-2.jsonl, asked of an index of ../shared/eval/real-news built in --news-index),
 * each news row weighing W SQuAD rows: W is chosen on held-out folds unless given. `--rows FILE`
 * keeps the SQuAD rows (the slow part) in FILE and reads them from it on the next run.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CANDIDATE_FEATURES } from '../src/answer/candidate-features.js';
import { squadCandidates } from '../src/eval/training-data.js';
import { MODEL_FORMAT, MODEL_VERSION, REBUILD_COMMAND, writeAnswerModel } from '../src/learn/model.js';
import { trainAnswerModel } from '../src/learn/train.js';
import { SPAN_FEATURES } from '../src/answer/span-features.js';
import { labelSpans, squadSpanExamples } from '../src/eval/span-training-data.js';
import { SPAN_MODEL_FORMAT, SPAN_MODEL_VERSION, SPAN_REBUILD_COMMAND, writeSpanModel } from '../src/learn/span-model.js';
import { trainSpanModel } from '../src/learn/span-train.js';
import { ANSWERABILITY_FEATURES } from '../src/answer/answerability.js';
import fs from 'node:fs';
import { squadAnswerability, type AnswerabilityQuestion } from '../src/eval/answerability-data.js';
import { newsAnswerability, readNewsQuestions } from '../src/eval/news-training-data.js';
import { chooseWeight, thresholdKeepingAnswers, trainAnswerability, type AnswerabilityExample, type AnswerabilityFigures } from '../src/learn/answerability-train.js';
import { HAND_SET_MIN_CONFIDENCE } from '../src/sitrep.js';
import { ANSWERABILITY_FORMAT, ANSWERABILITY_REBUILD_COMMAND, ANSWERABILITY_VERSION, writeAnswerabilityModel } from '../src/learn/answerability-model.js';
import { runMain } from './cli.js';
import { trainIncidentSentences } from './train-incident-sentences.js';
import { EXTRACTOR_VERSION, loadGazetteer, REPORT_FEATURES, REPORT_MODEL_FORMAT, REPORT_MODEL_VERSION, REPORT_REBUILD_COMMAND, type IncidentReport } from '../src/incidents/index.js';
import { writeReportModel } from '../src/incidents/report-model.js';
import { reportTrainingData, scoreFiltered } from '../src/eval/report-training-data.js';
import { chooseReportThreshold, REPORT_FOLDS, trainReportFilter } from '../src/learn/report-train.js';
import type { IncidentScores } from '../src/eval/incident-scores.js';

const DEFAULT_SETS = ['../shared/eval/squad-v1.1-dev.json', '../shared/eval/squad-v2.0-dev.json'];
/** Sitrep's news training questions: the first set, and the second written to widen it (read as one set). */
const NEWS_QUESTIONS = ['training/news-questions.jsonl', 'training/news-questions-2.jsonl'];
const NEWS_CORPUS = '../shared/eval/real-news';
/** The real-news test set: no news training question may draw on its articles (checked when the file is read). */
const NEWS_TEST_QUESTIONS = 'test/fixtures/eval/real-news-questions.jsonl';
/** Where the news questions' index is built and kept between runs (it is only brought up to date). */
const NEWS_INDEX = '/tmp/sitrep-news-train-index';
/**
 * Weights tried for a news row against a SQuAD row (0: SQuAD alone). About 11,900 SQuAD v2.0 rows
 * against 543 news rows: at 22 the two weigh the same in all.
 */
const NEWS_WEIGHTS = [0, 1, 3, 10, 30, 100, 300, 1000, 3000];
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
/** The incident labels the report filter is trained on: the labelled set and held-out sets 1–7 (set 8 is kept out, to measure it). */
const INCIDENT_LABEL_FILES = ['test/fixtures/eval/incidents.jsonl', 'test/fixtures/eval/incidents-heldout.jsonl', ...[2, 3, 4, 5, 6, 7].map((k) => `test/fixtures/eval/incidents-heldout-${k}.jsonl`)];
/** The incident labels the sentence model is trained on: the labelled set and sets 1–8 (none of them is held out any more). */
const SENTENCE_LABEL_FILES = [...INCIDENT_LABEL_FILES, 'test/fixtures/eval/incidents-heldout-8.jsonl'];

await runMain(async () => {
  const { values } = parseArgs({
    options: {
      squad: { type: 'string', multiple: true },
      out: { type: 'string' },
      spans: { type: 'boolean', default: false },
      answerability: { type: 'boolean', default: false },
      news: { type: 'string', multiple: true, default: NEWS_QUESTIONS },
      'news-corpus': { type: 'string', default: NEWS_CORPUS },
      'news-index': { type: 'string', default: NEWS_INDEX },
      'news-weight': { type: 'string' },
      rows: { type: 'string' },
      'incident-reports': { type: 'boolean', default: false },
      'incident-sentences': { type: 'boolean', default: false },
      labels: { type: 'string', multiple: true },
      corpus: { type: 'string', default: NEWS_CORPUS },
    },
  });
  const sets = values.squad ?? DEFAULT_SETS;
  const started = Date.now();
  if (values['incident-sentences']) return trainIncidentSentences(values.labels ?? SENTENCE_LABEL_FILES, values.corpus, values.out ?? 'models/incident-sentences.json', started);
  if (values['incident-reports']) return trainIncidentReports(values.labels ?? INCIDENT_LABEL_FILES, values.corpus, values.out ?? 'models/incident-reports.json', started);
  if (values.spans) return trainSpans(sets, values.out ?? 'models/span-selection.json', started);
  if (values.answerability) {
    const weight = values['news-weight'] === undefined ? undefined : Number(values['news-weight']);
    if (weight !== undefined && !(weight >= 0)) throw new Error(`--news-weight: expected a number ≥ 0, got ${values['news-weight']}`);
    const news = { files: values.news, corpus: values['news-corpus'], index: values['news-index'], weight };
    return trainAnswerabilityModel(sets, news, values.rows, values.out ?? 'models/answerability.json', started);
  }
  const out = values.out ?? 'models/answer-selection.json';
  const questions = await squadCandidates(sets, (file, done, total) => {
    if (process.stderr.isTTY) process.stderr.write(`\r${path.basename(file)}: ${done}/${total}   `);
  });
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
  const { model, heldOut } = trainAnswerModel(questions);
  writeAnswerModel(out, {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    features: [...CANDIDATE_FEATURES],
    sentence: model,
    threshold: heldOut.threshold,
    trainedOn: sets.map((s) => path.basename(s)),
    command: REBUILD_COMMAND,
    createdAt: new Date().toISOString(),
    heldOut: { ...heldOut },
  });
  console.log(`${questions.length} questions (${heldOut.answerable} answerable) from ${sets.map((s) => path.basename(s)).join(', ')}; ${heldOut.folds} folds by article, held out:`);
  console.log(`  top sentence holds the answer: ${pct(heldOut.topSentence)} (hand-set ranking ${pct(heldOut.handSetTopSentence)}, ceiling of the candidates ${pct(heldOut.ceiling)})`);
  console.log(`  confidence ROC AUC answerable vs unanswerable: ${heldOut.auc?.toFixed(3) ?? 'n/a'}; best threshold ${heldOut.threshold} → overall ${pct(heldOut.overall)}; ECE ${heldOut.ece.toFixed(3)}`);
  console.log('  reliability (confidence bin: questions, mean confidence, share answered right):');
  for (const r of heldOut.reliability) console.log(`    ${r.from.toFixed(1)}–${r.to.toFixed(1)}: ${r.questions}, ${r.meanConfidence.toFixed(2)}, ${pct(r.correct)}`);
  console.log(`Model written to ${out} (${((Date.now() - started) / 1000).toFixed(0)} s).`);
  return 0;
});

/** The span model: candidates in each question's gold sentence, 5 folds by article, then one model on all. */
function trainSpans(sets: string[], out: string, started: number): number {
  const examples = squadSpanExamples(sets);
  const questions = examples.map(labelSpans);
  const { model, folds, heldOut } = trainSpanModel(questions);
  writeSpanModel(out, {
    format: SPAN_MODEL_FORMAT,
    version: SPAN_MODEL_VERSION,
    features: [...SPAN_FEATURES],
    span: model,
    folds,
    trainedOn: sets.map((s) => path.basename(s)),
    command: SPAN_REBUILD_COMMAND,
    createdAt: new Date().toISOString(),
    heldOut: { ...heldOut },
  });
  const f = (x: number) => x.toFixed(3);
  console.log(`${heldOut.questions} answerable questions with a gold sentence from ${sets.map((s) => path.basename(s)).join(', ')}; ${heldOut.candidates.toFixed(0)} candidate spans each; ${heldOut.folds} folds by article, held out:`);
  console.log(`  learned span: exact match ${pct(heldOut.exactMatch)}, token F1 ${f(heldOut.f1)}`);
  console.log(`  hand rules:   exact match ${pct(heldOut.handExactMatch)}, token F1 ${f(heldOut.handF1)}`);
  console.log(`  as marked (the hand rules kept where they mark a count, a definition or a name): exact match ${pct(heldOut.markedExactMatch)}, token F1 ${f(heldOut.markedF1)}`);
  console.log(`  ceiling of the candidates: exact match ${pct(heldOut.ceilingExactMatch)}, token F1 ${f(heldOut.ceilingF1)}`);
  console.log(`Span model written to ${out} (${((Date.now() - started) / 1000).toFixed(0)} s).`);
  return 0;
}

interface NewsSettings {
  /** The question files, read as one set (ids must not repeat across them). */
  files: string[];
  corpus: string;
  index: string;
  /** A news row's weight against a SQuAD row; undefined: chosen on held-out folds. */
  weight?: number;
}

function progress(label: string, done: number, total: number): void {
  if (process.stderr.isTTY) process.stderr.write(`\r${label}: ${done}/${total}   `);
}

/** The SQuAD rows, from `cache` when it holds them, else computed (and kept there when a cache is named). */
async function squadRows(sets: string[], cache: string | undefined): Promise<AnswerabilityQuestion[]> {
  if (cache && fs.existsSync(cache)) {
    const kept = JSON.parse(fs.readFileSync(cache, 'utf8')) as { sets: string[]; features: string[]; rows: AnswerabilityQuestion[] };
    if (JSON.stringify(kept.sets) === JSON.stringify(sets) && JSON.stringify(kept.features) === JSON.stringify(ANSWERABILITY_FEATURES)) return kept.rows;
    console.log(`${cache} holds rows of other sets or features: computing them again.`);
  }
  const rows = await squadAnswerability(sets, 'models/span-selection.json', progress);
  if (cache) fs.writeFileSync(cache, JSON.stringify({ sets, features: ANSWERABILITY_FEATURES, rows }));
  return rows;
}

/** The answer/abstain model: one row per question, 5 folds by article, figures on SQuAD v2.0 and on the news questions. */
async function trainAnswerabilityModel(sets: string[], news: NewsSettings, cache: string | undefined, out: string, started: number): Promise<number> {
  const read = news.files.map((file) => ({ file, ...readNewsQuestions(file, news.corpus, NEWS_TEST_QUESTIONS) }));
  const newsQuestions = read.flatMap((r) => r.questions);
  const seen = new Set<string>();
  for (const r of read)
    for (const q of r.questions) {
      if (seen.has(q.id)) throw new Error(`${r.file}: id ${q.id} is used in an earlier news question file too`);
      seen.add(q.id);
    }
  const squad = await squadRows(sets, cache);
  const newsSet = news.files.map((f) => path.basename(f)).join('+');
  const newsRows = await newsAnswerability(newsQuestions, newsSet, news.corpus, news.index, progress);
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
  const figuresOn = path.basename(sets.find((s) => /v2/.test(s)) ?? sets.at(-1)!);
  // Fitted on v2.0 alone, to "the quoted sentence holds the answer": v1.1 dev's questions are v2.0's
  // answerable ones again, and doubling them tilted the model toward answering (held out: overall
  // 57.9% against 58.3%, AUC 0.621 against 0.636). Fitted to "answerable" instead, AUC 0.666 but
  // overall 56.7%: it learns which questions have an answer, not which quotes hold it.
  const train = (w: number) => {
    const examples: AnswerabilityExample[] = [...squad, ...newsRows.map((e) => ({ ...e, weight: w }))];
    return trainAnswerability(examples, figuresOn, { target: 'correct', trainOn: (e) => e.set === figuresOn || (e.set === newsSet && w > 0), alsoOn: [newsSet] });
  };
  // The news weight, on held-out folds: the smallest whose overall score on the news questions is
  // within one standard error of the best weight's (the one-standard-error rule). The best alone keeps
  // rising, by less than a question in a hundred, as the news rows come to outweigh SQuAD altogether.
  const tried: { weight: number; news: AnswerabilityFigures; squad: AnswerabilityFigures }[] = [];
  for (const w of news.weight !== undefined ? [news.weight] : NEWS_WEIGHTS) {
    const r = train(w);
    tried.push({ weight: w, news: r.heldOutOn[newsSet]!, squad: r.heldOut });
  }
  const chosen = chooseWeight(tried.map((t) => ({ ...t, overall: t.news.learned.overall, questions: t.news.questions })));
  const { model, folds, heldOut, heldOutOn, heldOutScores } = train(chosen.weight);
  const newsFigures = heldOutOn[newsSet]!;
  const threshold = thresholdKeepingAnswers(heldOutScores[newsSet]!, HAND_SET_MIN_CONFIDENCE);
  writeAnswerabilityModel(out, {
    format: ANSWERABILITY_FORMAT,
    version: ANSWERABILITY_VERSION,
    features: [...ANSWERABILITY_FEATURES],
    answers: model,
    folds,
    // Its threshold is chosen on the held-out news questions (news is what it answers), the best
    // overall that answers right as many of them as the hand-set confidence does.
    threshold: threshold.threshold,
    trainedOn: [...sets.map((s) => path.basename(s)), ...read.map((r) => `${r.file} (${r.questions.length} questions, sha256 ${r.sha256})`)],
    command: ANSWERABILITY_REBUILD_COMMAND,
    createdAt: new Date().toISOString(),
    heldOut: { ...heldOut, news: newsFigures, newsThreshold: threshold, newsWeight: chosen.weight, newsWeightsTried: tried.map((t) => ({ weight: t.weight, news: t.news.learned, squad: t.squad.learned })) },
  });
  const f = (x: number | null) => x?.toFixed(3) ?? 'n/a';
  const line = (name: string, x: AnswerabilityFigures['learned']) => `  ${name.padEnd(24)} ROC AUC ${f(x.auc)}; best threshold ${x.threshold.toFixed(2)} → overall ${pct(x.overall)}`;
  console.log(`${squad.length} SQuAD questions from ${sets.map((s) => path.basename(s)).join(', ')} and ${newsRows.length} news questions (${newsRows.filter((e) => e.answerable).length} answerable, ${newsRows.filter((e) => e.label === 1).length} whose quote holds the answer) from ${news.files.join(', ')}`);
  console.log(`News weight against a SQuAD row, ${heldOut.folds} folds by article, held out (news | ${figuresOn}):`);
  for (const t of tried) console.log(`  ${String(t.weight).padStart(4)}: news AUC ${f(t.news.learned.auc)}, overall ${pct(t.news.learned.overall)} | AUC ${f(t.squad.learned.auc)}, overall ${pct(t.squad.learned.overall)}${t.weight === chosen.weight ? '  ← chosen' : ''}`);
  console.log(`Held out on ${newsSet} (${newsFigures.questions} questions):`);
  console.log(line('learned answer/abstain:', newsFigures.learned));
  console.log(line('hand-set confidence:', newsFigures.handSet));
  console.log(`  threshold kept (answering right at least as often as the hand-set confidence at ${threshold.handSet.threshold}): ${threshold.threshold.toFixed(2)} → answered right ${pct(threshold.answeredRight)} (hand-set ${pct(threshold.handSet.answeredRight)}), overall ${pct(threshold.overall)} (hand-set ${pct(threshold.handSet.overall)})`);
  console.log(`Held out on ${heldOut.set} (${heldOut.questions} questions):`);
  console.log(line('learned answer/abstain:', heldOut.learned));
  console.log(line('hand-set confidence:', heldOut.handSet));
  console.log(`Answerability model written to ${out} (${((Date.now() - started) / 1000).toFixed(0)} s).`);
  return 0;
}

/** The incident report filter: the rules' reports of every labelled article, 5 folds by article, the threshold on held-out folds, then one model on all. */
function trainIncidentReports(files: string[], corpus: string, out: string, started: number): number {
  const gazetteer = loadGazetteer();
  const data = reportTrainingData(files, corpus, gazetteer);
  const { examples } = data;
  const { l2, tried, cv, model } = trainReportFilter(examples);
  const held = (r: IncidentReport) => {
    const i = data.exampleOf.get(r);
    return i === undefined ? 1 : cv.heldOut[i]!;
  };
  const all = data.sets.flatMap((s) => s.predictions);
  const figures = (s: IncidentScores) => ({ precision: s.incidents.precision ?? 0, recall: s.incidents.recall ?? 0, f1: s.incidents.f1 ?? 0 });
  const { chosen, rules, curve } = chooseReportThreshold((t) => figures(scoreFiltered(all, held, t, gazetteer)));
  const summary = (s: IncidentScores) => ({
    reports: { p: s.reports.precision, r: s.reports.recall, found: s.reports.correct, given: s.reports.predicted, labelled: s.reports.labelled },
    incidents: { p: s.incidents.precision, r: s.incidents.recall, f1: s.incidents.f1, found: s.incidents.correct, given: s.incidents.predicted, labelled: s.incidents.labelled },
    byStratum: Object.fromEntries(Object.entries(s.byStratum).map(([k, v]) => [k, { incidents: { p: v.incidents.precision, r: v.incidents.recall }, reports: { p: v.reports.precision, r: v.reports.recall } }])),
    placeRight: s.foundPlaceRight,
  });
  const bySet = Object.fromEntries(
    data.sets.map((s) => [path.basename(s.file), { rules: summary(scoreFiltered(s.predictions, held, 0, gazetteer)), filtered: summary(scoreFiltered(s.predictions, held, chosen.threshold, gazetteer)) }]),
  );
  const pooled = { rules: summary(scoreFiltered(all, held, 0, gazetteer)), filtered: summary(scoreFiltered(all, held, chosen.threshold, gazetteer)) };
  const positives = examples.filter((e) => e.label === 1).length;
  writeReportModel(out, {
    format: REPORT_MODEL_FORMAT,
    version: REPORT_MODEL_VERSION,
    features: [...REPORT_FEATURES],
    reports: model,
    folds: cv.folds,
    threshold: chosen.threshold,
    rules: EXTRACTOR_VERSION,
    trainedOn: data.sets.map((s) => `${s.file} (${s.predictions.length} articles, sha256 ${s.sha256})`),
    command: REPORT_REBUILD_COMMAND,
    createdAt: new Date().toISOString(),
    heldOut: { folds: REPORT_FOLDS, examples: examples.length, positives, l2, l2Tried: tried, auc: cv.auc, logLoss: cv.logLoss, thresholdCurve: curve, rules, chosen, pooled, bySet },
  });
  const f = (x: number | null | undefined) => (x === null || x === undefined ? '   –' : x.toFixed(3));
  console.log(`${examples.length} reports read by the rules (${EXTRACTOR_VERSION}) in the labelled parts of ${all.length} articles of ${files.length} label files; ${positives} in a labelled report's sentence, ${examples.length - positives} not`);
  console.log(`L2 by held-out log loss (${REPORT_FOLDS} folds by article): ${tried.map((t) => `${t.l2}: ${t.logLoss.toFixed(4)} (AUC ${f(t.auc)})`).join(', ')} → ${l2}`);
  console.log('Held-out incident P / R / F1 by threshold (all sets pooled):');
  for (const c of curve) console.log(`  ${c.threshold.toFixed(2)}: ${f(c.precision)} / ${f(c.recall)} / ${f(c.f1)}${c.threshold === chosen.threshold ? '  ← chosen' : ''}`);
  console.log('Held out, by set (rules alone → with the filter at its threshold): incidents P / R; reports P / R');
  const line = (name: string, v: { rules: ReturnType<typeof summary>; filtered: ReturnType<typeof summary> }) =>
    `  ${name.padEnd(28)} ${f(v.rules.incidents.p)} / ${f(v.rules.incidents.r)} → ${f(v.filtered.incidents.p)} / ${f(v.filtered.incidents.r)}; reports ${f(v.rules.reports.p)} / ${f(v.rules.reports.r)} → ${f(v.filtered.reports.p)} / ${f(v.filtered.reports.r)}`;
  for (const [k, v] of Object.entries(bySet)) console.log(line(k, v));
  console.log(line('pooled', pooled));
  for (const st of Object.keys(pooled.rules.byStratum)) {
    const a = pooled.rules.byStratum[st]!;
    const b = pooled.filtered.byStratum[st]!;
    console.log(`    ${st.padEnd(26)} ${f(a.incidents.p)} / ${f(a.incidents.r)} → ${f(b.incidents.p)} / ${f(b.incidents.r)}; reports ${f(a.reports.p)} / ${f(a.reports.r)} → ${f(b.reports.p)} / ${f(b.reports.r)}`);
  }
  console.log(`Incident report model written to ${out} (${((Date.now() - started) / 1000).toFixed(0)} s).`);
  return 0;
}
