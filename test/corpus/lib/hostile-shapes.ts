/**
 * For each function under src/corpus, src/ingest and src/bot/format that runs regular expressions
 * over text from outside (a fetched page, a feed, a corpus file, an article in a reply), the shapes
 * of input that make a backtracking pattern slow: long runs of what a pattern repeats, openers that
 * never close, and lines that never end the way a pattern hopes.
 */
import { parseHTML } from 'linkedom';
import { answerEmbed } from '../../../src/bot/format/answer-embed.js';
import { escapeText, fitPlain, packLines } from '../../../src/bot/format/limits.js';
import { safeUrl, sourceLine } from '../../../src/bot/format/sources.js';
import { blockText, tagDepth } from '../../../src/corpus/html.js';
import {
  cleanText,
  extractHtml,
  isBoilerplateLine,
  markdownToText,
  normaliseDate,
  normaliseWhitespace,
  parseJsonLines,
  parseMarkdown,
  parsePlainText,
  splitFrontMatter,
  splitSentences,
  validateMetadata,
} from '../../../src/corpus/index.js';
import { urlKey } from '../../../src/ingest/canonical-url.js';
import { decodeBody, parseContentType } from '../../../src/ingest/content-type.js';
import { slugFor } from '../../../src/ingest/corpus-writer.js';
import { candidateFromPage, notAnArticle } from '../../../src/ingest/page-article.js';
import { parseFeedItems } from '../../../src/ingest/feeds.js';
import { looksLikeUrl } from '../../../src/ingest/session.js';
import { answer, quote, source } from '../../bot/fixtures.js';
import { repeat, type Shape } from './growth.js';

const swallow = (fn: () => unknown) => () => {
  try {
    return fn();
  } catch {
    return undefined;
  }
};

/** Shapes given to several text functions at once. */
const TEXT_UNITS: Record<string, string> = {
  'a run of dots then a letter': '.',
  'dots and quotes': ".'",
  'bold openers without a closer': '**a ',
  'underline openers without a closer': '__a ',
  'link openers without a target': '[a](',
  'image openers': '![a](',
  'open brackets': '[',
  'reference-link openers': '[a][',
  'comment openers': '<!--',
  'italic stars': '*a',
  'backticks': '`a',
  'spaces': ' ',
  'words without punctuation': 'word ',
  'URLs followed by stars': 'https://x*',
  'mentions': '<@1>@everyone ',
};

function textShapes(fn: string, run: (s: string) => unknown, units: Record<string, string> = TEXT_UNITS): Shape[] {
  return Object.entries(units).map(([what, unit]) => ({ name: `${fn}: ${what}`, make: (n) => repeat(unit, n, '', 'x'), run }));
}

const dom = (html: string) => parseHTML(`<!doctype html><html><body>${html}</body></html>`).document.body as never;

export const CORPUS_SHAPES: Shape<any>[] = [
  { name: 'tagDepth: "<a" without ">"', make: (n) => repeat('<a', n), run: (s) => tagDepth(s) },
  { name: 'tagDepth: "<a b=" without a closing quote', make: (n) => repeat('<a b="', n), run: (s) => tagDepth(s) },
  { name: 'tagDepth: close tags of nothing', make: (n) => repeat('</a', n), run: (s) => tagDepth(s) },
  { name: 'tagDepth: "<li><p>x" nesting', make: (n) => repeat('<li><p>x', n), run: (s) => tagDepth(s) },
  { name: 'tagDepth: flat paragraphs', make: (n) => repeat('<p>x</p>', n), run: (s) => tagDepth(s) },
  { name: 'blockText: runs of spaces across elements', make: (n) => dom(repeat('<i> </i>', n, '', 'x')), run: (d) => blockText(d) },
  { name: 'blockText: many paragraphs', make: (n) => dom(repeat('<p>Word word.</p>', n)), run: (d) => blockText(d) },
  ...textShapes('markdownToText', markdownToText),
  { name: 'markdownToText: a heading with a run of spaces', make: (n) => repeat(' ', n, '# a', 'x'), run: markdownToText },
  { name: 'markdownToText: a heading with closing hashes and spaces', make: (n) => repeat(' #', n, '# a', 'x'), run: markdownToText },
  { name: 'markdownToText: rule-like line', make: (n) => repeat('- ', n, '', 'x'), run: markdownToText },
  { name: 'markdownToText: many short lines', make: (n) => repeat('# a\n> b **c** [d](e)\n', n), run: markdownToText },
  { name: 'parseMarkdown: a title heading with a run of spaces', make: (n) => repeat(' ', n, '# a', 'x\n\nBody text.'), run: (s) => parseMarkdown('a.md', s) },
  ...textShapes('cleanText', (s) => cleanText(s)),
  { name: 'cleanText: many short lines', make: (n) => repeat('Related Articles\nMenu\nA line.\n', n), run: (s) => cleanText(s) },
  ...textShapes('isBoilerplateLine', isBoilerplateLine, {
    'a run of dots then a letter': '.',
    'arrows and bars': '» |',
    'copyright then letters': 'a',
    spaces: ' ',
  }),
  { name: 'isBoilerplateLine: copyright and a long name', make: (n) => repeat('a', n, '© '), run: isBoilerplateLine },
  ...textShapes('normaliseWhitespace', normaliseWhitespace, { spaces: ' ', 'odd spaces': '\u00a0\u2003', 'spaces and letters': '  x' }),
  ...textShapes('splitSentences', (s) => splitSentences(s)),
  { name: 'splitSentences: "!?" runs', make: (n) => repeat('!?', n, '', 'x'), run: (s) => splitSentences(s) },
  { name: 'splitSentences: a newline then spaces', make: (n) => repeat(' ', n, 'a\n', 'x'), run: (s) => splitSentences(s) },
  { name: 'splitSentences: newlines and spaces', make: (n) => repeat('\n ', n, '', 'x'), run: (s) => splitSentences(s) },
  { name: 'splitSentences: abbreviations', make: (n) => repeat('U.S. Mr. Oct. 5 ', n), run: (s) => splitSentences(s) },
  { name: 'splitSentences: one word without spaces', make: (n) => repeat('a', n), run: (s) => splitSentences(s) },
  { name: 'splitFrontMatter: front matter never closed', make: (n) => repeat('a: b\n', n, '---\n'), run: splitFrontMatter },
  { name: 'splitFrontMatter: closing-like lines', make: (n) => repeat('--- x\n', n, '---\n'), run: splitFrontMatter },
  { name: 'normaliseDate: a long date-like text', make: (n) => repeat('6 December ', n), run: (s) => swallow(() => normaliseDate(s))() },
  { name: 'normaliseDate: digits and dashes', make: (n) => repeat('2023-', n), run: (s) => swallow(() => normaliseDate(s))() },
  { name: 'validateMetadata: huge fields', make: (n) => repeat('a ', n), run: (s) => validateMetadata({ title: s, source: s, published: s, url: s }) },
  { name: 'parseJsonLines: many lines', make: (n) => repeat('{"title":"T","text":"A line. Another."}\n', n), run: (s) => parseJsonLines('a.jsonl', s) },
  { name: 'parsePlainText: a title of dots', make: (n) => repeat('.', n, '', 'x\nBody.'), run: (s) => parsePlainText('a.txt', s) },
  { name: 'extractHtml: one long paragraph', make: (n) => repeat('word ', n, '<p>', '</p>'), run: (s) => extractHtml(s) },
  { name: 'extractHtml: "<a" without ">"', make: (n) => repeat('<a', n, '<p>x</p>'), run: (s) => extractHtml(s) },
  { name: 'extractHtml: runs of spaces across elements', make: (n) => repeat('<i> </i>', n, '<p>', 'x</p>'), run: (s) => extractHtml(s) },
  { name: 'extractHtml: "<li><p>x" nesting', make: (n) => repeat('<li><p>x', n), run: (s) => extractHtml(s) },
];

