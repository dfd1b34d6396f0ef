/** Reading a fetched page on the thread that calls it (the worker's reader, and the command line's). */
import { parseMarkdown } from '../corpus/index.js';
import { renderArticle, slugFor } from './corpus-writer.js';
import { candidateFromPage, type Candidate, type CandidateResult, type PreparedArticle } from './page-article.js';
import type { ItemHints } from './types.js';

/**
 * The file an article would be stored as, and the article as the loader will read it back: its id
 * is the content hash duplicates are judged by. Reading it back is the costly part of storing a
 * large page (a 4.5 MB article: 0.2 s), so the bot's page reader does it in its worker.
 */
export function prepareArticle(c: Candidate): PreparedArticle {
  const slug = slugFor(c.meta.title, c.meta.published);
  const content = renderArticle(c.meta, c.body);
  const reread = parseMarkdown(`${slug}.md`, content);
  const a = reread.articles[0];
  if (!a) return { slug, content, refused: reread.skipped[0]?.reason ?? 'no text after cleaning' };
  const article: NonNullable<PreparedArticle['article']> = { id: a.id, title: a.title };
  if (a.source) article.source = a.source;
  if (a.published) article.published = a.published;
  if (a.url) article.url = a.url;
  return { slug, content, article };
}

/**
 * The article in a fetched page, prepared for storing. A page that breaks the reader (a parser bug,
 * a stack overflow) will break it at every try, so it is refused for good: counted as passing, a
 * feed item would be fetched and parsed again at every poll, and its feed's ETag never saved.
 */
export function readPage(html: string, requested: string, finalUrl: string, hints?: ItemHints): CandidateResult {
  try {
    const result = candidateFromPage(html, requested, finalUrl, hints);
    if (result.ok) result.candidate.prepared = prepareArticle(result.candidate);
    return result;
  } catch (err) {
    return { ok: false, reason: `not an article: the page could not be read (${(err as Error).message.slice(0, 200)})` };
  }
}
