/**
 * `npm run eval -- --incidents`: incident extraction over the hand-labelled real-news articles, and
 * its speed over the whole real-news folder. Reads the JSONL files directly (the labels name each
 * article by its producer's id, which the corpus loader does not keep).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseJsonLines } from '../corpus/jsonl.js';
import { splitSentences } from '../corpus/sentences.js';
import type { Article } from '../corpus/types.js';
import { extractReports, groupReports, loadGazetteer, mayReportIncident, type Gazetteer, type ReportFilter, type SentenceModel } from '../incidents/index.js';
import { labelledArticleSchema, type LabelledArticle } from './incident-labels.js';
import { scoreIncidents, type ArticlePrediction, type IncidentScores } from './incident-scores.js';

export interface IncidentSpeed {
  files: number;
  articles: number;
  sentences: number;
  /** Sentences the trigger filter let through, and those that became reports. */
  triggered: number;
  reports: number;
  /** Seconds to split the sentences and run the trigger filter on each (the index splits anyway), and to split and extract. */
  splitSeconds: number;
  extractSeconds: number;
  /** Sentences per second of extraction beyond splitting and the trigger filter. */
  sentencesPerSecond: number;
  gazetteerLoadSeconds: number;
}

export interface IncidentEvaluation {
  kind: 'incidents';
  labels: string;
  corpus: string;
  scores: IncidentScores;
  speed: IncidentSpeed;
}

/** A labels file or real-news folder the incident eval cannot use; the message says what to fix. */
export class IncidentEvalError extends Error {
  readonly code = 'INCIDENT_EVAL';
}

/** Labels, each line checked; a bad line is reported with its number and nothing is scored. */
export function readIncidentLabels(file: string): LabelledArticle[] {
  const out: LabelledArticle[] = [];
  const problems: string[] = [];
  fs.readFileSync(file, 'utf8')
    .split('\n')
    .forEach((raw, i) => {
      if (!raw.trim()) return;
      let value: unknown;
      try {
        value = JSON.parse(raw);
      } catch (err) {
        problems.push(`line ${i + 1}: invalid JSON (${(err as Error).message})`);
        return;
      }
      const parsed = labelledArticleSchema.safeParse(value);
      if (parsed.success) out.push(parsed.data);
      else problems.push(`line ${i + 1}: ${parsed.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`);
    });
  if (problems.length) throw new IncidentEvalError(`${file}: ${problems.length} bad label line(s):\n  ${problems.slice(0, 10).join('\n  ')}`);
  return out;
}

/** Each JSONL line of `file` whose `id` is wanted, as the corpus loader would build the article. */
function articlesById(dir: string, file: string, wanted: Set<string>): Map<string, Article> {
  const out = new Map<string, Article>();
  const full = path.join(dir, file);
  if (!fs.existsSync(full)) throw new IncidentEvalError(`${full}: not found (the labels name it; is --corpus the real-news folder?)`);
  for (const raw of fs.readFileSync(full, 'utf8').split('\n')) {
    if (!raw) continue;
    const id = (JSON.parse(raw) as { id?: unknown }).id;
    if (typeof id !== 'string' || !wanted.has(id)) continue;
    const article = parseJsonLines(file, raw).articles[0];
    if (article) out.set(id, article);
  }
  return out;
}

/** The labelled articles, by id, as the corpus loader builds them. */
export function loadArticleTexts(labels: LabelledArticle[], dir: string): Map<string, Article> {
  const byFile = new Map<string, Set<string>>();
  for (const l of labels) byFile.set(l.file, (byFile.get(l.file) ?? new Set()).add(l.id));
  const articles = new Map<string, Article>();
  for (const [file, ids] of byFile) for (const [id, a] of articlesById(dir, file, ids)) articles.set(id, a);
  return articles;
}

/** The labelled articles' reports and incidents, read by the rules and, when given, the learned report filter and sentence model. */
export function predictLabelled(labels: LabelledArticle[], dir: string, gazetteer: Gazetteer, reportFilter: ReportFilter | null = null, sentenceModel: SentenceModel | null = null): ArticlePrediction[] {
  const articles = loadArticleTexts(labels, dir);
  return labels.map((label) => {
    const article = articles.get(label.id);
    if (!article) throw new IncidentEvalError(`${label.file}: no article with id ${label.id}`);
    const reports = extractReports(article, { gazetteer, reportFilter, sentenceModel });
    // Grouped per article, as the labels are.
    return { label, sentenceCount: splitSentences(article.text).length, reports, incidents: groupReports(reports) };
  });
}

/** Extraction speed over every article of the folder's JSONL files. */
export function measureSpeed(dir: string, gazetteer: Gazetteer, gazetteerLoadSeconds: number, reportFilter: ReportFilter | null = null, sentenceModel: SentenceModel | null = null): IncidentSpeed {
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort();
  const articles: Article[] = [];
  for (const f of files) articles.push(...parseJsonLines(f, fs.readFileSync(path.join(dir, f), 'utf8')).articles);
  let sentences = 0;
  let triggered = 0;
  let t = performance.now();
  for (const a of articles) {
    for (const s of splitSentences(a.text)) {
      sentences++;
      if (mayReportIncident(a.text.slice(s.start, s.end))) triggered++;
    }
  }
  const splitSeconds = (performance.now() - t) / 1000;
  let reports = 0;
  t = performance.now();
  for (const a of articles) reports += extractReports(a, { gazetteer, reportFilter, sentenceModel }).length;
  const extractSeconds = (performance.now() - t) / 1000;
  const net = Math.max(1e-9, extractSeconds - splitSeconds);
  return { files: files.length, articles: articles.length, sentences, triggered, reports, splitSeconds, extractSeconds, sentencesPerSecond: sentences / net, gazetteerLoadSeconds };
}

export function evaluateIncidents(labelsFile: string, corpusDir: string, reportFilter: ReportFilter | null = null, sentenceModel: SentenceModel | null = null): IncidentEvaluation {
  if (!fs.existsSync(labelsFile)) throw new IncidentEvalError(`${labelsFile}: no such labels file`);
  const labels = readIncidentLabels(labelsFile);
  const t = performance.now();
  const gazetteer = loadGazetteer();
  const gazetteerLoadSeconds = (performance.now() - t) / 1000;
  const scores = scoreIncidents(predictLabelled(labels, corpusDir, gazetteer, reportFilter, sentenceModel), gazetteer);
  const speed = measureSpeed(corpusDir, gazetteer, gazetteerLoadSeconds, reportFilter, sentenceModel);
  return { kind: 'incidents', labels: labelsFile, corpus: corpusDir, scores, speed };
}

export function formatIncidentSpeed(s: IncidentSpeed): string {
  return [
    `Speed over ${s.articles} articles (${s.files} files), ${s.sentences} sentences:`,
    `  trigger filter passed ${s.triggered} (${((100 * s.triggered) / s.sentences).toFixed(1)}%), ${s.reports} reports`,
    `  split + trigger filter ${s.splitSeconds.toFixed(2)} s; split + extract ${s.extractSeconds.toFixed(2)} s; extraction beyond the filter ${Math.round(s.sentencesPerSecond).toLocaleString('en')} sentences/s`,
    `  gazetteer load ${s.gazetteerLoadSeconds.toFixed(2)} s`,
  ].join('\n');
}
