/**
 * From a fetched page to the article to store: the corpus loader's own HTML extraction (Readability
 * over linkedom, with title, date, site name and canonical URL read from the page's metadata),
 * filled in with what a feed said about the item, and refused when it is not an article.
 */
import { extractHtml } from '../corpus/index.js';
import type { ArticleFrontMatter } from './corpus-writer.js';
import type { ItemHints } from './types.js';

/** An article has at least this many words and two sentences: less is a link list, a stub or an error page. */
export const MIN_ARTICLE_WORDS = 40;
const MIN_SENTENCES = 2;

export interface Candidate {
  meta: ArticleFrontMatter;
  body: string;
  /** Every URL the article was reached at (asked for, after redirects, canonical). */
  urls: string[];
}

export type CandidateResult = { ok: true; candidate: Candidate } | { ok: false; reason: string };

export function notAnArticle(body: string): string | null {
  const words = body.match(/[\p{L}\p{N}]+/gu)?.length ?? 0;
  const sentences = body.match(/[\p{L}\p{N}][^.!?\n]*[.!?]["”’)\]]*(?=\s|$)/gu)?.length ?? 0;
  if (words < MIN_ARTICLE_WORDS || sentences < MIN_SENTENCES) {
    return `not an article: the page has too little text (${words} words; an article needs at least ${MIN_ARTICLE_WORDS})`;
  }
  return null;
}

const siteOf = (url: string) => new URL(url).hostname.replace(/^www\./, '');

/** The article in `html`, fetched from `finalUrl` after being asked for as `requested`. */
export function candidateFromPage(html: string, requested: string, finalUrl: string, hints: ItemHints = {}): CandidateResult {
  const page = extractHtml(html, { url: finalUrl });
  const title = page.title ?? hints.title;
  if (!title) return { ok: false, reason: 'not an article: the page has no title' };
  const refused = notAnArticle(page.body);
  if (refused) return { ok: false, reason: refused };
  const url = page.url ?? finalUrl;
  const meta: ArticleFrontMatter = { title, source: page.source ?? hints.source ?? siteOf(finalUrl), url };
  const published = page.published ?? hints.published;
  if (published) meta.published = published;
  return { ok: true, candidate: { meta, body: page.body, urls: [...new Set([url, finalUrl, requested])] } };
}
