/**
 * Builds or updates the index for a config: load the corpus, chunk, embed what is new, fit SIF's
 * common component, build both halves of retrieval, and publish a new generation atomically.
 */
import { performance } from 'node:perf_hooks';
import { resolveDir, type Config } from '../config.js';
import { chunkArticle, loadScanned, recordedCorpus, scanCorpus, type FileRecord } from '../corpus/index.js';
import type { Article, SkippedInput } from '../corpus/types.js';
import { GLOVE_EMBEDDER_ID, createEmbedder, fitCommonComponent, isGloveModel, loadGlove, removeComponent } from '../embed/index.js';
import type { Embedder } from '../embed/types.js';
import type { IndexSummary } from '../sitrep.js';
import { tokenize } from './analyze.js';
import { IndexError } from './errors.js';
import { readCorpusRecords, writeCorpusRecords } from './corpus-records.js';
import { publishGeneration, withBuildLock } from './generations.js';
import { createLexicalIndex } from './lexical.js';
import type { Manifest } from './manifest.js';
import { checkCurrentGeneration, readIndex, writeIndexFiles, type StoredIndex, type StoredPassage } from './stored-index.js';
import { buildVectorIndex } from './vectors.js';
import { buildWordIndex } from './word-index.js';

export interface BuildOptions {
  /** Called as passages are embedded and inserted: `done` of `total` steps. */
  onProgress?: (done: number, total: number) => void;
  /** Called for each input the loader skips. */
  onWarning?: (skipped: SkippedInput) => void;
  /** An embedder already loaded by the caller (saves loading the model twice). */
  embedder?: Embedder;
}

const EMBED_BATCH = 64;

export async function buildIndex(config: Config, options: BuildOptions = {}): Promise<IndexSummary> {
  const started = performance.now();
  const indexDir = resolveDir(config.INDEX_DIR);
  return withBuildLock(indexDir, async () => {
    const corpusDir = resolveDir(config.CORPUS_DIR);
    const maxFileBytes = config.MAX_FILE_BYTES;
    // Before any file is stat'ed: a file written again after this, within its mtime's tick, is hashed next time.
    const scannedAt = Date.now();
    const scan = await scanCorpus(corpusDir, { maxFileBytes, known: readCorpusRecords(indexDir, maxFileBytes) });
    // The built-in embedder's id is known without loading its vectors, which a re-index with no change never needs.
    const knownId = options.embedder?.id ?? (isGloveModel(config.EMBEDDING_MODEL) ? GLOVE_EMBEDDER_ID : null);
    let loaded = options.embedder ?? (knownId === null ? await createEmbedder(config) : null);
    const embedderId = knownId ?? loaded!.id;
    const chunking = { sentences: config.PASSAGE_SENTENCES, overlap: config.PASSAGE_OVERLAP };
    const hnsw = { m: config.HNSW_M, efConstruction: config.HNSW_EF_CONSTRUCTION };
    const seconds = () => (performance.now() - started) / 1000;

    // Every file known unchanged, and a whole index made of exactly these: nothing is parsed (the
    // index files are only checksummed, so that a damaged one is still rebuilt).
    const recorded = recordedCorpus(scan);
    const manifest = recorded && checkCurrentGeneration(indexDir);
    if (recorded && manifest && manifest.embedder.id === embedderId && isUpToDate(manifest, recorded.files, chunking, hnsw)) {
      recorded.skipped.forEach((s) => options.onWarning?.(s));
      const records = new Map(scan.items.flatMap((i) => ('known' in i && i.known ? [[i.file, i.known] as const] : [])));
      writeCorpusRecords(indexDir, records, maxFileBytes, scannedAt);
      const { passages } = manifest.counts;
      return { files: Object.keys(recorded.files).length, articles: recorded.articles, passages, reused: passages, skipped: recorded.skipped, seconds: seconds(), unchanged: true, filesParsed: 0 };
    }

    const embedder = (loaded ??= await createEmbedder(config));
    const previous = readPrevious(indexDir, embedder.id, config.HNSW_EF_SEARCH);
    const corpus = await loadScanned(scan, {
      maxFileBytes,
      onWarning: options.onWarning,
      articlesOf: previous ? articlesOfPrevious(previous) : undefined,
    });
    const files = Object.fromEntries(corpus.files.map((f) => [f.file, f.hash]));
    const articles = corpus.files.flatMap((f) => f.articles);
    const summary = (passages: number, reused: number, unchanged: boolean): IndexSummary => ({
      files: corpus.files.length,
      articles: articles.length,
      passages,
      reused,
      skipped: corpus.skipped,
      seconds: seconds(),
      unchanged,
      filesParsed: corpus.parsed,
    });

    if (previous && isUpToDate(previous.manifest, files, chunking, hnsw)) {
      writeCorpusRecords(indexDir, corpus.records, maxFileBytes, scannedAt);
      return summary(previous.passages.length, previous.passages.length, true);
    }

    const passages: StoredPassage[] = articles.flatMap((article, a) =>
      chunkArticle(article, chunking).map((p) => ({ ...p, article: a })),
    );
    const texts = passages.map((p) => articles[p.article]!.text.slice(p.start, p.end));

    const known = new Map<string, Float32Array>();
    previous?.passages.forEach((p, i) => known.set(p.id, previous.rawVectors[i]!));
    const rawVectors: Float32Array[] = passages.map((p) => known.get(p.id) ?? new Float32Array(0));
    const missing = passages.map((_, i) => i).filter((i) => rawVectors[i]!.length === 0);
    const total = missing.length + passages.length;
    for (let b = 0; b < missing.length; b += EMBED_BATCH) {
      const batch = missing.slice(b, b + EMBED_BATCH);
      const vectors = await embedder.embed(batch.map((i) => texts[i]!), 'passage');
      batch.forEach((i, j) => (rawVectors[i] = vectors[j]!));
      options.onProgress?.(b + batch.length, total);
    }

    const component = embedder.removesCommonComponent && rawVectors.length > 1 ? fitCommonComponent(rawVectors) : null;
    const finalVectors = component ? rawVectors.map((v) => removeComponent(v, component)) : rawVectors;
    const vectors = buildVectorIndex(finalVectors, embedder.dim, { ...hnsw, efSearch: config.HNSW_EF_SEARCH }, (done) =>
      options.onProgress?.(missing.length + done, total),
    );
    // The title joins each passage's lexical text: it names what the passage is about.
    const lexical = createLexicalIndex(passages.map((p, i) => ({ id: i, text: `${articles[p.article]!.title}\n${texts[i]}` })));
    const words = buildWordIndex(vocabulary(texts), await loadGlove(resolveDir(config.MODEL_CACHE_DIR)));

    publishGeneration(indexDir, (folder) =>
      writeIndexFiles(folder, {
        manifest: {
          createdAt: new Date().toISOString(),
          embedder: { id: embedder.id, dim: embedder.dim, commonComponent: component ? Array.from(component) : null },
          chunking,
          hnsw,
          files,
          counts: { files: corpus.files.length, articles: articles.length, passages: passages.length },
          skipped: corpus.skipped,
        },
        articles,
        passages,
        rawVectors,
        vectors,
        lexical,
        words,
      }),
    );
    // After the publish: records that ran ahead of the index would only make the next build read more.
    writeCorpusRecords(indexDir, corpus.records, maxFileBytes, scannedAt);
    return summary(passages.length, passages.length - missing.length, false);
  });
}

