/**
 * From a fetched page to the article to store: the corpus loader's own HTML extraction (Readability
 * over linkedom, with title, date, site name and canonical URL read from the page's metadata),
 * filled in with what a feed said about the item, and refused when it is not an article.
 */
import { extractHtml } from '../corpus/index.js';
import { urlKey } from './canonical-url.js';
import type { ArticleFrontMatter } from './corpus-writer.js';
import { hostName, sameSite } from './sites.js';
import type { ItemHints } from './types.js';

/** An article has at least this many words and two sentences: less is a link list, a stub or an error page. */
export const MIN_ARTICLE_WORDS = 40;
const MIN_SENTENCES = 2;

export interface Candidate {
  meta: ArticleFrontMatter;
  body: string;
  /** Every URL the article was reached at (asked for, after redirects, canonical). */
  urls: string[];
  /** The file to store and the article read back from it, when already made (read-page.ts). */
  prepared?: PreparedArticle;
}

export interface PreparedArticle {
  slug: string;
  /** The Markdown file. */
  content: string;
  /** The article the loader reads from `content`; absent with the reason it reads none. */
  article?: { id: string; title: string; source?: string; published?: string; url?: string };
  refused?: string;
}

export type CandidateResult = { ok: true; candidate: Candidate } | { ok: false; reason: string };

const WORD = /[\p{L}\p{N}]+/gu;
const WORD_START = /[\p{L}\p{N}]/gu;
const STOP = /[.!?\n]/g;
const CLOSERS = '"”’)]';
const SPACE = /\s/;

/** How many runs of letters and digits `body` holds; counted, not collected into an array. */
export function countWords(body: string): number {
  let count = 0;
  WORD.lastIndex = 0;
  while (WORD.test(body)) count++;
  return count;
}

/**
 * How many times `[\p{L}\p{N}][^.!?\n]*[.!?]["”’)\]]*(?=\s|$)` matches: a letter or digit, up to
 * the first `.!?` on its line, closing quotes, then a space or the end. Counted stop by stop: the
 * pattern scanned to the end of the line again from every letter of a line with no `.!?`.
 */
export function countSentences(body: string): number {
  let count = 0;
  for (let from = 0; ; ) {
    WORD_START.lastIndex = from;
    if (!WORD_START.test(body)) return count;
    STOP.lastIndex = WORD_START.lastIndex;
    if (!STOP.test(body)) return count;
    const stop = STOP.lastIndex - 1;
    if (body[stop] === '\n') {
      from = stop + 1;
      continue;
    }
    let end = stop + 1;
    while (end < body.length && CLOSERS.includes(body[end]!)) end++;
    if (end === body.length || SPACE.test(body[end]!)) count++;
    // When this start fails, so does every letter up to its stop: they all meet the same stop.
    from = end;
  }
}

export function notAnArticle(body: string): string | null {
  const words = countWords(body);
  const sentences = countSentences(body);
  if (words < MIN_ARTICLE_WORDS || sentences < MIN_SENTENCES) {
    return `not an article: the page has too little text (${words} words; an article needs at least ${MIN_ARTICLE_WORDS})`;
  }
  return null;
}


/**
 * The article in `html`, fetched from `finalUrl` after being asked for as `requested`. Its `url` is
 * where it was fetched from. What the page says about itself is trusted for its own site only: a
 * canonical URL elsewhere is kept as `canonical`, never as the link to cite nor to find duplicates
 * by, and the page's site name then gives way to the fetched host (a page on one host could
 * otherwise pass for Reuters, and get the genuine page refused as its duplicate).
 */
export function candidateFromPage(html: string, requested: string, finalUrl: string, hints: ItemHints = {}): CandidateResult {
  const page = extractHtml(html, { url: finalUrl });
  if (page.refused) return { ok: false, reason: `not an article: the page's HTML is ${page.refused}` };
  const title = page.title ?? hints.title;
  if (!title) return { ok: false, reason: 'not an article: the page has no title' };
  const refused = notAnArticle(page.body);
  if (refused) return { ok: false, reason: refused };
  const canonical = page.url && urlKey(page.url) !== urlKey(finalUrl) ? page.url : undefined;
  const ownSite = !canonical || sameSite(canonical, finalUrl);
  const source = ownSite ? (page.source ?? hints.source ?? hostName(finalUrl)) : hostName(finalUrl);
  const meta: ArticleFrontMatter = { title, source, url: finalUrl };
  if (canonical) meta.canonical = canonical;
  const published = page.published ?? hints.published;
  if (published) meta.published = published;
  const urls = [finalUrl, requested, ...(canonical && ownSite ? [canonical] : [])];
  return { ok: true, candidate: { meta, body: page.body, urls: [...new Set(urls)] } };
}
