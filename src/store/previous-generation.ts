/**
 * What a build takes from the previous generation: the generation itself (when this embedder built
 * it), the articles of files known unchanged, whether anything changed at all, every article's
 * passages with the stored lines of those kept, and where each old passage is in the new list.
 */
import { chunkArticle, repeatsInFile, type FileRecord, type RemovedRef } from '../corpus/index.js';
import type { Article } from '../corpus/types.js';
import { EXTRACTOR_VERSION } from '../incidents/index.js';
import path from 'node:path';
import { IndexError } from './errors.js';
import { damaged } from './index-checks.js';
import { IncidentLinesError } from './incident-lines.js';
import { INDEX_FILES, type Manifest } from './manifest.js';
import { passageAt } from './passage-lines.js';
import { readIndex, type StoredIndex, type StoredPassage } from './stored-index.js';

/**
 * The previous generation, when it exists and was built with this embedder; otherwise a full build.
 * `deferSnapshot`: its passage graph's snapshot is read only when used (`readPreviousGraph`).
 */
export function readPrevious(indexDir: string, embedderId: string, efSearch: number, deferSnapshot = false): StoredIndex | null {
  try {
    return readIndex(indexDir, { embedderId, efSearch, rawVectors: true, forBuild: true, deferSnapshot });
  } catch (err) {
    if (err instanceof IndexError) return null;
    throw err;
  }
}

/**
 * `update` run on the previous generation's incident entries, whose kept reports are parsed only
 * when grouped again: a stored line that cannot be read then is told as the damaged file it is in.
 */
export function withPreviousIncidents<T>(previous: StoredIndex, update: () => T): T {
  try {
    return update();
  } catch (err) {
    if (err instanceof IncidentLinesError) throw damaged(path.join(previous.location, INDEX_FILES.incidents), err.message);
    throw err;
  }
}

/**
 * The previous generation's passage graph, raw vectors and postings, read now (a build that writes a
 * new snapshot); null when any is damaged (everything is embedded and tokenised again).
 */
export function readPreviousGraph(previous: StoredIndex): Pick<StoredIndex, 'vectors' | 'rawVectors' | 'lexical'> | null {
  try {
    return { vectors: previous.vectors, rawVectors: previous.rawVectors, lexical: previous.lexical };
  } catch (err) {
    if (err instanceof IndexError) return null;
    throw err;
  }
}

/**
 * The articles the previous generation holds for a file known unchanged, when it holds all of them
 * (built from the same bytes) but the copies that repeat one earlier in the same file, which are
 * duplicates whatever else changed (`repeatsInFile`); otherwise (an article left out as the
 * duplicate of another file's, which may have gone since) the file is parsed again.
 */
export function articlesOfPrevious(previous: StoredIndex): (file: string, record: FileRecord) => Article[] | undefined {
  const byFile = new Map<string, Article[]>();
  for (const a of previous.articles) {
    const list = byFile.get(a.file);
    if (list) list.push(a);
    else byFile.set(a.file, [a]);
  }
  return (file, record) => {
    if (previous.manifest.files[file] !== record.hash) return undefined;
    // Those the previous generation holds and `npm run remove` has taken out since are left out.
    const repeats = repeatsInFile(record.articles);
    const expected = record.articles.filter((_, i) => !repeats[i]);
    const listed = new Set(expected.map((a) => a.id));
    const held = (byFile.get(file) ?? []).filter((a) => listed.has(a.id));
    const same = held.length === expected.length && held.every((a, i) => a.id === expected[i]!.id && a.line === expected[i]!.line);
    return same ? held : undefined;
  };
}

const same = (a: object, b: object) => JSON.stringify(a) === JSON.stringify(b);

export function sameSettings(m: Manifest, chunking: { sentences: number; overlap: number }, hnsw: { m: number; efConstruction: number }): boolean {
  return same(m.chunking, chunking) && same(m.hnsw, hnsw);
}

export function isUpToDate(
  m: Manifest,
  files: Record<string, string>,
  chunking: { sentences: number; overlap: number },
  hnsw: { m: number; efConstruction: number },
  removed: RemovedRef[],
  extractor: string = EXTRACTOR_VERSION,
): boolean {
  const sortedFiles = (f: Record<string, string>) => Object.fromEntries(Object.entries(f).sort());
  // A removal from a file that keeps its bytes changes no file hash: the removed list tells.
  const sortedRemoved = (r: RemovedRef[]) => r.map((x) => `${x.file}\0${x.id}`).sort();
  // Incident reports read by older rules are read again, though no corpus file changed.
  return (
    same(sortedFiles(m.files), sortedFiles(files)) &&
    sameSettings(m, chunking, hnsw) &&
    same(sortedRemoved(m.removed ?? []), sortedRemoved(removed)) &&
    m.incidents.extractor === extractor
  );
}

/**
 * Every article's passages: an article the previous generation holds (same id, so same text) keeps
 * its passages, chunked once; the others are chunked now. `origins` gives each passage's position in
 * the previous generation (-1: chunked now); a kept one keeps its stored line (`passageAt`).
 */
export function chunkAll(
  articles: Article[],
  chunking: { sentences: number; overlap: number },
  previous: StoredIndex | null,
): { passages: StoredPassage[]; origins: Int32Array } {
  const held = previous && same(previous.manifest.chunking, chunking) ? passagesByArticle(previous) : new Map<string, number[]>();
  const origins: number[] = [];
  const passages = articles.flatMap((article, a) => {
    const kept = held.get(article.id);
    if (!kept) {
      const chunked = chunkArticle(article, chunking).map((p) => ({ ...p, article: a }));
      chunked.forEach(() => origins.push(-1));
      return chunked;
    }
    return kept.map((i) => {
      origins.push(i);
      return passageAt(previous!.passages[i]!, a);
    });
  });
  return { passages, origins: Int32Array.from(origins) };
}

/** The previous passages of each article id, in their order. */
function passagesByArticle(previous: StoredIndex): Map<string, number[]> {
  const held = new Map<string, number[]>();
  previous.passages.forEach((p, i) => {
    const id = previous.articles[p.article]!.id;
    const list = held.get(id);
    if (list) list.push(i);
    else held.set(id, [i]);
  });
  return held;
}

/**
 * How the passage list changed since the previous generation: where each old passage is now (-1 when
 * removed) and which passages are new. A passage stays when `chunkAll` kept it (its article is the
 * same, so its id and text are) and its article's title (part of its lexical text) is the same. A
 * passage chunked now is never an old one: its id hashes its article's id, which the previous
 * generation does not hold. The origins say all this without a map of a million passage ids.
 */
export function passageChange(previous: StoredIndex, articles: Article[], passages: StoredPassage[], origins: Int32Array): { newPassageOf: Int32Array; added: number[] } {
  const newPassageOf = new Int32Array(previous.passages.length).fill(-1);
  const added: number[] = [];
  for (let i = 0; i < passages.length; i++) {
    const from = origins[i]!;
    if (from >= 0 && articles[passages[i]!.article]!.title === previous.articles[previous.passages[from]!.article]!.title) newPassageOf[from] = i;
    else added.push(i);
  }
  return { newPassageOf, added };
}
