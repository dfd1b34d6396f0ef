/**
 * Reading one corpus file from disk: JSON Lines streamed line by line (its size limit holds for each
 * article), every other format read whole after its size is checked.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { skip, type ParsedFile } from './article.js';
import { sha256Hex } from './hash.js';
import { JsonLinesReader } from './jsonl.js';
import { DEFAULT_MAX_FILE_BYTES, isLineFormat, parseCorpusFile, tooLargeReason } from './parse.js';

export interface ReadFileOptions {
  /** Larger files (for `.jsonl`, larger lines) are skipped. Default: `DEFAULT_MAX_FILE_BYTES`. */
  maxFileBytes?: number;
  /** For `.jsonl`: parse only this line (1-based) and stop reading after it. */
  onlyLine?: number;
  /** The file's size when the caller has just stat'ed it (saves a stat). */
  size?: number;
}

export interface ReadCorpusFile extends ParsedFile {
  /** sha256 of the bytes read, hex; null when the file was not read (too large, unreadable) or read only in part. */
  hash: string | null;
}

const readError = (err: unknown) => `cannot read file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`;

/**
 * Reads and parses one corpus file. `file` is its corpus-relative path (it names the file in
 * articles and warnings, and its extension picks the format). Never throws: a file that cannot be
 * read is one skipped input.
 */
export async function readCorpusFile(abs: string, file: string, options: ReadFileOptions = {}): Promise<ReadCorpusFile> {
  const limit = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  try {
    if (isLineFormat(file)) return await streamJsonLines(abs, file, limit, options.onlyLine);
    const size = options.size ?? (await stat(abs)).size;
    // Checked before reading, so a huge file never reaches memory.
    if (size > limit) return { hash: null, articles: [], skipped: [skip(file, tooLargeReason(size, limit))] };
    const bytes = await readFile(abs);
    return { hash: sha256Hex(bytes), ...parseCorpusFile(file, bytes, { maxFileBytes: limit }) };
  } catch (err) {
    return { hash: null, articles: [], skipped: [skip(file, readError(err))] };
  }
}

async function streamJsonLines(abs: string, file: string, limit: number, onlyLine?: number): Promise<ReadCorpusFile> {
  const reader = new JsonLinesReader(file, { maxLineBytes: limit, onlyLine });
  const hash = createHash('sha256');
  const stream = createReadStream(abs);
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    hash.update(chunk);
    reader.push(chunk);
    // The line wanted has been read, or the file is not JSON Lines at all: the rest is not needed.
    if (reader.stopped) {
      stream.destroy();
      return { hash: null, ...reader.end() };
    }
  }
  return { hash: hash.digest('hex'), ...reader.end() };
}

/** sha256 of a file's bytes, hex, read as a stream. */
export async function hashFile(abs: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(abs) as AsyncIterable<Buffer>) hash.update(chunk);
  return hash.digest('hex');
}
