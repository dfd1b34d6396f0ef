/**
 * Discord's message limits, and cutting text to fit them at sentence (else word) boundaries.
 * Cutting happens on the raw text, before any markup is added, so a cut never splits Markdown.
 */

/** Documented limits of a message and its embeds. */
export const LIMITS = {
  content: 2000,
  title: 256,
  description: 4096,
  fieldName: 256,
  fieldValue: 1024,
  fields: 25,
  footer: 2048,
  embedTotal: 6000,
} as const;

export const ELLIPSIS = '…';

const sentences = new Intl.Segmenter('en', { granularity: 'sentence' });
const words = new Intl.Segmenter('en', { granularity: 'word' });

/** Offsets (exclusive ends, trailing space dropped) where `text` may be cut, in increasing order. */
function cutPoints(text: string, segmenter: Intl.Segmenter, wordLike: boolean): number[] {
  const ends: number[] = [];
  for (const s of segmenter.segment(text)) {
    if (wordLike && !s.isWordLike) continue;
    const end = s.index + s.segment.trimEnd().length;
    if (end > 0 && end < text.length && ends[ends.length - 1] !== end) ends.push(end);
  }
  return ends;
}

/** The largest `i` with `fits(points[i])`, assuming longer prefixes never fit better; -1 if none. */
function lastFitting(points: number[], fits: (end: number) => boolean): number {
  let lo = 0;
  let hi = points.length - 1;
  let best = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (fits(points[mid]!)) {
      best = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return best;
}

/**
 * The part of `text` that matters for fitting it into `max`: the shortest of its prefixes of
 * doubling length whose rendering is already too long (or all of it). Rendering and segmenting
 * then cost time in proportion to `max`, not to the text, so a 1 MB title costs what a short one does.
 */
function relevantPrefix(text: string, max: number, render: (prefix: string, cut: boolean) => string): string {
  for (let length = 2 * max + 16; length < text.length; length *= 2) {
    const prefix = text.slice(0, length);
    if (render(prefix, true).length > max) return prefix;
  }
  return text;
}

/**
 * Renders the longest prefix of `text` whose rendering fits in `max` characters. The prefix ends at
 * a sentence boundary when one fits, else at a word boundary; `render(prefix, cut)` adds the markup
 * (and an ellipsis when `cut`). Returns null when not even one word fits.
 */
export function fitText(text: string, max: number, render: (prefix: string, cut: boolean) => string): string | null {
  const relevant = relevantPrefix(text, max, render);
  if (relevant === text) {
    const whole = render(text, false);
    if (whole.length <= max) return whole;
  }
  const fits = (end: number) => render(relevant.slice(0, end), true).length <= max;
  for (const points of [cutPoints(relevant, sentences, false), cutPoints(relevant, words, true)]) {
    const i = lastFitting(points, fits);
    if (i >= 0) return render(relevant.slice(0, points[i]), true);
  }
  return null;
}

/**
 * Characters that change how the text around them shows: control characters (NUL, a bell, a
 * carriage return) and bidirectional embeddings, overrides and isolates, which a question or an
 * article could leave open to reverse the rest of the line, the citation included. The direction
 * marks (LRM, RLM), which open nothing, stay.
 */
const LAYOUT_BREAKERS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

/**
 * Escaped wherever they stand: emphasis, strike-through, spoilers, code, masked links, the escape
 * itself, and the openers of Discord's own syntax: `<` (`<@123>`, `<@&123>`, `<#123>`, `</cmd:123>`,
 * `<t:0:R>`, `<:emoji:1>`, `<https://…>`) and `@` (`@everyone`, `@here`). Escaped, each shows as
 * the plain text it is.
 */
const ALWAYS_ESCAPED = new Set([...'\\*_~|`[]<@'].map((c) => c.charCodeAt(0)));
const BACKSLASH = 0x5c;

const UTF16 = new TextDecoder('utf-16le');

/**
 * A backslash before each ALWAYS_ESCAPED character, written into one buffer: `replace`, or a string
 * built by appends, grew 15–20× per 10× text from 100 KB to 1 MB when nearly every character
 * matches. An unpaired surrogate (half an emoji) becomes U+FFFD, as it would in any UTF-8 message.
 */
function escapeEverywhere(text: string): string {
  const units = new Uint16Array(text.length * 2);
  let n = 0;
  for (let at = 0; at < text.length; at++) {
    const unit = text.charCodeAt(at);
    if (ALWAYS_ESCAPED.has(unit)) units[n++] = BACKSLASH;
    units[n++] = unit;
  }
  return UTF16.decode(units.subarray(0, n));
}

/** At the start of a line: spaces and the markers of headings, block quotes and lists, however many. */
const LINE_MARKERS = /^[ #>+-]+/gm;
const NUMBERED_ITEM = /^( *\d+)\./gm;

/**
 * Backslash-escapes every character that could start Markdown: emphasis, code, spoilers and masked
 * links anywhere; headings, quotes, list markers and `1.` at the start of a line. Discord shows an
 * escaped punctuation character as itself, so escaping more than needed costs nothing visible. One
 * loop, and patterns anchored at line starts, so the time is linear in the text:
 * discord.js's escapeMarkdown, used before, backtracks (measured: 4,096 characters of `*a` took
 * 116 ms and of `[a](b` 790 ms, growing with the square and the cube of the length).
 */
function escapeMarkup(text: string): string {
  return escapeEverywhere(text)
    .replace(LINE_MARKERS, (run) => run.replace(/[#>+-]/g, '\\$&'))
    .replace(NUMBERED_ITEM, '$1\\.');
}

/** The web links Discord makes clickable in any text: `http://` and `https://`, in any case. */
const WEB_LINK = /(h)tt(ps?:\/\/)/gi;

/**
 * A link in an article or a question shown, not followed: `https://example.com/x` becomes
 * `hxxps://example.com/x`, the usual way of writing a link that must not be clicked. Discord makes
 * every `http(s)://` clickable, escaped or not, in angle brackets (`<https://…>`) or after a name
 * (`Name (https://…)`); the only links in a reply are then Sitrep's own source links.
 */
export function defangLinks(text: string): string {
  return text.replace(WEB_LINK, '$1xx$2');
}

/**
 * Text from an article or a user made inert for a reply: the characters that would scramble its
 * layout (`LAYOUT_BREAKERS`) dropped, links defanged (`defangLinks`), Markdown and Discord's
 * mention, channel, command and timestamp syntax escaped (`escapeMarkup`).
 */
export function escapeText(text: string): string {
  return escapeMarkup(defangLinks(text.replace(/\t/g, ' ').replace(LAYOUT_BREAKERS, '')));
}

/** Plain text cut to `max` (escaped, with an ellipsis when cut); empty when nothing fits. */
export function fitPlain(text: string, max: number): string {
  return fitText(text, max, (prefix, cut) => escapeText(prefix) + (cut ? ELLIPSIS : '')) ?? '';
}

/**
 * Joins lines into chunks of at most `max` characters each (separated by newlines). A single line
 * longer than `max` is left to the caller to have cut already.
 */
export function packLines(lines: string[], max: number): string[] {
  const chunks: string[] = [];
  let current = '';
  for (const line of lines) {
    const next = current ? `${current}\n${line}` : line;
    if (next.length <= max) current = next;
    else {
      if (current) chunks.push(current);
      current = line.slice(0, max);
    }
  }
  if (current) chunks.push(current);
  return chunks;
}
