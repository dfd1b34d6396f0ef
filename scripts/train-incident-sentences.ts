/**
 * `npm run train -- --incident-sentences` (called by scripts/train.ts): the incident sentence model
 * (`src/incidents/sentence-model.ts`) trained on every trigger-passing sentence of the labelled
 * articles, with its held-out figures printed and kept in the model file.
 */
import path from 'node:path';
import { EXTRACTOR_VERSION, loadGazetteer, SENTENCE_FEATURES, SENTENCE_MODEL_FORMAT, SENTENCE_MODEL_VERSION, SENTENCE_REBUILD_COMMAND, writeSentenceModel } from '../src/incidents/index.js';
import { scoreIncidents, type IncidentScores } from '../src/eval/incident-scores.js';
import { predictionsAt, rulesProbabilities, scoreAt, sentenceTrainingData, type CandidateArticle } from '../src/eval/sentence-training-data.js';
import { chooseSentenceThreshold, heldOutProbabilities, SENTENCE_FOLDS, trainSentenceModel } from '../src/learn/sentence-train.js';

/** Thresholds the held-out figures are printed at, beside the chosen one. */
const SENTENCE_REPORT_THRESHOLDS = [0.3, 0.4, 0.5, 0.6, 0.7];

/** Incident P / R / F1, reports P / R, and the same by stratum, of one scoring. */
function incidentSummary(s: IncidentScores) {
  const pr = (x: { precision: number | null; recall: number | null; f1?: number | null; correct: number; predicted: number; labelled: number }) => ({ p: x.precision, r: x.recall, f1: x.f1 ?? null, found: x.correct, given: x.predicted, labelled: x.labelled });
  return {
    incidents: pr(s.incidents),
    reports: pr(s.reports),
    byStratum: Object.fromEntries(Object.entries(s.byStratum).map(([k, v]) => [k, { incidents: pr(v.incidents), reports: pr(v.reports) }])),
  };
}

