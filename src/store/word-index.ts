/**
 * The corpus's vocabulary as a small HNSW graph of GloVe word vectors, built with the index, so that
 * query expansion finds a word's neighbours in well under a millisecond however large the corpus.
 */
import { QUESTION_WORDS, STOP_WORDS } from './analyze.js';
import { buildVectorIndex, type HnswOptions, type VectorIndex } from './vectors.js';

/** The part of the GloVe vectors the word index needs. */
export interface WordVectors {
  readonly dim: number;
  /** Position of the word in the vocabulary, which is ordered by frequency (-1 when unknown). */
  indexOf(word: string): number;
  vector(index: number): Float32Array;
}

/**
 * Only this many of the most frequent English words (by GloVe's frequency order) are candidates:
 * the synonyms worth adding to a question ("attacks", "forces") are common words, and the bound keeps
 * the graph small however large the corpus grows.
 */
export const CANDIDATE_RANK_LIMIT = 30_000;

/** A small graph: a few thousand words need no more. */
const WORD_HNSW: HnswOptions = { m: 12, efConstruction: 64, efSearch: 64 };

export interface WordIndex {
  /** Candidate words, row i of the graph is word i. */
  words: string[];
  vectors: VectorIndex;
}

/** Corpus words worth offering as expansions: alphabetic, not stop words, known to GloVe and common. */
export function candidateWords(vocabulary: Iterable<string>, glove: WordVectors): string[] {
  const out: string[] = [];
  for (const word of vocabulary) {
    if (word.length < 3 || !/^\p{L}+$/u.test(word) || STOP_WORDS.has(word) || QUESTION_WORDS.has(word)) continue;
    const i = glove.indexOf(word);
    if (i >= 0 && i < CANDIDATE_RANK_LIMIT) out.push(word);
  }
  return out.sort();
}

export function buildWordIndex(vocabulary: Iterable<string>, glove: WordVectors): WordIndex {
  const words = candidateWords(vocabulary, glove);
  const vectors = buildVectorIndex(
    words.map((w) => glove.vector(glove.indexOf(w))),
    glove.dim,
    WORD_HNSW,
  );
  return { words, vectors };
}

/** Could `word` be a candidate at all, before GloVe is asked? (The checks of `candidateWords` that need no vectors.) */
function mayBeCandidate(word: string): boolean {
  return word.length >= 3 && /^\p{L}+$/u.test(word) && !STOP_WORDS.has(word) && !QUESTION_WORDS.has(word);
}

/**
 * The word index once passages with these words were added: the previous words plus the new
 * candidates among them. The graph is rebuilt (from the word list, as a whole build would) only when
 * a word is new, and GloVe is loaded only then. Words of removed passages stay until a compaction.
 */
export async function extendWordIndex(previous: WordIndex, vocabulary: Iterable<string>, glove: () => Promise<WordVectors>): Promise<WordIndex> {
  const known = new Set(previous.words);
  const fresh = [...vocabulary].filter((w) => !known.has(w) && mayBeCandidate(w));
  if (fresh.length === 0) return previous;
  const vectors = await glove();
  const added = candidateWords(fresh, vectors);
  return added.length === 0 ? previous : buildWordIndex([...previous.words, ...added], vectors);
}

export const WORD_EF_SEARCH = WORD_HNSW.efSearch;
/** Dimension of the word vectors (GloVe 100-d). */
export const GLOVE_DIM = 100;
