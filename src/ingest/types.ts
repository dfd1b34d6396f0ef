/** What became of each link, file or feed item handed to ingestion. */

export interface AddedOutcome {
  status: 'added';
  /** The URL or path as given. */
  input: string;
  /** The new file, relative to the corpus folder. */
  file: string;
  title: string;
  source?: string;
  /** `YYYY-MM-DD`, when the page gave one. */
  published?: string;
  url?: string;
}

export interface DuplicateOutcome {
  status: 'duplicate';
  input: string;
  /** The corpus file that already holds the article (`file:line` inside a JSONL file). */
  file: string;
  title: string;
  source?: string;
  published?: string;
  /** Recognised by one of its URLs, or by the same text found at another URL (now remembered). */
  by: 'url' | 'content';
}

export interface SkippedOutcome {
  status: 'skipped';
  input: string;
  reason: string;
  /** Worth trying again later (a timeout, a server error): a feed item skipped so is read again next time. */
  transient: boolean;
}

export type Outcome = AddedOutcome | DuplicateOutcome | SkippedOutcome;

/** Metadata a feed gives about an item, used where the page itself says nothing. */
export interface ItemHints {
  title?: string;
  published?: string;
  source?: string;
}

export interface FeedReport {
  feed: string;
  /** `read`: fetched and parsed; `not-modified`: the server said nothing changed (304); `failed`: see `reason`. */
  status: 'read' | 'not-modified' | 'failed';
  title?: string;
  reason?: string;
  /** Older items left out, past FEED_MAX_ITEMS. */
  dropped?: number;
  /** Items listed in the feed, and how many of them had not been seen before. */
  items: number;
  fresh: number;
  outcomes: Outcome[];
}
