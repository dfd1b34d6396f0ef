/**
 * The training data of the incident report filter: every report the rules read (without a filter) in
 * the labelled part of each hand-labelled article, with its features and whether a labelled report is
 * in its sentence; and the held-out predictions of a threshold, scored as `npm run eval -- --incidents`
 * scores them.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { articleReportFeatures, groupReports, type Gazetteer, type IncidentReport } from '../incidents/index.js';
import type { ReportExample } from '../learn/report-train.js';
import { readIncidentLabels, predictLabelled } from './incidents.js';
import { scoreIncidents, type ArticlePrediction, type IncidentScores } from './incident-scores.js';
import { loadArticleTexts } from './incidents.js';

export interface ReportData {
  /** Each labels file read, with its articles' predictions by the rules alone. */
  sets: { file: string; sha256: string; predictions: ArticlePrediction[] }[];
  examples: ReportExample[];
  /** The example of each report, to filter predictions by held-out probability. */
  exampleOf: Map<IncidentReport, number>;
}

export function reportTrainingData(files: readonly string[], corpus: string, gazetteer: Gazetteer): ReportData {
  const examples: ReportExample[] = [];
  const exampleOf = new Map<IncidentReport, number>();
  const sets = files.map((file) => {
    const labels = readIncidentLabels(file);
    const predictions = predictLabelled(labels, corpus, gazetteer, null);
    const texts = loadArticleTexts(labels, corpus);
    const set = path.basename(file);
    for (const p of predictions) {
      const through = p.label.labelledThroughSentence ?? Infinity;
      const article = texts.get(p.label.id)!;
      const rows = articleReportFeatures(p.reports, article.text, p.sentenceCount, article.published);
      const labelled = new Set(p.label.incidents.map((l) => l.sentence));
      p.reports.forEach((r, i) => {
        if (r.sentence > through) return;
        exampleOf.set(r, examples.length);
        examples.push({ set, article: p.label.id, sentence: r.sentence, row: rows[i]!, label: labelled.has(r.sentence) ? 1 : 0 });
      });
    }
    return { file, sha256: crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex'), predictions };
  });
  return { sets, examples, exampleOf };
}

/** Predictions with the reports whose held-out probability is below `t` dropped, regrouped. */
export function filteredPredictions(predictions: readonly ArticlePrediction[], probabilityOf: (r: IncidentReport) => number, t: number): ArticlePrediction[] {
  return predictions.map((p) => {
    const reports = p.reports.filter((r) => probabilityOf(r) >= t);
    return { ...p, reports, incidents: groupReports(reports) };
  });
}

export function scoreFiltered(predictions: readonly ArticlePrediction[], probabilityOf: (r: IncidentReport) => number, t: number, gazetteer: Gazetteer): IncidentScores {
  return scoreIncidents(filteredPredictions(predictions, probabilityOf, t), gazetteer);
}