/** The incident sentence model: every trigger-passing sentence of every labelled article, 5 folds by article, the threshold on held-out folds, then one model on all. */
export function trainIncidentSentences(files: string[], corpus: string, out: string, started: number): number {
  const gazetteer = loadGazetteer();
  const data = sentenceTrainingData(files, corpus, gazetteer);
  const { examples } = data;
  const { l2, tried, cv, model } = trainSentenceModel(examples);
  const held = new Map<CandidateArticle, number[]>();
  const heldOf = (a: CandidateArticle) => {
    let p = held.get(a);
    if (!p) held.set(a, (p = heldOutProbabilities(cv.folds, a.label.id, a.rows)));
    return p;
  };
  const all = data.sets.flatMap((s) => s.articles);
  const figures = (s: IncidentScores) => ({ precision: s.incidents.precision ?? 0, recall: s.incidents.recall ?? 0, f1: s.incidents.f1 ?? 0 });
  const { chosen, curve } = chooseSentenceThreshold((t) => figures(scoreAt(all, heldOf, t, gazetteer)));
  const at = [...new Set([chosen.threshold, ...SENTENCE_REPORT_THRESHOLDS])].sort((a, b) => a - b);
  const both = (articles: CandidateArticle[]) => ({
    rules: incidentSummary(scoreAt(articles, rulesProbabilities, 0.5, gazetteer)),
    model: Object.fromEntries(at.map((t) => [String(t), incidentSummary(scoreAt(articles, heldOf, t, gazetteer))])),
  });
  const bySet = Object.fromEntries(data.sets.map((s) => [path.basename(s.file), both(s.articles)]));
  // The threshold held out too: each file read at the threshold of best F1 on the other files, so that no figure of it chose its own threshold.
  const ownThreshold = data.sets.map((s) => ({ file: path.basename(s.file), threshold: chooseSentenceThreshold((t) => figures(scoreAt(all.filter((a) => !s.articles.includes(a)), heldOf, t, gazetteer))).chosen.threshold, articles: s.articles }));
  const nested = incidentSummary(scoreIncidents(ownThreshold.flatMap((o) => predictionsAt(o.articles, heldOf, o.threshold)), gazetteer));
  const pooled = both(all);
  const positives = examples.filter((e) => e.label === 1).length;
  writeSentenceModel(out, {
    format: SENTENCE_MODEL_FORMAT,
    version: SENTENCE_MODEL_VERSION,
    features: [...SENTENCE_FEATURES],
    sentences: model,
    folds: cv.folds,
    threshold: chosen.threshold,
    rules: EXTRACTOR_VERSION,
    trainedOn: data.sets.map((s) => `${s.file} (${s.articles.length} articles, sha256 ${s.sha256})`),
    command: SENTENCE_REBUILD_COMMAND,
    createdAt: new Date().toISOString(),
    // By file, the rules and the chosen threshold only: the other thresholds' figures are printed, and the pooled ones kept.
    heldOut: { folds: SENTENCE_FOLDS, examples: examples.length, positives, untriggered: data.untriggered, labelled: data.labelled, l2, l2Tried: tried, auc: cv.auc, logLoss: cv.logLoss, thresholdCurve: curve, chosen, pooled, thresholdHeldOut: { thresholds: Object.fromEntries(ownThreshold.map((o) => [o.file, o.threshold])), pooled: nested }, bySet: Object.fromEntries(Object.entries(bySet).map(([k, v]) => [k, { rules: v.rules, model: v.model[String(chosen.threshold)] }])) },
  });
  const f = (x: number | null | undefined) => (x === null || x === undefined ? '   –' : x.toFixed(3));
  console.log(`${examples.length} trigger-passing sentences in the labelled parts of ${all.length} articles of ${files.length} label files; ${positives} hold a labelled report, ${examples.length - positives} not; ${data.untriggered} of ${data.labelled} labelled reports are in sentences the trigger filter turns away`);
  console.log(`L2 by held-out log loss (${SENTENCE_FOLDS} folds by article): ${tried.map((t) => `${t.l2}: ${t.logLoss.toFixed(4)} (AUC ${f(t.auc)})`).join(', ')} → ${l2}`);
  const r = pooled.rules.incidents;
  console.log(`Held-out incident P / R / F1 by threshold (all sets pooled; the rules alone ${f(r.p)} / ${f(r.r)} / ${f(r.f1)}):`);
  for (const c of curve) console.log(`  ${c.threshold.toFixed(2)}: ${f(c.precision)} / ${f(c.recall)} / ${f(c.f1)}${c.threshold === chosen.threshold ? '  ← chosen' : ''}`);
  const line = (name: string, v: ReturnType<typeof both>, pick: (s: ReturnType<typeof incidentSummary>) => { p: number | null; r: number | null; f1: number | null }) =>
    `  ${name.padEnd(30)} rules ${f(pick(v.rules).p)} / ${f(pick(v.rules).r)} / ${f(pick(v.rules).f1)}  ${at.map((t) => `${t}: ${f(pick(v.model[String(t)]!).p)} / ${f(pick(v.model[String(t)]!).r)} / ${f(pick(v.model[String(t)]!).f1)}`).join('  ')}`;
  console.log('Held out, incidents P / R / F1, rules alone and the model at each threshold:');
  for (const [k, v] of Object.entries(bySet)) console.log(line(k, v, (s) => s.incidents));
  console.log(line('pooled', pooled, (s) => s.incidents));
  for (const st of Object.keys(pooled.rules.byStratum)) console.log(line(`  ${st}`, pooled, (s) => s.byStratum[st]!.incidents));
  console.log(line('pooled reports', pooled, (s) => s.reports));
  const n = nested.incidents;
  console.log(`With the threshold held out too (each file at the threshold of best F1 on the others: ${ownThreshold.map((o) => o.threshold).join(', ')}): incidents ${f(n.p)} / ${f(n.r)} / ${f(n.f1)} pooled; ${Object.entries(nested.byStratum).map(([k, v]) => `${k} ${f(v.incidents.p)} / ${f(v.incidents.r)} / ${f(v.incidents.f1)}`).join('; ')}`);
  console.log(`Incident sentence model written to ${out} (${((Date.now() - started) / 1000).toFixed(0)} s).`);
  return 0;
}
