/**
 * `.jsonl`: one article per line (`id`, `title`, `url`, `source`, `published`, `text`).
 *
 * Read as bytes, line by line, so that a file of any size streams through: `maxLineBytes` limits
 * each line (each article), not the file, and a line over it is dropped as it arrives, never held
 * whole. The file-level checks other formats make on the whole file (empty, UTF-16, mostly control
 * characters) are made here on the file's first bytes; the rest (NUL bytes, invalid UTF-8) on each
 * line, so one bad line costs that line only.
 */
import { z } from 'zod';
import { buildAll, skip, type ArticleDraft, type ParsedFile } from './article.js';
import { BINARY_CONTROL_RATIO, SNIFF_BYTES, formatBytes, isControlByte } from './bytes.js';
import type { SkippedInput } from './types.js';

/** Shape of one line; metadata fields are checked by the shared metadata schema afterwards. */
const lineSchema = z.looseObject({
  /** The producer's own id; kept out of `Article.id`, which is always the content hash. */
  id: z.union([z.string(), z.number()]).optional(),
  text: z.string({ error: (i) => (i.input === undefined ? 'missing text' : 'text: expected a string') }),
});

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

export function lineTooLargeReason(size: number, limit: number): string {
  return `article too large (${formatBytes(size)}; the limit is ${formatBytes(limit)} per article)`;
}

/** One decoded line as an article draft, or the reason it is not one. Blank lines give null. */
export function parseJsonLine(file: string, raw: string, line: number): ArticleDraft | SkippedInput | null {
  if (raw.trim() === '') return null;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (err) {
    return skip(file, `invalid JSON (${(err as Error).message})`, line);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return skip(file, 'expected a JSON object', line);
  const parsed = lineSchema.safeParse(value);
  if (!parsed.success) {
    return skip(file, parsed.error.issues.map((x) => (x.path[0] === 'id' ? 'id: expected a string or number' : x.message)).join('; '), line);
  }
  const { id: _id, text: body, ...metadata } = parsed.data;
  return { metadata, body, line };
}

export interface JsonLinesOptions {
  /** A longer line is skipped with its line number. Default: no limit. */
  maxLineBytes?: number;
  /** Parse this line only (1-based); the others are split off and passed over unread. */
  onlyLine?: number;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Splits a `.jsonl` file fed in chunks of bytes into articles and skipped lines. Memory holds the
 * current line (up to the limit) and what the file yielded, never the whole file.
 *
 * @example
 * const reader = new JsonLinesReader('feed.jsonl', { maxLineBytes: 5 << 20 });
 * for await (const chunk of createReadStream(abs)) reader.push(chunk);
 * const { articles, skipped } = reader.end();
 */
export class JsonLinesReader {
  private readonly limit: number;
  private readonly drafts: Array<ArticleDraft | SkippedInput> = [];
  /** The file's first bytes, held until SNIFF_BYTES have come (or the file ended) and checked. */
  private head: Buffer[] | null = [];
  private headBytes = 0;
  private fileReason: string | null = null;
  private parts: Buffer[] = [];
  private lineBytes = 0;
  private line = 1;
  private sawText = false;

  constructor(
    private readonly file: string,
    private readonly options: JsonLinesOptions = {},
  ) {
    this.limit = options.maxLineBytes ?? Infinity;
  }

  /** True once a file-level problem means nothing more is read. */
  get stopped(): boolean {
    return this.fileReason !== null || (this.options.onlyLine !== undefined && this.line > this.options.onlyLine);
  }

  push(chunk: Buffer): void {
    if (this.stopped) return;
    if (this.head) {
      this.head.push(chunk);
      this.headBytes += chunk.length;
      if (this.headBytes < SNIFF_BYTES) return;
      this.releaseHead();
      return;
    }
    this.split(chunk);
  }

  end(): ParsedFile {
    if (this.head) this.releaseHead();
    if (this.fileReason === null && !this.stopped && (this.lineBytes > 0 || this.parts.length > 0)) this.finishLine();
    if (this.fileReason !== null) return { articles: [], skipped: [skip(this.file, this.fileReason)] };
    if (!this.sawText && this.options.onlyLine === undefined) {
      return { articles: [], skipped: [skip(this.file, this.line === 1 && this.lineBytes === 0 && this.headBytes === 0 ? 'empty file' : 'empty file (only whitespace)')] };
    }
    return buildAll(this.file, this.drafts);
  }

  private releaseHead(): void {
    const head = Buffer.concat(this.head!);
    this.head = null;
    this.fileReason = headReason(head);
    if (this.fileReason === null) this.split(head);
  }

  private split(chunk: Buffer): void {
    let from = 0;
    while (from < chunk.length && !this.stopped) {
      const at = chunk.indexOf(NEWLINE, from);
      const to = at < 0 ? chunk.length : at;
      this.take(chunk.subarray(from, to));
      if (at < 0) return;
      this.finishLine();
      from = at + 1;
    }
  }

  private take(part: Buffer): void {
    this.lineBytes += part.length;
    // Past the limit the line is only counted: a 100 MB line never reaches memory.
    if (this.lineBytes > this.limit) this.parts = [];
    else if (part.length > 0) this.parts.push(part);
  }

  private finishLine(): void {
    const line = this.line++;
    const size = this.lineBytes;
    const parts = this.parts;
    this.parts = [];
    this.lineBytes = 0;
    if (this.options.onlyLine !== undefined && line !== this.options.onlyLine) return;
    if (size > this.limit) {
      this.sawText = true;
      this.drafts.push(skip(this.file, lineTooLargeReason(size, this.limit), line));
      return;
    }
    let bytes = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
    if (line === 1 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
    if (bytes.length > 0 && bytes[bytes.length - 1] === CARRIAGE_RETURN) bytes = bytes.subarray(0, -1);
    if (bytes.includes(0)) {
      this.sawText = true;
      this.drafts.push(skip(this.file, 'binary content (contains NUL bytes)', line));
      return;
    }
    let text: string;
    try {
      text = utf8.decode(bytes);
    } catch {
      this.sawText = true;
      this.drafts.push(skip(this.file, 'not valid UTF-8 text', line));
      return;
    }
    const draft = parseJsonLine(this.file, text, line);
    if (draft === null) return;
    this.sawText = true;
    this.drafts.push(draft);
  }
}

/** Why a file whose first bytes these are is not JSON Lines at all, or null. */
function headReason(head: Buffer): string | null {
  if (head.length === 0) return null;
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) return 'UTF-16 encoded text; save it as UTF-8';
  const sniff = head.subarray(0, SNIFF_BYTES);
  let control = 0;
  for (const b of sniff) if (isControlByte(b)) control++;
  return control / sniff.length > BINARY_CONTROL_RATIO ? 'binary file (mostly control characters)' : null;
}

/** Parses JSON Lines already in memory (one chunk), with the same per-line limit as a stream. */
export function parseJsonLinesBytes(file: string, bytes: Uint8Array, options: JsonLinesOptions = {}): ParsedFile {
  const reader = new JsonLinesReader(file, options);
  reader.push(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  return reader.end();
}

/** Parses JSON Lines text (already decoded): the parser the format table names. */
export function parseJsonLines(file: string, text: string): ParsedFile {
  return parseJsonLinesBytes(file, Buffer.from(text, 'utf8'));
}