const page = (body: string) => `<html><head><title>T</title></head><body><article><p>${body}</p></article></body></html>`;

export const INGEST_SHAPES: Shape<any>[] = [
  ...textShapes('notAnArticle', notAnArticle, {
    'words without punctuation': 'word ',
    'a run of dots then a letter': '.',
    'dots inside words': 'a.b',
    'newlines': 'a\n',
    'closing quotes': 'a."',
  }),
  { name: 'candidateFromPage: a paragraph without .!?', make: (n) => page(repeat('word ', n)), run: (s) => candidateFromPage(s, 'https://a.example/x', 'https://a.example/x') },
  { name: 'urlKey: a run of slashes', make: (n) => repeat('/', n, 'https://a.example/', 'x'), run: urlKey },
  { name: 'urlKey: many parameters', make: (n) => repeat('a=1&', n, 'https://a.example/?'), run: urlKey },
  { name: 'urlKey: many tracking parameters', make: (n) => repeat('utm_a=1&', n, 'https://a.example/?'), run: urlKey },
  { name: 'slugFor: punctuation', make: (n) => repeat('- ', n, '', 'x'), run: (s) => slugFor(s) },
  { name: 'slugFor: accents', make: (n) => repeat('é', n), run: (s) => slugFor(s) },
  { name: 'parseContentType: many parameters', make: (n) => repeat('; charset=', n, 'text/html'), run: parseContentType },
  { name: 'decodeBody: "<meta" openers', make: (n) => Buffer.from(repeat('<meta ', n)), run: (b) => decodeBody(b, { mime: 'text/html' }) },
  { name: 'looksLikeUrl: a long scheme', make: (n) => repeat('a+', n), run: looksLikeUrl },
  {
    name: 'parseFeedItems: many items, no cap',
    make: (n) => `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><link>https://a.example/</link>${repeat('<item><title>T</title><link>https://a.example/n</link><guid>g</guid><pubDate>Sat, 10 May 2031 14:00:00 GMT</pubDate></item>', n)}</channel></rss>`,
    run: (xml) => parseFeedItems(xml, 'https://a.example/feed.rss', Infinity),
  },
  {
    name: 'parseFeedItems: many items, capped',
    make: (n) => `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><link>https://a.example/</link>${repeat('<item><title>T</title><link>https://a.example/n</link><guid>g</guid></item>', n)}</channel></rss>`,
    run: (xml) => parseFeedItems(xml, 'https://a.example/feed.rss'),
  },
];

export const FORMAT_SHAPES: Shape<any>[] = [
  ...textShapes('escapeText', escapeText),
  ...textShapes('fitPlain', (s) => fitPlain(s, 4096)),
  ...textShapes('sourceLine', (s) => sourceLine({ title: s, source: s, published: null, url: `https://a.example/${s}` })),
  { name: 'safeUrl: parentheses', make: (n) => repeat('(', n, 'https://a.example/'), run: safeUrl },
  { name: 'packLines: many lines', make: (n) => repeat('a line\n', n).split('\n'), run: (lines) => packLines(lines, 1024) },
  {
    name: 'answerEmbed: a huge question and quote',
    make: (n) => repeat('**a [b](', n),
    run: (s) => answerEmbed(answer({ question: s, answer: quote(s, null), sources: [source(1, { title: s })] })),
  },
];

export const ALL_SHAPES = [...CORPUS_SHAPES, ...INGEST_SHAPES, ...FORMAT_SHAPES];
