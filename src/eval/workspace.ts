/**
 * Temporary corpus and index folders for an evaluation or benchmark run: documents are written as
 * JSONL articles (the loader's own format), and hits map back to documents through `file:line`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../config.js';
import type { EvalDocument } from './datasets.js';

/** Source named on every document an evaluation writes, so that no one mistakes it for news. */
export const EVAL_SOURCE = 'Evaluation set';

/** The loader skips files above 5 MB by default; stay well below. */
const MAX_BYTES_PER_FILE = 4 * 1024 * 1024;

export interface Workspace {
  root: string;
  corpusDir: string;
  indexDir: string;
  /** Removes every file of the workspace. */
  dispose(): void;
}

export function createWorkspace(prefix = 'sitrep-eval-'): Workspace {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const corpusDir = path.join(root, 'corpus');
  const indexDir = path.join(root, 'index');
  fs.mkdirSync(corpusDir);
  return { root, corpusDir, indexDir, dispose: () => fs.rmSync(root, { recursive: true, force: true }) };
}

/** Key of a hit or a source: corpus file, with `:line` for JSONL articles. */
export const locationKey = (file: string, line?: number): string => (line !== undefined ? `${file}:${line}` : file);

/**
 * Writes documents as JSONL files `docs-0001.jsonl`, … (each below the loader's size limit) and
 * returns the document id at each `file:line`.
 */
export function writeJsonlCorpus(
  dir: string,
  documents: Iterable<EvalDocument & { source?: string; published?: string }>,
): Map<string, string> {
  const where = new Map<string, string>();
  let fileNo = 0;
  let lines: string[] = [];
  let ids: string[] = [];
  let bytes = 0;
  const flush = () => {
    if (lines.length === 0) return;
    fileNo++;
    const name = `docs-${String(fileNo).padStart(4, '0')}.jsonl`;
    fs.writeFileSync(path.join(dir, name), `${lines.join('\n')}\n`);
    ids.forEach((id, i) => where.set(locationKey(name, i + 1), id));
    lines = [];
    ids = [];
    bytes = 0;
  };
  for (const d of documents) {
    const line = JSON.stringify({
      id: d.id,
      // The loader needs a title; a document without one is named by its id.
      title: d.title.trim() || `Document ${d.id}`,
      source: d.source ?? EVAL_SOURCE,
      ...(d.published ? { published: d.published } : {}),
      text: d.text,
    });
    const size = Buffer.byteLength(line) + 1;
    if (bytes + size > MAX_BYTES_PER_FILE) flush();
    lines.push(line);
    ids.push(d.id);
    bytes += size;
  }
  flush();
  return where;
}

/** Copies the files of `from` (recursively) into `to`. */
export function copyCorpus(from: string, to: string): void {
  fs.cpSync(from, to, { recursive: true });
}

/** Sitrep's config from the environment (so `.env` and variables still apply), pointed at a workspace. */
export function workspaceConfig(ws: Workspace, overrides: Record<string, string | undefined> = {}): Config {
  return loadConfig({ ...process.env, ...overrides, CORPUS_DIR: ws.corpusDir, INDEX_DIR: ws.indexDir });
}

/** Bytes of every file under a folder. */
export function folderBytes(dir: string): number {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    total += entry.isDirectory() ? folderBytes(p) : fs.statSync(p).size;
  }
  return total;
}
