/**
 * Answers questions over one loaded index: expand, retrieve (BM25 + weighted vectors), rank the
 * sentences of the best passages, mark the span, cite, and decide whether to abstain.
 */
import { performance } from 'node:perf_hooks';
import { removeComponent } from '../embed/index.js';
import type { Span } from '../corpus/types.js';
import type { Embedder } from '../embed/types.js';
import { idf, type WeightedTerm } from '../store/lexical.js';
import type { StoredIndex } from '../store/stored-index.js';
import { dot } from '../store/vectors.js';
import type { SearchHit, SearchMode } from '../sitrep.js';
import { composeAnswer } from './compose.js';
import type { Expander } from './expand.js';
import { parseQuestion, type Question } from './question.js';
import { rankSentences, type SentenceInput } from './rank.js';
import { fuse, type FusedHit } from './retrieve.js';
import { sameTerm } from './spans.js';
import type { Answer } from './types.js';

export interface AnswerOptions {
  /** Passages taken from each retriever before fusion. */
  retrieveTopK: number;
  /** Passages whose sentences are ranked. */
  rerankTopK: number;
  /** Weight of the cosine score in fusion. */
  fusionWeight: number;
  minConfidence: number;
}

export interface AnswererParts {
  index: StoredIndex;
  /** The embedder the index was built with (for query vectors). */
  embedder: Embedder;
  /** GloVe-based expansion and word similarity; null to answer without them. */
  expander: Expander | null;
  /** Embeds sentences for the meaning feature of ranking (the GloVe embedder: cheap per question). */
  sentenceEmbedder: Embedder | null;
  options: AnswerOptions;
}

export interface Answerer {
  answer(question: string): Promise<Answer>;
  search(query: string, options: { k: number; mode: SearchMode }): Promise<SearchHit[]>;
}

export function createAnswerer(parts: AnswererParts): Answerer {
  const { index, embedder, expander, sentenceEmbedder, options } = parts;
  const n = index.passages.length;
  const component = index.manifest.embedder.commonComponent ? Float32Array.from(index.manifest.embedder.commonComponent) : null;
  const idfOf = (term: string): number => idf(index.lexical.documentFrequency(term), n);
  const references = index.articles.map((a) => (a.published ? new Date(`${a.published}T12:00:00Z`) : undefined));
  // Passages of one article are stored together: remember where each article's run begins and ends.
  const passageRuns = new Map<number, { from: number; to: number }>();
  index.passages.forEach((p, i) => {
    const run = passageRuns.get(p.article);
    if (run) run.to = i;
    else passageRuns.set(p.article, { from: i, to: i });
  });
  // The sentence before each sentence start, per article, built when an article is first needed.
  const previousByArticle = new Map<number, Map<number, Span>>();
  const previousOf = (article: number, start: number): string | undefined => {
    let previous = previousByArticle.get(article);
    if (!previous) {
      const run = passageRuns.get(article)!;
      const spans = index.passages.slice(run.from, run.to + 1).flatMap((p) => p.sentences);
      spans.sort((a, b) => a.start - b.start);
      previous = new Map();
      let prev: Span | undefined;
      for (const s of spans) {
        if (prev && prev.start === s.start) continue;
        if (prev) previous.set(s.start, prev);
        prev = s;
      }
      previousByArticle.set(article, previous);
    }
    const span = previous.get(start);
    return span && index.articles[article]!.text.slice(span.start, span.end);
  };

  async function queryVector(text: string): Promise<Float32Array> {
    const [raw] = await embedder.embed([text], 'query');
    return component ? removeComponent(raw!, component) : raw!;
  }

  function weightedTerms(q: Question, expansions: WeightedTerm[]): WeightedTerm[] {
    return [...q.terms.map((term) => ({ term, weight: 1 })), ...expansions];
  }

  async function retrieve(q: Question, mode: SearchMode, k: number): Promise<{ hits: FusedHit[]; expansions: ReturnType<Expander['expand']> }> {
    const expansions = expander ? expander.expand(q.tokens, q.names) : [];
    const lexical = mode === 'vector' ? [] : index.lexical.search(weightedTerms(q, expansions), k);
    const dense = mode === 'lexical' ? [] : index.vectors.search(await queryVector(q.text), k);
    const weight = mode === 'lexical' ? 0 : mode === 'vector' ? 1 : options.fusionWeight;
    // Vector-only search ranks by cosine alone: fuse() with no lexical hits does exactly that.
    return { hits: fuse(lexical, dense, weight, k), expansions };
  }

  async function semanticScores(question: string, texts: string[]): Promise<number[]> {
    if (!sentenceEmbedder || texts.length === 0) return texts.map(() => 0);
    const [q, ...vs] = await sentenceEmbedder.embed([question, ...texts], 'query');
    return vs.map((v) => dot(q!, v));
  }

  return {
    async search(query, { k, mode }) {
      const { hits } = await retrieve(parseQuestion(query), mode, k);
      return hits.map((h) => {
        const p = index.passages[h.id]!;
        const article = index.articles[p.article]!;
        return { passageId: p.id, file: article.file, line: article.line, text: article.text.slice(p.start, p.end), score: h.score };
      });
    },

    async answer(question) {
      const started = performance.now();
      const q = parseQuestion(question);
      const { hits, expansions } = await retrieve(q, 'fused', options.retrieveTopK);
      const top = hits.slice(0, options.rerankTopK);
      const best = top[0]?.score ?? 0;
      const seen = new Set<string>();
      const inputs: Omit<SentenceInput, 'semantic'>[] = [];
      for (const hit of top) {
        const p = index.passages[hit.id]!;
        const text = index.articles[p.article]!.text;
        for (const s of p.sentences) {
          const key = `${p.article}:${s.start}`;
          if (seen.has(key)) continue;
          seen.add(key);
          inputs.push({
            article: p.article,
            start: s.start,
            end: s.end,
            text: text.slice(s.start, s.end),
            passage: best > 0 ? hit.score / best : 0,
            reference: references[p.article],
            previous: previousOf(p.article, s.start),
          });
        }
      }
      const semantic = await semanticScores(question, inputs.map((s) => s.text));
      const ranked = rankSentences(
        inputs.map((s, i) => ({ ...s, semantic: semantic[i]! })),
        { question: q, expansions, idf: idfOf, similarity: expander?.similarity ?? sameTerm },
      );
      const totalIdf = q.terms.reduce((sum, t) => sum + idfOf(t), 0);
      const bestBm25 = hits.reduce((m, h) => Math.max(m, h.bm25), 0);
      const composed = composeAnswer({
        question,
        ranked,
        articles: index.articles,
        closest: top.map((h) => index.passages[h.id]!.article),
        retrieval: totalIdf > 0 ? bestBm25 / totalIdf : 0,
        typed: q.type !== 'other',
        minConfidence: options.minConfidence,
      });
      return { ...composed, ms: Math.round((performance.now() - started) * 10) / 10 };
    },
  };
}
