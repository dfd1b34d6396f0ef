/** `.md` / `.markdown`: YAML front matter, title falling back to the first `# heading`. */
import { buildAll, skip, type ParsedFile } from './article.js';
import { splitFrontMatter } from './frontmatter.js';
import { NextOf } from './scan.js';

/** A line that may be an ATX heading, whole (`.` stops at each line break a multiline `^`/`$` knows). */
const HEADING_LINE = /^ {0,3}#{1,6}[ \t].*/gm;
const TITLE_LINE = /^ {0,3}#[ \t].*/gm;
const BLANKS = ' \t';
const NOT_SPACE = /\S/;

/** `line` without its trailing spaces and tabs, found by a loop: `[ \t]+$` backtracks on a long run. */
function trimBlanksEnd(line: string, from = 0): number {
  let end = line.length;
  while (end > from && BLANKS.includes(line[end - 1]!)) end--;
  return end;
}

/**
 * The text of an ATX heading line (`## Title ##`), or null when the line is not one: up to three
 * spaces, 1–`maxLevel` `#`, blanks, the text, then optionally blanks and closing `#`s. The same
 * result as `^ {0,3}#{1,n}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$`, whose lazy text and blank runs cost time
 * growing with the square of a run of blanks.
 */
export function atxHeadingText(line: string, maxLevel: number, nonEmpty = false): string | null {
  let i = 0;
  while (i < 3 && line[i] === ' ') i++;
  const hashes = i;
  while (line[i] === '#') i++;
  const level = i - hashes;
  if (level < 1 || level > maxLevel || !BLANKS.includes(line[i] ?? 'x')) return null;
  const blanksFrom = i;
  while (i < line.length && BLANKS.includes(line[i]!)) i++;
  if (i === line.length) {
    // Nothing after the blanks: `(.+?)` takes the last blank back, when there are two or more.
    if (!nonEmpty) return '';
    return i - blanksFrom >= 2 ? line[i - 1]! : null;
  }
  const rest = line.slice(i);
  let end = trimBlanksEnd(rest);
  let closing = end;
  while (closing > 0 && rest[closing - 1] === '#') closing--;
  // Closing hashes count only after a blank: `# C#` keeps its `#`.
  if (closing < end && closing > 0 && BLANKS.includes(rest[closing - 1]!)) end = trimBlanksEnd(rest.slice(0, closing));
  return rest.slice(0, end);
}

/** Without `<!-- … -->` comments; a comment left open keeps the rest as it is. */
function withoutComments(text: string): string {
  const out: string[] = [];
  let from = 0;
  for (;;) {
    const open = text.indexOf('<!--', from);
    const close = open < 0 ? -1 : text.indexOf('-->', open + 4);
    // No closer after this opener means none after any later opener either.
    if (close < 0) break;
    out.push(text.slice(from, open));
    from = close + 3;
  }
  out.push(text.slice(from));
  return out.join('');
}

interface Bracketed {
  /** `![` rather than `[` opens it. */
  image: boolean;
  /** The bracket after `]`: `(` for an inline link or image, `[` for a reference link. */
  open: '(' | '[';
}

/**
 * Inline links, images or reference links replaced by their text (images by nothing), as
 * `!?\[([^\]\n]+)\]\(…\)` would, but with each "next `]`" and "next `)`" looked up once: the
 * pattern scanned to the end of the line again for every `[` that opens nothing.
 */
function replaceBracketed(text: string, kind: Bracketed): string {
  const opener = kind.image ? '![' : '[';
  const closer = kind.open === '(' ? ')' : ']';
  const textEnds = new NextOf(text, ']\n');
  const targetEnds = new NextOf(text, `${closer}\n`);
  const out: string[] = [];
  let from = 0;
  for (let at = text.indexOf(opener); at >= 0; ) {
    const textStart = at + opener.length;
    const textEnd = textEnds.from(textStart);
    const opens = textEnd >= 0 && text[textEnd] === ']' && (kind.image || textEnd > textStart) && text[textEnd + 1] === kind.open;
    const targetEnd = opens ? targetEnds.from(textEnd + 2) : -1;
    if (targetEnd >= 0 && text[targetEnd] === closer) {
      out.push(text.slice(from, at), kind.image ? '' : text.slice(textStart, textEnd));
      from = targetEnd + 1;
      at = text.indexOf(opener, from);
    } else at = text.indexOf(opener, at + 1);
  }
  out.push(text.slice(from));
  return out.join('');
}

