/**
 * `.html` / `.htm`: the story is found with Mozilla Readability over a linkedom DOM; metadata comes
 * from the page's meta tags, JSON-LD and `<time>`. linkedom only builds a tree: no script runs and
 * nothing is fetched. Page metadata is best effort (pages are messy and nobody here wrote them), so a
 * candidate that does not validate is passed over for the next one rather than costing the article.
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { buildAll, skip, type ParsedFile } from './article.js';
import { normaliseDate } from './metadata.js';

type Doc = ReturnType<typeof parseHTML>['document'];
type El = ReturnType<Doc['createElement']>;

export interface HtmlOptions {
  /** Where the page was fetched from: the fallback article url, and the base for relative links. */
  url?: string;
}

/** What a page says about itself, plus its main text with paragraphs separated by blank lines. */
export interface ExtractedPage {
  title?: string;
  source?: string;
  /** `YYYY-MM-DD`. */
  published?: string;
  url?: string;
  body: string;
}

const SKIPPED_TAGS = new Set(['HEAD', 'TITLE', 'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'IFRAME', 'OBJECT', 'CANVAS', 'BUTTON', 'FORM', 'SELECT']);
/** Page chrome removed before looking for the story: Readability keeps it when a page is short. */
const CHROME = ['nav', 'footer', 'aside', 'menu', 'body > header', '[role=navigation]', '[role=banner]', '[role=contentinfo]', '[aria-hidden=true]'];
const BLOCK_TAGS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'DD', 'DIV', 'DL', 'DT', 'FIGCAPTION', 'FIGURE', 'FOOTER',
  'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'OL', 'P', 'PRE', 'SECTION', 'TABLE',
  'TD', 'TH', 'TR', 'UL', 'BODY',
]);
/**
 * Readability's time grows much faster than linearly with nesting depth (measured: 400 nested
 * <div>s take about 1 s, 800 about 4 s, 3,000 about 4.5 minutes). News pages nest a few dozen levels;
 * a deeper page is read by the plain body-text fallback instead.
 */
const MAX_READABILITY_DEPTH = 128;
/**
 * A page whose tags could nest deeper than this is not parsed at all: linkedom's parsing time grows
 * with the square of the depth (measured: 100,000 levels take 6 s, 300,000 levels 90 s), and walking
 * the tree runs out of stack near 9,000 levels. Real pages nest a few dozen.
 */
export const MAX_TAG_DEPTH = 2_000;
/** Elements that add no depth: void ones, and those the next sibling of their kind closes. */
const NON_NESTING = new Set([
  'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr',
  'p', 'li', 'dt', 'dd', 'tr', 'td', 'th', 'option', 'optgroup', 'rb', 'rt', 'rp',
]);
const TAG = /<(\/?)([a-z][a-z0-9-]*)[^>]*>/gi;

/**
 * How deep the page's tags could nest, read before parsing: an upper bound, since a close tag only
 * counts against an open element of its name, as a parser would ignore it otherwise. `<x/>` closes
 * itself only inside SVG or MathML, as in HTML parsing. Stops counting past `stopAbove`.
 */
export function tagDepth(html: string, stopAbove = Infinity): number {
  const open = new Map<string, number>();
  let depth = 0;
  let max = 0;
  for (const m of html.matchAll(TAG)) {
    const name = m[2]!.toLowerCase();
    if (NON_NESTING.has(name)) continue;
    const count = open.get(name) ?? 0;
    if (m[1]) {
      if (count > 0) {
        open.set(name, count - 1);
        depth--;
      }
      continue;
    }
    const foreign = (open.get('svg') ?? 0) + (open.get('math') ?? 0) > 0 || name === 'svg' || name === 'math';
    if (foreign && m[0].endsWith('/>')) continue;
    open.set(name, count + 1);
    if (++depth > max && (max = depth) > stopAbove) break;
  }
  return max;
}

/** Text of an element with block elements as paragraphs and `<br>` as a line break. */
export function blockText(root: El): string {
  const out: string[] = [];
  const walk = (node: El): void => {
    for (const child of Array.from(node.childNodes) as El[]) {
      if (child.nodeType === 3) out.push((child.textContent ?? '').replace(/\s+/g, ' '));
      if (child.nodeType !== 1) continue;
      const tag = child.tagName.toUpperCase();
      if (SKIPPED_TAGS.has(tag)) continue;
      if (tag === 'BR') out.push('\n');
      else if (BLOCK_TAGS.has(tag)) {
        out.push('\n\n');
        walk(child);
        out.push('\n\n');
      } else walk(child);
    }
  };
  walk(root);
  return out.join('').replace(/[ \t]*\n[ \t]*/g, '\n').replace(/\n{3,}/g, '\n\n').trim();
}

function meta(doc: Doc, ...keys: string[]): string[] {
  const found: string[] = [];
  for (const key of keys) {
    for (const el of Array.from(doc.querySelectorAll(`meta[property="${key}"], meta[name="${key}"], meta[itemprop="${key}"]`)) as El[]) {
      const v = el.getAttribute('content')?.trim();
      if (v) found.push(v);
    }
  }
  return found;
}

