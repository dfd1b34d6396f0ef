/** The answer contract: `npm run ask -- --json`, the bot and the evaluation all read these names. */
import type { TimelineFilter } from '../incidents/timeline.js';

/** A quoted sentence, exactly as it stands in its article, with the answer span inside it. */
export interface Quote {
  /** The sentence, verbatim. */
  text: string;
  /** The answer inside `text` ([start, end) offsets into `text`), or null when none was marked. */
  span: { start: number; end: number; text: string } | null;
  /** Number of its source in `Answer.sources` (1-based). */
  citation: number;
  /** Days the sentence names, resolved against its article's date ("on Sunday" → 2023-12-03). */
  dates: QuoteDate[];
}

/** A day named in a quote: its words, offsets into `Quote.text`, and the calendar day (`YYYY-MM-DD`). */
export interface QuoteDate {
  text: string;
  start: number;
  end: number;
  date: string;
  /** True when the words alone do not give the full date (shown beside them: "on Sunday (3 Dec 2023)"). */
  relative: boolean;
}

/** An older figure for the same thing, from an earlier article than the answer's. */
export interface EarlierFigure extends Quote {
  published: string | null;
}

export interface SourceRef {
  n: number;
  title: string;
  source: string | null;
  /** `YYYY-MM-DD` or null. */
  published: string | null;
  url: string | null;
  /** Corpus file, relative to the corpus folder (with `:line` for JSONL articles). */
  file: string;
}

export interface Answer {
  question: string;
  abstained: boolean;
  /** Null when abstained. */
  answer: Quote | null;
  /** Up to two more sentences that back the answer. */
  supporting: Quote[];
  /** Older, differing figures from earlier articles, newest first. */
  earlier: EarlierFigure[];
  /** Numbered sources; when abstaining, the closest ones. */
  sources: SourceRef[];
  /** 0..1. */
  confidence: number;
  /** The day the question was asked as of (`YYYY-MM-DD`): only articles published by then could answer. */
  asOf: string;
  /** Publication date of the answering article (`YYYY-MM-DD`), null when it is undated or none answered. */
  answerPublished: string | null;
  /** The newest publication date among the sources cited (null when none is dated). */
  newestSource: string | null;
  /** Milliseconds taken to answer. */
  ms: number;
  /**
   * For a question that counts incidents ("How many attacks since Oct 17?"): how many distinct
   * incidents the corpus's reports give for the question's period (and kind and place, when it names
   * them), the timeline filter that lists them, and the line saying so ("Sitrep's corpus reports 12
   * distinct incidents since 17 Oct 2023"). What the corpus holds, never the true count.
   */
  incidents?: { count: number; filter: TimelineFilter; line: string };
}

/** One retrieved passage, for retrieval evaluation. */
export interface SearchHit {
  passageId: string;
  /** Corpus file of the passage's article, and its JSONL line when it has one. */
  file: string;
  line?: number;
  /** The passage's text. */
  text: string;
  /** Its article's publication date, `YYYY-MM-DD`, or null. */
  published: string | null;
  score: number;
}

export type SearchMode = 'lexical' | 'vector' | 'fused';
