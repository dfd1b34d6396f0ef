/** What an index generation holds, and the checks a reader makes before trusting it. */
import { z } from 'zod';
import { isLogName } from './vector-log.js';

/** Bumped whenever the stored layout changes; a reader refuses any other version. */
export const SCHEMA_VERSION = 15;

/** The files of one index generation, besides the manifest. */
export const INDEX_FILES = {
  /**
   * One JSON record per line (record-lines.ts), so that a server parses them a few lines at a time.
   * A passage's line names its article by id, not by position (since layout 9), so that a build
   * keeping a record writes its line again as it was. They are the base, written with each snapshot
   * of the passage graph: each segment of the graph's log has its record segment, `records.log.N`
   * beside `vectors.log.N`, with what that build changed in both lists (record-log.ts, since layout 13).
   */
  articles: 'articles.jsonl',
  passages: 'passages.jsonl',
  /**
   * The postings' base, over the passage graph's snapshot slots (since layout 11): each segment of
   * the graph's log has its postings segment, `lexical.log.N` beside `vectors.log.N` (lexical-segments.ts).
   */
  lexical: 'lexical.bin',
  /**
   * The passage graph's snapshot: the graph (its labels are slots), each slot's passage id (one a
   * line, empty for a slot deleted) and raw vector (float32, row s for slot s). What changed since
   * is in the log segments the manifest lists (`vectorLog`, vector-log.ts), since layout 10.
   */
  vectors: 'vectors.hnsw',
  slots: 'vectors.ids',
  rawVectors: 'vectors.f32',
  words: 'words.json',
  wordVectors: 'words.hnsw',
  /**
   * Incident reports per article (`StoredIncidents`, lines of JSON): the article lines' base, written
   * with each snapshot of the passage graph; each segment of the graph's log has its incident
   * segment, `incidents.log.N` beside `vectors.log.N`, with the articles that build removed and the
   * lines it added (incident-log.ts, since layout 14).
   */
  incidents: 'incidents.jsonl',
  /**
   * The incidents (the reports grouped, newest first), with the head line of the incidents' lines:
   * the base, written with each snapshot of the passage graph; each segment of the graph's log has
   * its group segment, `groups.log.N` beside `vectors.log.N`, with the incidents that build regrouped
   * (incident-group-log.ts, since layout 15).
   */
  incidentGroups: 'incident-groups.jsonl',
} as const;

/** The graph files, which hnswlib reads itself from their paths. */
const GRAPH_FILES: ReadonlySet<string> = new Set([INDEX_FILES.vectors, INDEX_FILES.wordVectors]);

/**
 * Whether a read keeps a stored file's bytes once checked: never a graph's (hnswlib reads them from
 * their paths), the raw vectors only for a read that unpacks them (a build's; answering never does:
 * 400 MB at a million passages); the others are hashed in chunks and let go.
 */
export function keepsBytes(name: string, rawVectors: boolean): boolean {
  return !GRAPH_FILES.has(name) && (name !== INDEX_FILES.rawVectors || rawVectors);
}

const skipped = z.object({ file: z.string(), line: z.number().int().optional(), reason: z.string() });

export const manifestSchema = z.object({
  schemaVersion: z.number().int(),
  createdAt: z.string(),
  embedder: z.object({
    id: z.string(),
    dim: z.number().int().positive(),
    /** SIF's common component, removed from passage and query vectors; null when unused. */
    commonComponent: z.array(z.number()).nullable(),
  }),
  chunking: z.object({ sentences: z.number().int(), overlap: z.number().int() }),
  hnsw: z.object({ m: z.number().int(), efConstruction: z.number().int() }),
  /** Corpus files (relative path → sha256 of their bytes). */
  files: z.record(z.string(), z.string()),
  counts: z.object({ files: z.number().int(), articles: z.number().int(), passages: z.number().int() }),
  skipped: z.array(skipped),
  /** Articles left out because `npm run remove` took them out of files that still hold them (src/corpus/removed.ts). */
  removed: z.array(z.object({ file: z.string(), id: z.string() })).optional(),
  /** The rules the stored incident reports were read with, how many there are, and how many incidents they group into. */
  incidents: z.object({ extractor: z.string(), reports: z.number().int(), groups: z.number().int() }),
  /**
   * The passage graph's log segments since its snapshot, in the order they are replayed; each
   * `vectors.log.N` goes with the postings segment `lexical.log.N`, the record segment
   * `records.log.N`, the incident segment `incidents.log.N` and the group segment `groups.log.N`
   * (all five also in `checksums`).
   */
  vectorLog: z.array(z.string().refine(isLogName, 'not a vector log file name')),
  /** Stored file name → its sha256 and size. */
  checksums: z.record(z.string(), z.object({ sha256: z.string(), bytes: z.number().int() })),
});

export type Manifest = z.infer<typeof manifestSchema>;