/** The previous generation, when it exists and was built with this embedder; otherwise a full build. */
function readPrevious(indexDir: string, embedderId: string, efSearch: number): StoredIndex | null {
  try {
    return readIndex(indexDir, { embedderId, efSearch, rawVectors: true });
  } catch (err) {
    if (err instanceof IndexError) return null;
    throw err;
  }
}

/**
 * The articles the previous generation holds for a file known unchanged, when it holds all of them
 * (built from the same bytes, none left out as a duplicate); otherwise the file is parsed again.
 */
function articlesOfPrevious(previous: StoredIndex): (file: string, record: FileRecord) => Article[] | undefined {
  const byFile = new Map<string, Article[]>();
  for (const a of previous.articles) {
    const list = byFile.get(a.file);
    if (list) list.push(a);
    else byFile.set(a.file, [a]);
  }
  return (file, record) => {
    if (previous.manifest.files[file] !== record.hash) return undefined;
    const held = byFile.get(file) ?? [];
    const same = held.length === record.articles.length && held.every((a, i) => a.id === record.articles[i]!.id && a.line === record.articles[i]!.line);
    return same ? held : undefined;
  };
}

function isUpToDate(
  m: Manifest,
  files: Record<string, string>,
  chunking: { sentences: number; overlap: number },
  hnsw: { m: number; efConstruction: number },
): boolean {
  const same = (a: object, b: object) => JSON.stringify(a) === JSON.stringify(b);
  const sortedFiles = (f: Record<string, string>) => Object.fromEntries(Object.entries(f).sort());
  return same(sortedFiles(m.files), sortedFiles(files)) && same(m.chunking, chunking) && same(m.hnsw, hnsw);
}

/** The lower-cased words of the corpus: candidates for query expansion. */
export function vocabulary(texts: string[]): Set<string> {
  const words = new Set<string>();
  for (const text of texts) for (const t of tokenize(text)) words.add(t.word.toLowerCase());
  return words;
}
