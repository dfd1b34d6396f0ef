/**
 * The stored passages read from their lines without JSON.parse. A passage's line is always written
 * the same way (`{"id":…,"articleId":…,"index":…,"start":…,"end":…,"sentences":[{"start":…,"end":…},…]}`),
 * so a scan of its bytes reads its fields into one object, and its sentences are read from the line
 * again when a question needs them. At a million passages JSON.parse made five objects a passage
 * (the passage, its array, three spans) and most of an open's garbage collection; here it is one.
 * A line written any other way is parsed as JSON, as before, so that what a scan refuses is told
 * as the same damage it always was.
 */
import type { Passage, Span } from '../corpus/types.js';
import { RecordLinesError } from './record-lines.js';
import type { StoredPassage } from './stored-index.js';

/** A passage read from its stored line; its sentences are read from the line on each use. */
export class LinePassage implements StoredPassage {
  readonly id: string;
  readonly articleId: string;
  readonly index: number;
  readonly start: number;
  readonly end: number;
  /** Its article's position, set when the passages are linked to their articles (-1 until then). */
  article: number;
  readonly #bytes: Buffer;
  /** Its line `[from, to)` in `#bytes`, its newline included, and where its sentence list begins (the `[`). */
  readonly #from: number;
  readonly #to: number;
  readonly #sentencesAt: number;

  constructor(fields: Omit<Passage, 'sentences'>, bytes: Buffer, line: { from: number; to: number; sentencesAt: number }, article = -1) {
    this.id = fields.id;
    this.articleId = fields.articleId;
    this.index = fields.index;
    this.start = fields.start;
    this.end = fields.end;
    this.article = article;
    this.#bytes = bytes;
    this.#from = line.from;
    this.#to = line.to;
    this.#sentencesAt = line.sentencesAt;
  }

