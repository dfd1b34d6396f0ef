/**
 * Builds or updates the index for a config: load the corpus, chunk, embed what is new, fit SIF's
 * common component, build both halves of retrieval, and publish a new generation atomically.
 */
import { performance } from 'node:perf_hooks';
import { resolveDir, type Config } from '../config.js';
import { loadScanned, recordedCorpus, scanCorpus } from '../corpus/index.js';
import type { Article, SkippedInput } from '../corpus/types.js';
import { GLOVE_EMBEDDER_ID, createEmbedder, fitCommonComponent, isGloveModel, loadGlove, removeComponent } from '../embed/index.js';
import type { Embedder } from '../embed/types.js';
import type { IndexSummary } from './types.js';
import { tokenize } from './analyze.js';
import { readCorpusRecords, writeCorpusRecords } from './corpus-records.js';
import { clearLeftovers, publishGeneration, withBuildLock } from './generations.js';
import { reportCount, updateIncidents } from './incident-reports.js';
import { readIncidentsInThread, THREAD_MIN_ARTICLES } from './incident-thread.js';
import { createLexicalIndex, extendLexicalIndex, type LexicalIndex } from './lexical.js';
import { lexicalLogName, segmentPostings } from './lexical-segments.js';
import { INDEX_FILES } from './manifest.js';
import { recordLogName } from './record-log.js';
import { articleOrigins, recordChangeSince, recordChangeSinceBase } from './record-plan.js';
import { extractorVersion } from '../incidents/index.js';
import { reportFilterFor, sentenceModelFor } from '../incidents/report-filter-config.js';
import { articlesOfPrevious, chunkAll, isUpToDate, passageChange, readPrevious, readPreviousGraph, sameSettings, withPreviousIncidents } from './previous-generation.js';
import { checkCurrentGeneration } from './stored-index.js';
import type { LogPlan } from './stored-index.js';
import { DEFAULT_MAX_LOGGED_VECTORS } from './vector-log.js';
import { logPlanFor, logTakes } from './vector-plan.js';
import { slotMap } from './vector-slots.js';
import { RECORD_BASE_FILES, SNAPSHOT_FILES, writeIndexFiles } from './write-index.js';
import { buildVectorIndex, extendVectorIndex, slotChange, type VectorIndex } from './vectors.js';
import { buildWordIndex, extendWordIndex, type WordIndex } from './word-index.js';

export interface BuildOptions {
  /** Called as passages are embedded and inserted: `done` of `total` steps. */
  onProgress?: (done: number, total: number) => void;
  /** Called for each input the loader skips. */
  onWarning?: (skipped: SkippedInput) => void;
  /** An embedder already loaded by the caller (saves loading the model twice). */
  embedder?: Embedder;
  /**
   * Build every part again instead of extending the previous generation: `'refit'` (what
   * `npm run index -- --compact` does) also fits SIF's common component again, so every vector moves;
   * `'keep-component'` keeps the previous generation's component. Default: extend when the previous
   * generation was built with the same settings.
   */
  rebuild?: 'refit' | 'keep-component';
  /**
   * Vectors the passage graph's log may add before the build writes a new snapshot instead
   * (default DEFAULT_MAX_LOGGED_VECTORS, 512): each is inserted again at every open.
   */
  maxLoggedVectors?: number;
}

