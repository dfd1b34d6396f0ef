/**
 * Discord's message limits, and cutting text to fit them at sentence (else word) boundaries.
 * Cutting happens on the raw text, before any markup is added, so a cut never splits Markdown.
 */
import { escapeMarkdown } from 'discord.js';

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
 * Renders the longest prefix of `text` whose rendering fits in `max` characters. The prefix ends at
 * a sentence boundary when one fits, else at a word boundary; `render(prefix, cut)` adds the markup
 * (and an ellipsis when `cut`). Returns null when not even one word fits.
 */
export function fitText(text: string, max: number, render: (prefix: string, cut: boolean) => string): string | null {
  const whole = render(text, false);
  if (whole.length <= max) return whole;
  const fits = (end: number) => render(text.slice(0, end), true).length <= max;
  for (const points of [cutPoints(text, sentences, false), cutPoints(text, words, true)]) {
    const i = lastFitting(points, fits);
    if (i >= 0) return render(text.slice(0, points[i]), true);
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
 * Markdown-escapes text from an article or a user, including links, headings, lists and a
 * block quote's `>` (which escapeMarkdown leaves alone), and drops the characters that would
 * scramble the reply's layout (`LAYOUT_BREAKERS`).
 */
export function escapeText(text: string, options: { maskedLink?: boolean } = {}): string {
  const escaped = escapeMarkdown(text.replace(/\t/g, ' ').replace(LAYOUT_BREAKERS, ''), {
    heading: true,
    bulletedList: true,
    numberedList: true,
    maskedLink: options.maskedLink ?? true,
  });
  return escaped.replace(/^(\s*)>/gm, '$1\\>');
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