  get sentences(): Span[] {
    return spansAt(this.#bytes, this.#sentencesAt);
  }

  /** The line it was read from (a view of the file's bytes): a build writes it again as it was. */
  get line(): Buffer {
    return this.#bytes.subarray(this.#from, this.#to);
  }

  /** The same passage at another article position (its line unchanged: a line names its article by id). */
  at(article: number): LinePassage {
    return new LinePassage(this, this.#bytes, { from: this.#from, to: this.#to, sentencesAt: this.#sentencesAt }, article);
  }

  /** What JSON.stringify and a spread of a plain passage give: every field, sentences included. */
  toJSON(): StoredPassage {
    return { id: this.id, articleId: this.articleId, index: this.index, start: this.start, end: this.end, sentences: this.sentences, article: this.article };
  }
}

/** The lines of passages parsed as JSON (written another way than a build writes them), by passage. */
const parsedLines = new WeakMap<Passage, Buffer>();

/** `passage` at article position `article`, with its stored line: a read passage keeps it, a plain one is copied. */
export function passageAt(passage: StoredPassage, article: number): StoredPassage {
  if (passage instanceof LinePassage) return passage.at(article);
  const moved = { ...passage, article };
  const line = parsedLines.get(passage);
  if (line) parsedLines.set(moved, line);
  return moved;
}

/** The stored line of a passage read from one (its newline included), written again as it was; undefined for one chunked now. */
export function storedLineOf(passage: StoredPassage): Buffer | undefined {
  return passage instanceof LinePassage ? passage.line : parsedLines.get(passage);
}

/** Parses the passage lines of `bytes` a few at a time, yielding after each batch (as `recordLines` does, with its errors). */
export function* passageLines(bytes: Buffer): Generator<void, Passage[]> {
  const passages: Passage[] = [];
  let at = 0;
  while (at < bytes.length) {
    const newline = bytes.indexOf(0x0a, at);
    if (newline === -1) throw new RecordLinesError(`line ${passages.length + 1} does not end`);
    passages.push(scanned(bytes, at, newline) ?? parsed(bytes, at, newline, passages.length + 1));
    at = newline + 1;
    if ((passages.length & 255) === 0) yield;
  }
  return passages;
}

function parsed(bytes: Buffer, from: number, to: number, line: number): Passage {
  let passage: Passage;
  try {
    passage = JSON.parse(bytes.toString('utf8', from, to)) as Passage;
  } catch {
    throw new RecordLinesError(`line ${line} is not valid JSON`);
  }
  if (typeof passage === 'object' && passage !== null) parsedLines.set(passage, bytes.subarray(from, to + 1));
  return passage;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** The bytes of `text` at `at`, or -1: where the scan goes on. */
function matchAt(bytes: Buffer, at: number, text: Buffer): number {
  for (let i = 0; i < text.length; i++) if (bytes[at + i] !== text[i]) return -1;
  return at + text.length;
}

/** Position after a JSON string of plain printable ASCII (no escapes) starting at `at` after its quote, or -1. */
function plainStringEnd(bytes: Buffer, at: number, to: number): number {
  for (let i = at; i < to; i++) {
    const b = bytes[i]!;
    if (b === QUOTE) return i;
    if (b === BACKSLASH || b < 0x20 || b > 0x7e) return -1;
  }
  return -1;
}

/** A JSON natural number at `at` (no sign, fraction, exponent or leading zero), into `out[0]` and its end into `out[1]`; false when there is none. */
function natural(bytes: Buffer, at: number, out: Float64Array): boolean {
  let value = 0;
  let i = at;
  for (; i < at + 16; i++) {
    const d = (bytes[i] ?? 0) - 0x30;
    if (!(d >= 0 && d <= 9)) break;
    value = value * 10 + d;
  }
  if (i === at || (bytes[at] === 0x30 && i > at + 1) || i === at + 16) return false;
  out[0] = value;
  out[1] = i;
  return true;
}

const KEYS = {
  id: Buffer.from('{"id":"'),
  articleId: Buffer.from(',"articleId":"'),
  index: Buffer.from(',"index":'),
  start: Buffer.from(',"start":'),
  end: Buffer.from(',"end":'),
  sentences: Buffer.from(',"sentences":['),
  spanStart: Buffer.from('{"start":'),
  spanEnd: Buffer.from(',"end":'),
};

/** Scratch of `natural`: a number read and where it ends. */
const NUMBER = new Float64Array(2);

/** The passage of the line `[from, to)` when it is written as a build writes one; null otherwise (it is then parsed as JSON). */
function scanned(bytes: Buffer, from: number, to: number): LinePassage | null {
  const number = NUMBER;
  let at = matchAt(bytes, from, KEYS.id);
  if (at < 0) return null;
  const idEnd = plainStringEnd(bytes, at, to);
  if (idEnd < 0) return null;
  const id = bytes.toString('latin1', at, idEnd);
  at = matchAt(bytes, idEnd + 1, KEYS.articleId);
  if (at < 0) return null;
  const articleEnd = plainStringEnd(bytes, at, to);
  if (articleEnd < 0) return null;
  const articleId = bytes.toString('latin1', at, articleEnd);
  at = matchAt(bytes, articleEnd + 1, KEYS.index);
  if (at < 0 || !natural(bytes, at, number)) return null;
  const index = number[0]!;
  at = matchAt(bytes, number[1]!, KEYS.start);
  if (at < 0 || !natural(bytes, at, number)) return null;
  const start = number[0]!;
  at = matchAt(bytes, number[1]!, KEYS.end);
  if (at < 0 || !natural(bytes, at, number)) return null;
  const end = number[0]!;
  at = number[1]!;
  at = matchAt(bytes, at, KEYS.sentences);
  if (at < 0) return null;
  const sentencesAt = at - 1;
  // The sentence list is checked whole now, so that a line read later cannot fail.
  const listEnd = spansEnd(bytes, at, number);
  if (listEnd < 0 || bytes[listEnd] !== 0x7d || listEnd + 1 !== to) return null;
  return new LinePassage({ id, articleId, index, start, end }, bytes, { from, to: to + 1, sentencesAt });
}

/** Position of the `]` closing the span list whose first `{` (or `]`) is at `at`, or -1 when it is not written as a build writes it. */
function spansEnd(bytes: Buffer, at: number, number: Float64Array): number {
  if (bytes[at] === 0x5d) return at + 1;
  for (;;) {
    at = matchAt(bytes, at, KEYS.spanStart);
    if (at < 0 || !natural(bytes, at, number)) return -1;
    at = matchAt(bytes, number[1]!, KEYS.spanEnd);
    if (at < 0 || !natural(bytes, at, number)) return -1;
    at = number[1]!;
    if (bytes[at] !== 0x7d) return -1;
    at++;
    if (bytes[at] === 0x5d) return at + 1;
    if (bytes[at] !== 0x2c) return -1;
    at++;
  }
}

/** The spans of a list checked by `spansEnd`, its `[` at `at`. */
function spansAt(bytes: Buffer, at: number): Span[] {
  const spans: Span[] = [];
  const number = NUMBER;
  at++;
  while (bytes[at] !== 0x5d) {
    natural(bytes, at + KEYS.spanStart.length, number);
    const start = number[0]!;
    natural(bytes, number[1]! + KEYS.spanEnd.length, number);
    spans.push({ start, end: number[0]! });
    // Past "}" and the "," or "]" after it.
    at = number[1]! + 1;
    if (bytes[at] === 0x2c) at++;
  }
  return spans;
}
