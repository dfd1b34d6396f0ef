/**
 * `.html` / `.htm`: the story is found with Mozilla Readability over a linkedom DOM; metadata comes
 * from the page's meta tags, JSON-LD and `<time>`. linkedom only builds a tree: no script runs and
 * nothing is fetched. Page metadata is best effort (pages are messy and nobody here wrote them), so a
 * candidate that does not validate is passed over for the next one rather than costing the article.
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { buildAll, skip, type ParsedFile } from './article.js';
import { readTags, tagDepth } from './html-depth.js';
import { normaliseDate } from './metadata.js';

export { tagDepth };

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
  /** Set when the page was not read at all, saying why ("nested too deep (…)"); `body` is then empty. */
  refused?: string;
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
 * Readability's time also grows with the number of elements, faster than linearly on some shapes
 * (measured: 10,000 elements take 0.3–1.9 s, 100,000 `<i>` in one paragraph 6.9 s). Pages with more
 * elements than a news page (a few thousand, rarely 5,000) are read by the plain body-text fallback.
 */
const MAX_READABILITY_ELEMENTS = 10_000;
/**
 * A page whose elements nest deeper than this is not parsed at all (see `tagDepth`), and walking
 * the tree runs out of stack near 9,000 levels. Real pages nest a few dozen.
 */
export const MAX_TAG_DEPTH = 2_000;
/**
 * linkedom compares and lower-cases tag names at every query, so one tag name of a megabyte (`<a<a<a…`
 * never closed reads as a single name) costs a megabyte per query. No real element name is this long.
 */
const MAX_TAG_NAME = 256;
const count = (n: number) => n.toLocaleString('en-US');

const TOO_DEEP = `nested too deep (more than ${count(MAX_TAG_DEPTH)} levels)`;

/**
 * Why a page cannot be parsed at reasonable cost, found before parsing it (an estimate that follows
 * the parser's rules; the parsed tree is measured too); null when it can be.
 */
function unparseable(html: string): string | null {
  const tags = readTags(html, MAX_TAG_DEPTH);
  if (tags.depth > MAX_TAG_DEPTH) return TOO_DEEP;
  if (tags.longestName > MAX_TAG_NAME) return `malformed (a tag name of ${count(tags.longestName)} characters)`;
  return null;
}

/**
 * Text of an element with block elements as paragraphs and `<br>` as a line break. Walked with an
 * explicit stack, not by recursion: a page nested thousands deep must not overflow the call stack.
 */
export function blockText(root: El): string {
  const out: string[] = [];
  // Nodes still to visit, and the paragraph breaks that close block elements, in reverse order.
  const stack: Array<El | string> = [];
  const pushChildren = (node: El) => {
    const children = Array.from(node.childNodes) as El[];
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  };
  pushChildren(root);
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (typeof node === 'string') out.push(node);
    else if (node.nodeType === 3) out.push((node.textContent ?? '').replace(/\s+/g, ' '));
    else if (node.nodeType === 1) {
      const tag = node.tagName.toUpperCase();
      if (SKIPPED_TAGS.has(tag)) continue;
      if (tag === 'BR') out.push('\n');
      else if (BLOCK_TAGS.has(tag)) {
        out.push('\n\n');
        stack.push('\n\n');
        pushChildren(node);
      } else pushChildren(node);
    }
  }
  // Lines trimmed one by one: `[ \t]*\n[ \t]*` scanned a long run of spaces again from each space.
  return out
    .join('')
    .split('\n')
    .map((line) => line.trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** The page's `<meta>` elements, found once: each query walks the whole tree. */
const metaElements = new WeakMap<Doc, El[]>();

function meta(doc: Doc, ...keys: string[]): string[] {
  let all = metaElements.get(doc);
  if (!all) metaElements.set(doc, (all = Array.from(doc.querySelectorAll('meta')) as El[]));
  const found: string[] = [];
  for (const key of keys) {
    for (const el of all) {
      if (el.getAttribute('property') !== key && el.getAttribute('name') !== key && el.getAttribute('itemprop') !== key) continue;
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
    // A canonical link with a user name or password would be stored and shown: pass it over.
    if (resolved && /^https?:$/.test(resolved.protocol) && !resolved.username && !resolved.password) return resolved.href;
  }
  return undefined;
}

/**
 * Whether the tree under `root` stays within `maxDepth` levels and `maxElements` elements; walked
 * without recursion, as deep pages are the point, and stopped as soon as either is passed.
 */
export function withinSize(root: El, maxDepth: number, maxElements = Infinity): boolean {
  const stack: Array<[El, number]> = [[root, 0]];
  let elements = 0;
  while (stack.length > 0) {
    const [el, depth] = stack.pop()!;
    if (depth > maxDepth || ++elements > maxElements) return false;
    for (let c = el.firstElementChild as El | null; c; c = c.nextElementSibling as El | null) stack.push([c, depth + 1]);
  }
  return true;
}

function mainText(doc: Doc): { title?: string; text: string } {
  for (const el of Array.from(doc.querySelectorAll(CHROME.join(','))) as El[]) el.remove();
  let parsed: ReturnType<Readability<string>['parse']> = null;
  if (withinSize(doc.documentElement as El, MAX_READABILITY_DEPTH, MAX_READABILITY_ELEMENTS)) {
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
  // linkedom builds no <html> element around a bare fragment; give it one.
  const markup = /<html[\s>]/i.test(html) ? html : `<!doctype html><html><head></head><body>${html}</body></html>`;
  // Read as it will be parsed: a tag left open in a fragment ends at the `</body>` added around it.
  const refused = unparseable(markup);
  if (refused) return { body: '', refused };
  const { document: doc } = parseHTML(markup);
  // The tree decides, not the estimate: every walk below (Readability's among them) trusts this depth.
  if (!withinSize(doc.documentElement as El, MAX_TAG_DEPTH)) return { body: '', refused: TOO_DEEP };
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
  const { body, refused, ...metadata } = extractHtml(html, options);
  if (refused) return { articles: [], skipped: [skip(file, `HTML ${refused}`)] };
  return buildAll(file, [{ metadata, body }]);
}

export function parseHtml(file: string, text: string): ParsedFile {
  return articleFromHtml(text, file);
}
