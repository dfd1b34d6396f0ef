/** A character range [start, end) inside a text. */
export interface Span {
  start: number;
  end: number;
}

/** One article as the loader hands it on: cleaned text plus validated metadata. */
export interface Article {
  /** Stable id: a content hash of the cleaned text (so the same story in two files has one id). */
  id: string;
  /** Path of the file it came from, relative to the corpus folder, with `/` separators. */
  file: string;
  /** 1-based line number, for articles read from a `.jsonl` file. */
  line?: number;
  title: string;
  /** Who published it (e.g. "AFP"), when known. */
  source?: string;
  /** Publication date as `YYYY-MM-DD`, when known. */
  published?: string;
  url?: string;
  /** Cleaned body text. Every offset in a Passage points into this string. */
  text: string;
}

/** A few consecutive sentences of one article: the unit that is indexed and retrieved. */
export interface Passage {
  /** Stable id: a content hash of the article id, the offsets and the text. */
  id: string;
  articleId: string;
  /** 0-based position of the passage within its article. */
  index: number;
  /** Range of the passage in `article.text`. */
  start: number;
  end: number;
  /** Sentence ranges in `article.text`, in order; each lies inside [start, end). */
  sentences: Span[];
}

/** An input the loader passed over, with the reason a person can act on. */
export interface SkippedInput {
  file: string;
  line?: number;
  reason: string;
}

/** One file of the corpus folder and what it held. */
export interface CorpusFile {
  file: string;
  /** sha256 of the raw bytes, hex. */
  hash: string;
  articles: Article[];
}

export interface LoadedCorpus {
  files: CorpusFile[];
  skipped: SkippedInput[];
}