/** Share of the passage graph's points that may be deleted before the graph is rebuilt whole. */
export const MAX_DELETED_SHARE = 0.25;

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
    // The learned report filter and sentence model, if the configuration asks for them: their ids are part of the reports' version.
    const reportFilter = reportFilterFor(config.INCIDENT_REPORT_MODEL);
    const sentenceModel = sentenceModelFor(config.INCIDENT_SENTENCE_MODEL);
    const extractor = extractorVersion({ reportFilter, sentenceModel });

    // Every file known unchanged, and a whole index made of exactly these: nothing is parsed (the
    // index files are only checksummed, so that a damaged one is still rebuilt).
    const recorded = recordedCorpus(scan);
    const manifest = recorded && options.rebuild === undefined && checkCurrentGeneration(indexDir);
    if (recorded && manifest && manifest.embedder.id === embedderId && isUpToDate(manifest, recorded.files, chunking, hnsw, recorded.removed, extractor)) {
      recorded.skipped.forEach((s) => options.onWarning?.(s));
      const records = new Map(scan.items.flatMap((i) => ('known' in i && i.known ? [[i.file, i.known] as const] : [])));
      writeCorpusRecords(indexDir, records, maxFileBytes, scannedAt);
      const { passages } = manifest.counts;
      return { files: Object.keys(recorded.files).length, articles: recorded.articles, passages, reused: passages, skipped: recorded.skipped, seconds: seconds(), unchanged: true, filesParsed: 0 };
    }

    const embedder = (loaded ??= await createEmbedder(config));
    // The snapshot of the passage graph is read only if the build needs it, unless the whole-index check
    // above found damage (then every file is checked, so that a damaged one is rebuilt) or a rebuild is asked.
    const deferSnapshot = options.rebuild === undefined && !(recorded && !manifest);
    const previous = readPrevious(indexDir, embedder.id, config.HNSW_EF_SEARCH, deferSnapshot);
    const corpus = await loadScanned(scan, {
      maxFileBytes,
      onWarning: options.onWarning,
      // A rebuild parses every file again, so that it also takes in a newer parser's reading.
      articlesOf: previous && options.rebuild === undefined ? articlesOfPrevious(previous) : undefined,
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

    if (previous && options.rebuild === undefined && isUpToDate(previous.manifest, files, chunking, hnsw, corpus.removed, extractor)) {
      writeCorpusRecords(indexDir, corpus.records, maxFileBytes, scannedAt);
      // Builds killed after publishing, before their clean-up, leave it to the next build, even one with nothing to write.
      clearLeftovers(indexDir);
      return summary(previous.passages.length, previous.passages.length, true);
    }

    // A previous generation made with the same settings is extended (its SIF component kept, its
    // graph and postings changed in place); otherwise, or when asked, everything is built again.
    let extend =
      previous !== null && options.rebuild === undefined && sameSettings(previous.manifest, chunking, hnsw) && (previous.manifest.embedder.commonComponent !== null || !embedder.removesCommonComponent);
    // Reports are read per article: a kept article keeps its reports, a new or changed one is read now;
    // then the incidents they can touch are grouped again, so that answering only puts the stored groups together.
    // A whole build of many articles reads them in a thread of its own while the passages are chunked,
    // embedded and put in the graphs (all on this thread, one core each); an update reads them here, before.
    const extractStarted = performance.now();
    const previousIncidents = previous && options.rebuild === undefined ? { articleIds: new Set(previous.articles.map((a) => a.id)), incidents: previous.lines!.incidents } : null;
    const inThread = previousIncidents === null && articles.length >= THREAD_MIN_ARTICLES ? readIncidentsInThread(articles, reportFilter, sentenceModel) : null;
    // Awaited once the graphs are built; should the build fail first, its failure is the one to tell.
    inThread?.catch(() => undefined);
    const readHere = inThread ? null : previous ? withPreviousIncidents(previous, () => updateIncidents(articles, previousIncidents, undefined, reportFilter, sentenceModel)) : updateIncidents(articles, null, undefined, reportFilter, sentenceModel);
    let incidentSeconds = (performance.now() - extractStarted) / 1000;

    const { passages, origins } = chunkAll(articles, chunking, options.rebuild === undefined ? previous : null);
    const texts = passages.map((p) => articles[p.article]!.text.slice(p.start, p.end));

    // What the change does to the graph's slots, known before any vector: a change the log takes
    // never loads the previous graph or its raw vectors (vectors of kept passages stay unread).
    const maxLogged = options.maxLoggedVectors ?? DEFAULT_MAX_LOGGED_VECTORS;
    let change = extend ? passageChange(previous!, articles, passages, origins) : null;
    const slots = change && slotChange(slotMap(previous!.vectorSlots, previous!.passages.length), change.newPassageOf, change.added);
    // The lists' change as a record segment; null when kept records moved (then they are written whole, with a snapshot).
    const recordOrigins = slots && { articles: articleOrigins(previous!.articles, articles, (a) => previous!.lines!.articles.get(a)), passages: origins };
    const recordChange = recordOrigins && recordChangeSince(recordOrigins, { articles: previous!.articles.length, passages: previous!.passages.length });
    const logs = slots !== null && recordChange !== null && slots.deletedShare <= MAX_DELETED_SHARE && logTakes(previous!.vectorSlots.log, slots.added.length, maxLogged);
    const previousGraph = previous && !logs ? readPreviousGraph(previous) : null;
    if (previous && !logs && !previousGraph) [extend, change] = [false, null];
    const known = new Map<string, Float32Array>();
    previousGraph?.rawVectors.forEach((v, i) => known.set(previous!.passages[i]!.id, v));
    // One empty vector stands for every vector not at hand (100,000 arrays of their own cost the collector).
    const none = new Float32Array(0);
    const rawVectors: Float32Array[] = passages.map((p) => known.get(p.id) ?? none);
    // A change the log takes embeds the passages chunked now (the others are in the graph already); otherwise those whose vector is not at hand.
    const missing = passages.map((_, i) => i).filter(logs ? (i) => origins[i]! < 0 : (i) => !known.has(passages[i]!.id));
    const total = missing.length + passages.length;
    for (let b = 0; b < missing.length; b += EMBED_BATCH) {
      const batch = missing.slice(b, b + EMBED_BATCH);
      const vectors = await embedder.embed(batch.map((i) => texts[i]!), 'passage');
      batch.forEach((i, j) => (rawVectors[i] = vectors[j]!));
      options.onProgress?.(b + batch.length, total);
    }
    // SIF's component is fitted at an index's first build (and by --compact), then kept, so that the
    // vectors of passages already indexed do not move.
    const keptComponent = previous?.manifest.embedder.commonComponent ?? null;
    const keep = keptComponent !== null && (extend || options.rebuild === 'keep-component');
    const component = !embedder.removesCommonComponent
      ? null
      : keep
        ? Float32Array.from(keptComponent)
        : rawVectors.length > 1
          ? fitCommonComponent(rawVectors)
          : null;
    const final = (v: Float32Array) => (component ? removeComponent(v, component) : v);
    const lexicalText = (i: number) => `${articles[passages[i]!.article]!.title}\n${texts[i]}`;
    const hnswOptions = { ...hnsw, efSearch: config.HNSW_EF_SEARCH };
    const glove = () => loadGlove(resolveDir(config.MODEL_CACHE_DIR));

    let vectors: VectorIndex | null;
    let lexical: LexicalIndex | null;
    let words: WordIndex;
    const carriedNames: string[] = [];
    let logPlan: LogPlan | undefined;
    if (previous && change && slots) {
      if (logs) {
        // The change is logged (the snapshot, postings' base and earlier segments linked, never read)
        // while the log stays within its bound: only the added passages are tokenised, for their segment.
        [vectors, lexical] = [null, null];
        const firstSlot = slots.passageOf.length - slots.added.length;
        const postings = segmentPostings(slots.added.map(({ slot, passage }) => ({ slot, text: lexicalText(passage) })), firstSlot, slots.added.length);
        const lists = { change: recordChange!, sinceBase: () => recordChangeSinceBase(recordOrigins!, previous.recordLog, { articles: previous.articles.length, passages: previous.passages.length }) };
        logPlan = logPlanFor(previous.vectorSlots.log, slots, passages, rawVectors, maxLogged, { postings, previousPostings: previous.lexicalLog }, lists)!;
        carriedNames.push(...SNAPSHOT_FILES, ...RECORD_BASE_FILES, ...logPlan.carried.flatMap((name) => [name, lexicalLogName(name), recordLogName(name)]));
      } else if (slots.deletedShare <= MAX_DELETED_SHARE) {
        // Past the log's bound: the graph is extended in place and written as a new snapshot.
        const added = change.added.map((i) => ({ passage: i, vector: final(rawVectors[i]!) }));
        vectors = extendVectorIndex(previousGraph!.vectors, { oldPassages: previous.passages.length, newPassageOf: change.newPassageOf, added }, config.HNSW_EF_SEARCH).index;
      } else {
        // Deleted points still cost search time and memory: past a quarter of the graph, it is rebuilt.
        vectors = buildVectorIndex(rawVectors.map(final), embedder.dim, hnswOptions);
      }
      options.onProgress?.(total, total);
      // A new snapshot: the whole postings, over passage numbers, written as its base over its slots.
      if (!logs) lexical = extendLexicalIndex(previousGraph!.lexical, change.newPassageOf, change.added.map((i) => ({ id: i, text: lexicalText(i) })), passages.length);
      words = await extendWordIndex(previous.words, vocabulary(change.added.map((i) => texts[i]!)), glove);
      // The word list and graph unchanged (no new word): the new generation links the previous one's files.
      if (words === previous.words) carriedNames.push(INDEX_FILES.words, INDEX_FILES.wordVectors);
    } else {
      vectors = buildVectorIndex(rawVectors.map(final), embedder.dim, hnswOptions, (done) => options.onProgress?.(missing.length + done, total));
      // The title joins each passage's lexical text: it names what the passage is about.
      lexical = createLexicalIndex(passages.map((_, i) => ({ id: i, text: lexicalText(i) })));
      words = buildWordIndex(vocabulary(texts), await glove());
    }

    let update = readHere;
    if (inThread) {
      const waited = performance.now();
      update = await inThread;
      incidentSeconds += (performance.now() - waited) / 1000;
    }
    const { incidents, extracted, groupSeconds, regrouped } = update!;
    const incidentsRead = {
      reports: reportCount(incidents),
      articlesRead: extracted,
      seconds: incidentSeconds,
      incidents: incidents.groups.length,
      groupSeconds,
      regrouped,
      ...(inThread ? { thread: true as const, threadSeconds: (performance.now() - extractStarted) / 1000 } : {}),
    };

    // A new article has no stored line to look up: its lookup never makes the lines of the 20,000 others.
    let previousArticles: Set<Article> | undefined;
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
          ...(corpus.removed.length > 0 ? { removed: corpus.removed } : {}),
          incidents: { extractor: incidents.extractor, reports: incidentsRead.reports, groups: incidents.groups.length },
        },
        articles,
        passages,
        rawVectors,
        vectors,
        lexical,
        words,
        incidents,
        ...(logPlan ? { logPlan } : {}),
        ...(previous
          ? {
              // Looked up only as lines are written: a build that writes its change as segments never finds the lists' lines.
              lines: {
                articles: { get: (a) => ((previousArticles ??= new Set(previous.articles)).has(a) ? previous.lines!.articles.get(a) : undefined) },
                incidents: previous.lines!.incidents,
              },
              carriedFiles: { location: previous.location, checksums: previous.manifest.checksums, names: carriedNames, log: previous.manifest.vectorLog },
            }
          : {}),
      }),
    );
    // After the publish: records that ran ahead of the index would only make the next build read more.
    writeCorpusRecords(indexDir, corpus.records, maxFileBytes, scannedAt);
    return { ...summary(passages.length, passages.length - missing.length, false), incidents: incidentsRead };
  });
}


/** The lower-cased words of the corpus: candidates for query expansion. */
export function vocabulary(texts: string[]): Set<string> {
  const words = new Set<string>();
  for (const text of texts) for (const t of tokenize(text)) words.add(t.word.toLowerCase());
  return words;
}
