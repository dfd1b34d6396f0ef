/**
 * The training data of the incident sentence model (`src/incidents/sentence-model.ts`): every sentence
 * the trigger filter passes in the labelled part of each hand-labelled article, with its features and
 * whether a labelled report is in it; and the predictions of a model at a threshold, scored as
 * `npm run eval -- --incidents` scores them.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { splitSentences } from '../corpus/sentences.js';
import type { Article } from '../corpus/types.js';
import { articleCandidateFeatures, groupReports, readCandidates, reportsAt, type Gazetteer, type ReportCandidate } from '../incidents/index.js';
import type { ReportExample } from '../learn/report-train.js';
import type { LabelledArticle } from './incident-labels.js';
import { loadArticleTexts, readIncidentLabels } from './incidents.js';
import { scoreIncidents, type ArticlePrediction, type IncidentScores } from './incident-scores.js';

/** One labelled article's candidates, their feature rows, and the example each labelled one became (-1: beyond the labelled part). */
export interface CandidateArticle {
  label: LabelledArticle;
  article: Article;
  sentenceCount: number;
  candidates: ReportCandidate[];
  rows: number[][];
  example: number[];
}

export interface SentenceData {
  sets: { file: string; sha256: string; articles: CandidateArticle[] }[];
  examples: ReportExample[];
  /** Labelled reports whose sentence the trigger filter turns away: no model over candidates can find them. */
  untriggered: number;
  labelled: number;
}

export function sentenceTrainingData(files: readonly string[], corpus: string, gazetteer: Gazetteer): SentenceData {
  const examples: ReportExample[] = [];
  let untriggered = 0;
  let labelledCount = 0;
  const sets = files.map((file) => {
    const labels = readIncidentLabels(file);
    const texts = loadArticleTexts(labels, corpus);
    const set = path.basename(file);
    const articles = labels.map((label): CandidateArticle => {
      const article = texts.get(label.id);
      if (!article) throw new Error(`${file}: no article with id ${label.id}`);
      const sentences = splitSentences(article.text);
      const candidates = readCandidates(article, { gazetteer }, sentences);
      const rows = articleCandidateFeatures(candidates, article, sentences.length);
      const through = label.labelledThroughSentence ?? Infinity;
      const labelled = new Set(label.incidents.map((l) => l.sentence));
      const triggered = new Set(candidates.map((c) => c.report.sentence));
      labelledCount += label.incidents.length;
      untriggered += label.incidents.filter((l) => !triggered.has(l.sentence)).length;
      const example = candidates.map((c, i) => {
        if (c.report.sentence > through) return -1;
        examples.push({ set, article: label.id, sentence: c.report.sentence, row: rows[i]!, label: labelled.has(c.report.sentence) ? 1 : 0 });
        return examples.length - 1;
      });
      return { label, article, sentenceCount: sentences.length, candidates, rows, example };
    });
    return { file, sha256: crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex'), articles };
  });
  return { sets, examples, untriggered, labelled: labelledCount };
}

/** Each article's reports when the candidates with probability ≥ `t` are kept (`probabilities(a)`: one per candidate), grouped. */
export function predictionsAt(articles: readonly CandidateArticle[], probabilities: (a: CandidateArticle) => readonly number[], t: number): ArticlePrediction[] {
  return articles.map((a) => {
    const reports = reportsAt(a.candidates, probabilities(a), t);
    return { label: a.label, sentenceCount: a.sentenceCount, reports, incidents: groupReports(reports) };
  });
}

/** The rules' own decisions as probabilities (1 for a sentence the rules make a report of): their reports at any threshold in (0, 1]. */
export const rulesProbabilities = (a: CandidateArticle): number[] => a.candidates.map((c) => (c.gates.passes ? 1 : 0));

export function scoreAt(articles: readonly CandidateArticle[], probabilities: (a: CandidateArticle) => readonly number[], t: number, gazetteer: Gazetteer): IncidentScores {
  return scoreIncidents(predictionsAt(articles, probabilities, t), gazetteer);
}
