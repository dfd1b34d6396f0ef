/** From the raw bytes of one corpus file to its articles: checks the bytes, then hands off by extension. */
import path from 'node:path';
import { skip, type ParsedFile } from './article.js';
import { parseHtml } from './html.js';
import { BINARY_CONTROL_RATIO, SNIFF_BYTES, formatBytes, isControlByte } from './bytes.js';
import { parseJsonLines, parseJsonLinesBytes } from './jsonl.js';
import { parseMarkdown } from './markdown.js';
import { parsePlainText } from './text.js';

/** Files larger than this (for `.jsonl`, lines larger than this) are skipped unless the caller says otherwise: 5 MB. */
export const DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024;

/** Parsers by lower-case extension. */
export const FORMATS: Readonly<Record<string, (file: string, text: string) => ParsedFile>> = {
  '.md': parseMarkdown,
  '.markdown': parseMarkdown,
  '.txt': parsePlainText,
  '.html': parseHtml,
  '.htm': parseHtml,
  '.jsonl': parseJsonLines,
};

export const SUPPORTED_EXTENSIONS: readonly string[] = Object.keys(FORMATS);

export interface ParseOptions {
  /** Larger inputs (for `.jsonl`, larger lines) are skipped. Default: `DEFAULT_MAX_FILE_BYTES`. */
  maxFileBytes?: number;
}

export { formatBytes };

/** True for a format read line by line, whose size limit applies to each line (each article), not the file. */
export function isLineFormat(file: string): boolean {
  return path.posix.extname(file).toLowerCase() === '.jsonl';
}

export function tooLargeReason(size: number, limit: number): string {
  return `file too large (${formatBytes(size)}; the limit is ${formatBytes(limit)})`;
}

/** The file's text, or why it cannot be read as UTF-8 text. A UTF-8 byte order mark is dropped. */
export function decodeText(bytes: Uint8Array): { text: string } | { reason: string } {
  if (bytes.length === 0) return { reason: 'empty file' };
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { reason: 'UTF-16 encoded text; save it as UTF-8' };
  }
  // Anywhere in the file, not only in the sniffed head: a NUL past it would reach the article text.
  if (bytes.includes(0)) return { reason: 'binary file (contains NUL bytes)' };
  const head = bytes.subarray(0, SNIFF_BYTES);
  let control = 0;
  for (const b of head) {
    if (isControlByte(b)) control++;
  }
  if (control / head.length > BINARY_CONTROL_RATIO) return { reason: 'binary file (mostly control characters)' };
  let text: string;
  try {
    // ignoreBOM: false makes the decoder drop a leading BOM.
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return { reason: 'not valid UTF-8 text' };
  }
  if (text.trim() === '') return { reason: 'empty file (only whitespace)' };
  return { text: text.replace(/\r\n?/g, '\n') };
}

/**
 * Parses one corpus file without touching the disk. `file` is its corpus-relative path with `/`
 * separators; its extension picks the format. Never throws for bad content: every problem becomes
 * a `SkippedInput` naming the file (and line) and the reason.
 *
 * @example
 * const { articles, skipped } = parseCorpusFile('notes/strike.md', await readFile(p));
 */
export function parseCorpusFile(file: string, bytes: Uint8Array, options: ParseOptions = {}): ParsedFile {
  const ext = path.posix.extname(file).toLowerCase();
  const parse = FORMATS[ext];
  if (!parse) {
    return { articles: [], skipped: [skip(file, `unsupported file type${ext ? ` (${ext})` : ''}; supported: ${SUPPORTED_EXTENSIONS.join(', ')}`)] };
  }
  const limit = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  // JSON Lines is split before it is decoded: the limit holds for each article, and one bad line costs that line.
  if (isLineFormat(file)) return parseJsonLinesBytes(file, bytes, { maxLineBytes: limit });
  if (bytes.length > limit) return { articles: [], skipped: [skip(file, tooLargeReason(bytes.length, limit))] };
  const decoded = decodeText(bytes);
  if ('reason' in decoded) return { articles: [], skipped: [skip(file, decoded.reason)] };
  try {
    return parse(file, decoded.text);
  } catch (err) {
    // A parser bug must not stop indexing; the reason still names the file.
    return { articles: [], skipped: [skip(file, `could not be parsed (${(err as Error).message})`)] };
  }
}
