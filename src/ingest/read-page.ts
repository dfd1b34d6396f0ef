/** Reading a fetched page on the thread that calls it (the worker's reader, and the command line's). */
import { candidateFromPage, type CandidateResult } from './page-article.js';
import type { ItemHints } from './types.js';

/**
 * The article in a fetched page. A page that breaks the reader (a parser bug, a stack overflow)
 * will break it at every try, so it is refused for good: counted as passing, a feed item would be
 * fetched and parsed again at every poll, and its feed's ETag never saved.
 */
export function readPage(html: string, requested: string, finalUrl: string, hints?: ItemHints): CandidateResult {
  try {
    return candidateFromPage(html, requested, finalUrl, hints);
  } catch (err) {
    return { ok: false, reason: `not an article: the page could not be read (${(err as Error).message.slice(0, 200)})` };
  }
}
