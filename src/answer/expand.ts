/**
 * GloVe at work where it helps: question words gain their close neighbours from the corpus's own
 * vocabulary ("assaults" → "attacks", "troops" → "forces") at a reduced weight, and words can be
 * compared by meaning when ranking sentences. Names and numbers are never expanded: "Iraq" must not
 * turn into "Syria".
 */
import { termOf, type Token } from '../store/analyze.js';
import type { WeightedTerm } from '../store/lexical.js';
import { cosine } from '../store/vectors.js';
import type { WordIndex, WordVectors } from '../store/word-index.js';
import type { WordSimilarity } from './spans.js';

export interface ExpansionOptions {
  /** Neighbours taken per question word (default 2). */
  perWord: number;
  /** Lowest cosine a neighbour needs (default 0.65): below it GloVe neighbours are mostly co-occurring words ("killed" → "least"). */
  minCosine: number;
  /** Weight of an expansion relative to the word itself, times its cosine (default 0.4). */
  weight: number;
}

export const DEFAULT_EXPANSION: ExpansionOptions = { perWord: 2, minCosine: 0.65, weight: 0.4 };

export interface Expansion extends WeightedTerm {
  /** The question term it expands. */
  from: string;
  /** The word it stands for, when it comes from a word list rather than the index: a misspelling of it is matched too. */
  word?: string;
}

const CACHE_LIMIT = 20_000;

/** Neighbour search over the corpus's word graph (built with the index), with a cache per word. */
export class Expander {
  private readonly cache = new Map<string, { word: string; cosine: number }[]>();

  constructor(
    private readonly vectors: WordVectors,
    private readonly words: WordIndex,
    private readonly options: ExpansionOptions = DEFAULT_EXPANSION,
  ) {}

  /** Corpus words closest in meaning to `word`, excluding its own inflections. */
  neighbours(word: string): { word: string; cosine: number }[] {
    const key = word.toLowerCase();
    const cached = this.cache.get(key);
    if (cached) return cached;
    const result = this.search(key);
    if (this.cache.size >= CACHE_LIMIT) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(key, result);
    return result;
  }

  private search(word: string): { word: string; cosine: number }[] {
    const i = this.vectors.indexOf(word);
    if (i < 0) return [];
    const own = termOf(word);
    // Extra candidates make room for the word's own inflections, which are dropped.
    const best = this.words.vectors
      .search(this.vectors.vector(i), this.options.perWord + 8)
      .map((h) => ({ word: this.words.words[h.id]!, cosine: h.score }))
      .filter((h) => h.cosine >= this.options.minCosine && termOf(h.word) !== own);
    best.sort((a, b) => b.cosine - a.cosine);
    // Keep one word per index term ("attack" and "attacks" are one term).
    const seen = new Set<string>();
    return best.filter((b) => {
      const t = termOf(b.word)!;
      if (seen.has(t)) return false;
      seen.add(t);
      return true;
    }).slice(0, this.options.perWord);
  }

  /** Weighted extra terms for a question's content words; names, numbers and question words stay as they are. */
  expand(tokens: Token[], names: Set<string>): Expansion[] {
    const out: Expansion[] = [];
    const own = new Set(tokens.map((t) => t.term));
    for (const t of tokens) {
      if (t.term === null || names.has(t.term) || /\d/.test(t.term)) continue;
      for (const n of this.neighbours(t.word)) {
        const term = termOf(n.word);
        if (term === null || own.has(term)) continue;
        out.push({ term, weight: this.options.weight * n.cosine, from: t.term });
      }
    }
    return out;
  }

  /** Word similarity for ranking: 1 for the same term, else the GloVe cosine when it is close enough. */
  readonly similarity: WordSimilarity = (a, b) => {
    if (a.term !== null && a.term === b.term) return 1;
    const i = this.vectors.indexOf(a.word.toLowerCase());
    const j = this.vectors.indexOf(b.word.toLowerCase());
    if (i < 0 || j < 0) return 0;
    const cos = cosine(this.vectors.vector(i), this.vectors.vector(j));
    return cos >= this.options.minCosine ? cos : 0;
  };
}
