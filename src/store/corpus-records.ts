/**
 * What the last build learnt of each corpus file (size, mtime, hash, the articles it yielded), kept
 * beside the generations in `corpus-files.json`, so that the next build reads only the files that
 * changed. It is a cache, never the index: when it is missing, damaged, or made with another file
 * limit, every file is read again, and nothing else changes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { FileRecord } from '../corpus/index.js';
import { replaceAtomically, sha256 } from './files.js';

export const RECORDS_FILE = 'corpus-files.json';
const FORMAT = 'sitrep-corpus-files/1';

/**
 * A file whose mtime lies this close to (or after) the start of the scan that recorded it is compared
 * by hash next time, not by mtime: written again within the same tick of a coarse clock (FAT keeps
 * 2 s), it would keep its size and mtime with new bytes (git calls this the "racy" case).
 */
export const RACY_MARGIN_MS = 2000;

const skipped = z.object({ file: z.string(), line: z.number().int().optional(), reason: z.string() });
const record = z.object({
  size: z.number().int().nonnegative(),
  mtimeMs: z.number(),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  articles: z.array(z.object({ id: z.string(), line: z.number().int().optional() })),
  skipped: z.array(skipped),
});
const body = z.object({
  format: z.literal(FORMAT),
  /** The file limit the records were made with: a line or file over another limit parses otherwise. */
  maxFileBytes: z.number().int(),
  /** When the scan that made the newest records began (ms since the epoch). */
  scannedAt: z.number(),
  files: z.record(z.string(), record),
});
const stored = z.object({ sha256: z.string(), body: z.string() });

/**
 * The records for a build with this file limit; mtimes too close to their scan are replaced by NaN,
 * so those files are compared by hash. An empty map when there are none to trust.
 */
export function readCorpusRecords(indexDir: string, maxFileBytes: number): Map<string, FileRecord> {
  let text: string;
  try {
    text = fs.readFileSync(path.join(indexDir, RECORDS_FILE), 'utf8');
  } catch {
    return new Map();
  }
  try {
    const outer = stored.parse(JSON.parse(text));
    if (sha256(outer.body) !== outer.sha256) return new Map();
    const parsed = body.safeParse(JSON.parse(outer.body));
    if (!parsed.success || parsed.data.maxFileBytes !== maxFileBytes) return new Map();
    const trustedBefore = parsed.data.scannedAt - RACY_MARGIN_MS;
    return new Map(
      Object.entries(parsed.data.files).map(([file, r]) => [file, r.mtimeMs < trustedBefore ? r : { ...r, mtimeMs: Number.NaN }]),
    );
  } catch {
    return new Map();
  }
}

/**
 * Replaces the records atomically. `scannedAt` is when the scan that made them began. A failure (a
 * full disk) is returned, not thrown: the index is already published, and the next build only reads
 * more files.
 */
export function writeCorpusRecords(indexDir: string, records: ReadonlyMap<string, FileRecord>, maxFileBytes: number, scannedAt: number): Error | null {
  const inner = JSON.stringify({ format: FORMAT, maxFileBytes, scannedAt, files: Object.fromEntries(records) });
  const file = path.join(indexDir, RECORDS_FILE);
  try {
    replaceAtomically(file, JSON.stringify({ sha256: sha256(inner), body: inner }));
    return null;
  } catch (err) {
    fs.rmSync(`${file}.tmp-${process.pid}`, { force: true });
    return err as Error;
  }
}
