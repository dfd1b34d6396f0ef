/**
 * Sitrep's front door: open (or build) the index for a config and answer questions.
 * Scripts and the bot use this and nothing deeper.
 */
import type { Config } from './config.js';
import type { Answer } from './answer/types.js';

export interface ArticleInfo {
  title: string;
  source: string | null;
  published: string | null;
  url: string | null;
  file: string;
}

export interface IndexInfo {
  articles: number;
  passages: number;
  files: number;
  embedder: string;
  /** ISO time the index was built. */
  createdAt: string;
  /** Folder of the loaded index generation. */
  location: string;
}

export interface IndexSummary {
  files: number;
  articles: number;
  passages: number;
  /** Passages whose vectors were reused from the previous index. */
  reused: number;
  skipped: { file: string; line?: number; reason: string }[];
  seconds: number;
}

export interface Sitrep extends Searcher {
  answer(question: string): Promise<Answer>;
  sources(): ArticleInfo[];
  info(): IndexInfo;
  /** Loads the newest index on disk if it differs from the one in use; returns whether it swapped. */
  reload(): Promise<boolean>;
}

/** One retrieved passage, for retrieval evaluation. */
export interface SearchHit {
  passageId: string;
  /** Corpus file of the passage's article, and its JSONL line when it has one. */
  file: string;
  line?: number;
  score: number;
}

export type SearchMode = 'lexical' | 'vector' | 'fused';

export interface Searcher {
  search(query: string, options: { k: number; mode: SearchMode }): Promise<SearchHit[]>;
}