/** Objects from the page's JSON-LD blocks, flattened through arrays and `@graph`. */
function jsonLd(doc: Doc): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') {
      out.push(v as Record<string, unknown>);
      visit((v as Record<string, unknown>)['@graph']);
    }
  };
  for (const el of Array.from(doc.querySelectorAll('script[type="application/ld+json"]')) as El[]) {
    try {
      visit(JSON.parse(el.textContent ?? ''));
    } catch {
      // A broken JSON-LD block is common and says nothing about the story: ignore it.
    }
  }
  const isArticle = (o: Record<string, unknown>) => /Article|Report|Posting|News/i.test(String(o['@type'] ?? ''));
  return [...out.filter(isArticle), ...out.filter((o) => !isArticle(o))];
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
const nameOf = (v: unknown): string | undefined =>
  str(v) ?? (v && typeof v === 'object' ? str((v as Record<string, unknown>).name) : undefined);

function firstDate(candidates: Array<string | undefined>): string | undefined {
  for (const c of candidates) {
    if (!c) continue;
    try {
      return normaliseDate(c);
    } catch {
      // Try the next source of a date.
    }
  }
  return undefined;
}

function firstUrl(candidates: Array<string | undefined>, base?: string): string | undefined {
  for (const c of candidates) {
    if (!c) continue;
    const resolved = URL.canParse(c, base) ? new URL(c, base) : undefined;
    if (resolved && /^https?:$/.test(resolved.protocol)) return resolved.href;
  }
  return undefined;
}

/** Whether elements nest deeper than `limit` under `root`; walked without recursion, as deep pages are the point. */
function nestsDeeperThan(root: El, limit: number): boolean {
  const stack: Array<[El, number]> = [[root, 0]];
  while (stack.length > 0) {
    const [el, depth] = stack.pop()!;
    if (depth > limit) return true;
    for (let c = el.firstElementChild as El | null; c; c = c.nextElementSibling as El | null) stack.push([c, depth + 1]);
  }
  return false;
}

function mainText(doc: Doc): { title?: string; text: string } {
  for (const el of Array.from(doc.querySelectorAll(CHROME.join(','))) as El[]) el.remove();
  let parsed: ReturnType<Readability<string>['parse']> = null;
  if (!nestsDeeperThan(doc.documentElement as El, MAX_READABILITY_DEPTH)) {
    try {
      // Readability rewrites the tree it is given; keep the original for the fallback below.
      parsed = new Readability(doc.cloneNode(true) as unknown as Document).parse();
    } catch {
      parsed = null;
    }
  }
  if (parsed?.content) {
    const { document } = parseHTML(`<!doctype html><html><body>${parsed.content}</body></html>`);
    const text = blockText(document.body as El);
    if (text) return { title: str(parsed.title), text };
  }
  // Readability found no article: fall back to the whole body.
  const body = doc.body as El | null;
  if (!body) return { text: '' };
  return { title: str(parsed?.title), text: blockText(body) };
}

/** Main text and metadata of an HTML page. Pure: nothing is executed or fetched. */
export function extractHtml(html: string, options: HtmlOptions = {}): ExtractedPage {
  if (tagDepth(html, MAX_TAG_DEPTH) > MAX_TAG_DEPTH) return { body: '' };
  // linkedom builds no <html> element around a bare fragment; give it one.
  const { document: doc } = parseHTML(/<html[\s>]/i.test(html) ? html : `<!doctype html><html><head></head><body>${html}</body></html>`);
  const ld = jsonLd(doc);
  const ldField = (key: string) => ld.map((o) => o[key]);
  const firstH1 = str((doc.querySelector('h1') as El | null)?.textContent?.replace(/\s+/g, ' '));
  const pageTitle = str((doc.querySelector('title') as El | null)?.textContent?.replace(/\s+/g, ' '));
  const timeEls = Array.from(doc.querySelectorAll('time[datetime]')) as El[];

  const published = firstDate([
    ...meta(doc, 'article:published_time', 'og:published_time', 'datePublished', 'pubdate', 'publishdate', 'date', 'dc.date', 'DC.date.issued', 'dcterms.created'),
    ...ldField('datePublished').map(str),
    ...timeEls.map((el) => el.getAttribute('datetime') ?? undefined),
  ]);
  const url = firstUrl(
    [
      (doc.querySelector('link[rel="canonical"]') as El | null)?.getAttribute('href') ?? undefined,
      ...meta(doc, 'og:url'),
      ...ldField('url').map(str),
      options.url,
    ],
    options.url,
  );
  const source = [...meta(doc, 'og:site_name', 'application-name'), ...ldField('publisher').map(nameOf)].find(Boolean);

  const main = mainText(doc);
  const title = [...meta(doc, 'og:title', 'twitter:title'), ...ldField('headline').map(str), main.title, pageTitle, firstH1].find(Boolean);

  const page: ExtractedPage = { body: main.text };
  if (title) page.title = title;
  if (source) page.source = source;
  if (published) page.published = published;
  if (url) page.url = url;
  return page;
}

/** One article from an HTML page; `file` names it in the article and in any skip reason. */
export function articleFromHtml(html: string, file: string, options: HtmlOptions = {}): ParsedFile {
  const { body, ...metadata } = extractHtml(html, options);
  return buildAll(file, [{ metadata, body }]);
}

export function parseHtml(file: string, text: string): ParsedFile {
  if (tagDepth(text, MAX_TAG_DEPTH) > MAX_TAG_DEPTH) {
    return { articles: [], skipped: [skip(file, `HTML nested more than ${MAX_TAG_DEPTH.toLocaleString('en-US')} levels deep`)] };
  }
  return articleFromHtml(text, file);
}
