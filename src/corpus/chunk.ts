/** Passages: windows of consecutive sentences, the unit that is indexed and retrieved. */
import { shortHash } from './hash.js';
import { splitSentences } from './sentences.js';
import type { Article, Passage } from './types.js';

export interface ChunkOptions {
  /** Sentences per passage. Default 3. */
  sentences: number;
  /** Sentences a passage shares with the one before; at most `sentences - 1`. Default 1. */
  overlap: number;
}

export const DEFAULT_CHUNK_OPTIONS: Readonly<ChunkOptions> = { sentences: 3, overlap: 1 };

/** Content hash of a passage: the same article text always gives the same ids. */
export function passageId(articleId: string, start: number, end: number, text: string): string {
  return shortHash(`${articleId}\u0000${start}\u0000${end}\u0000${text}`);
}

/**
 * Cuts an article into passages of `sentences` consecutive sentences, each sharing `overlap`
 * sentences with the previous one, so a fact split across two sentences is still found together.
 * An article shorter than one window gives one passage; one with no text gives none.
 */
export function chunkArticle(article: Article, options: Partial<ChunkOptions> = {}): Passage[] {
  const size = Math.max(1, Math.floor(options.sentences ?? DEFAULT_CHUNK_OPTIONS.sentences));
  const overlap = Math.min(size - 1, Math.max(0, Math.floor(options.overlap ?? DEFAULT_CHUNK_OPTIONS.overlap)));
  const step = size - overlap;
  const sentences = splitSentences(article.text);
  const passages: Passage[] = [];
  for (let first = 0; first < sentences.length; first += step) {
    const window = sentences.slice(first, first + size);
    const start = window[0].start;
    const end = window[window.length - 1].end;
    passages.push({
      id: passageId(article.id, start, end, article.text.slice(start, end)),
      articleId: article.id,
      index: passages.length,
      start,
      end,
      sentences: window.map((s) => ({ start: s.start, end: s.end })),
    });
    if (first + size >= sentences.length) break;
  }
  return passages;
}
