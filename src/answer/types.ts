/** The answer contract: `npm run ask -- --json`, the bot and the evaluation all read these names. */

/** A quoted sentence, exactly as it stands in its article, with the answer span inside it. */
export interface Quote {
  /** The sentence, verbatim. */
  text: string;
  /** The answer inside `text` ([start, end) offsets into `text`), or null when none was marked. */
  span: { start: number; end: number; text: string } | null;
  /** Number of its source in `Answer.sources` (1-based). */
  citation: number;
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
  /** Publication date of the answering article (`YYYY-MM-DD`), the "as of" date. */
  asOf: string | null;
  /** Milliseconds taken to answer. */
  ms: number;
}