/** Positions of a closing delimiter that follows a non-blank character, for lookups in increasing order. */
class Closers {
  private lastFrom = -1;
  private found = -1;

  constructor(
    private readonly text: string,
    private readonly delimiter: string,
  ) {}

  /** The first such position at or after `from` (at least 1), or -1. */
  from(from: number): number {
    if (this.lastFrom >= 0 && from >= this.lastFrom && (this.found < 0 || this.found >= from)) return this.found;
    this.lastFrom = from;
    for (let at = this.text.indexOf(this.delimiter, from); at >= 0; at = this.text.indexOf(this.delimiter, at + 1)) {
      if (NOT_SPACE.test(this.text[at - 1]!)) return (this.found = at);
    }
    return (this.found = -1);
  }
}

/**
 * `**strong**` and `__strong__` replaced by their text, as `(\*\*|__)(?=\S)([^\n]*?\S)\1` would: up
 * to the first closer on the same line that follows a non-blank. The pattern looked for that closer
 * again from every opener, to the end of the line; here each is found once.
 */
function replaceStrong(text: string): string {
  const lineEnds = new NextOf(text, '\n');
  const closers = { '**': new Closers(text, '**'), __: new Closers(text, '__') };
  const out: string[] = [];
  let from = 0;
  for (let at = 0; at < text.length - 2; at++) {
    const c = text[at];
    if ((c !== '*' && c !== '_') || text[at + 1] !== c || !NOT_SPACE.test(text[at + 2]!)) continue;
    const close = closers[c === '*' ? '**' : '__'].from(at + 3);
    const lineEnd = lineEnds.from(at + 2);
    if (close < 0 || (lineEnd >= 0 && close > lineEnd)) continue;
    out.push(text.slice(from, at), text.slice(at + 2, close));
    from = close + 2;
    at = from - 1;
  }
  out.push(text.slice(from));
  return out.join('');
}

/**
 * Markdown syntax reduced to the words a reader sees, so quotes carry no `**` or link targets.
 * Deliberately light: news articles use headings, emphasis and links, little else. Every step runs
 * in time linear in the text: the patterns that are kept cannot backtrack over more than one line
 * start or one delimiter, and the rest are small scanners.
 */
export function markdownToText(md: string): string {
  let text = withoutComments(md)
    .replace(/^ {0,3}(?:```|~~~).*$/gm, '')
    .replace(/^ {0,3}\[[^\]\n]+\]:[ \t]+\S+.*$/gm, '')
    .replace(/^ {0,3}(?:[-*_][ \t]*){3,}$/gm, '');
  text = text.replace(HEADING_LINE, (line) => atxHeadingText(line, 6) ?? line).replace(/^ {0,3}>[ \t]?/gm, '');
  text = replaceBracketed(text, { image: true, open: '(' });
  text = replaceBracketed(text, { image: false, open: '(' });
  text = replaceBracketed(text, { image: false, open: '[' });
  return replaceStrong(text)
    .replace(/(^|[^\w*])\*(?=\S)([^*\n]*?\S)\*(?!\w)/g, '$1$2')
    .replace(/(^|[^\w])_(?=\S)([^_\n]*?\S)_(?!\w)/g, '$1$2')
    .replace(/`([^`\n]+)`/g, '$1');
}

/** The first `# Title` line: its offsets in `body` and its text. */
function firstTitleHeading(body: string): { start: number; end: number; text: string } | null {
  for (const m of body.matchAll(TITLE_LINE)) {
    const text = atxHeadingText(m[0], 1, true);
    if (text !== null) return { start: m.index, end: m.index + m[0].length, text };
  }
  return null;
}

export function parseMarkdown(file: string, text: string): ParsedFile {
  const fm = splitFrontMatter(text);
  if (!fm.ok) return { articles: [], skipped: [skip(file, fm.reason)] };
  const metadata = { ...fm.data };
  let body = fm.body;
  const hasTitle = typeof metadata.title === 'string' ? metadata.title.trim() !== '' : metadata.title != null;
  if (!hasTitle) {
    const heading = firstTitleHeading(body);
    if (heading) {
      metadata.title = markdownToText(heading.text);
      body = body.slice(0, heading.start) + body.slice(heading.end);
    }
  }
  return buildAll(file, [{ metadata, body: markdownToText(body) }]);
}
