/**
 * Answers questions over one loaded index: expand, retrieve (BM25 + weighted vectors), rank the
 * sentences of the best passages, mark the span, cite, and decide whether to abstain.
 */
import { performance } from 'node:perf_hooks';
import { removeComponent } from '../embed/index.js';
import type { Span } from '../corpus/types.js';
import type { Embedder } from '../embed/types.js';
import { idf, type PassageFilter, type WeightedTerm } from '../store/lexical.js';
import type { StoredIndex } from '../store/stored-index.js';
import { dot } from '../store/vectors.js';
import type { SearchHit, SearchMode } from '../sitrep.js';
import { composeAnswer } from './compose.js';
import type { Expander } from './expand.js';
import { parseQuestion, type Question } from './question.js';
import { rankSentences, type SentenceInput } from './rank.js';
import { fuse, type FusedHit } from './retrieve.js';
import { sameTerm } from './spans.js';
import { inRange, isoDay, noonOf, parseIsoDay, type Day, type DayRange } from '../time/days.js';
import { eventDates, type EventDate } from '../time/event-dates.js';
import { questionTime } from '../time/question-time.js';
import type { Answer, QuoteDate } from './types.js';

export interface AnswerOptions {
  /** Passages taken from each retriever before fusion. */
  retrieveTopK: number;
  /** Passages whose sentences are ranked. */
  rerankTopK: number;
  /** Weight of the cosine score in fusion. */
  fusionWeight: number;
  minConfidence: number;
  /** The as-of day of a question that names none: today, in the configured time zone. */
  today: () => Day;
}

/** What a question is asked against. */
export interface AskOptions {
  /** Only articles published on or before this day can answer (default: today). */
  asOf?: Day;
}

/**
 * Recency, 1 / (1 + age / RECENCY_DAYS): a week-old report keeps 0.81 of a new one's weight, a month-old
 * one 0.5. It counts for RECENCY_SHARE of a passage's and a sentence's score, and for LATEST_SHARE when
 * the question asks for the latest: news questions are mostly about the days before they are asked.
 */
export const RECENCY_DAYS = 30;
export const RECENCY_SHARE = 0.15;
export const LATEST_SHARE = 0.5;
/** Recency of an undated article: neither new nor old. */
const UNDATED_RECENCY = 0.5;
/** Reports of a period arrive after it: retrieval looks this many days past its end (sentences are then held to it). */
const REPORTING_LAG_DAYS = 7;
/** A count question gathers its figures from this many passages, so a differently worded, newer figure is seen. */
const SERIES_PASSAGES = 30;
const UNDATED = -1e9;

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
  answer(question: string, ask?: AskOptions): Promise<Answer>;
  search(query: string, options: { k: number; mode: SearchMode; asOf?: Day }): Promise<SearchHit[]>;
}

export function createAnswerer(parts: AnswererParts): Answerer {
  const { index, embedder, expander, sentenceEmbedder, options } = parts;
  const n = index.passages.length;
  const component = index.manifest.embedder.commonComponent ? Float32Array.from(index.manifest.embedder.commonComponent) : null;
  const idfOf = (term: string): number => idf(index.lexical.documentFrequency(term), n);
  const articleDays = index.articles.map((a) => (a.published ? parseIsoDay(a.published) ?? UNDATED : UNDATED));
  const references = articleDays.map((d) => (d === UNDATED ? undefined : noonOf(d)));
  const passageDays = Int32Array.from(index.passages, (p) => articleDays[p.article]!);
  // Sorted publication days of the dated articles: does the corpus hold anything published in a period?
  const sortedDays = Int32Array.from(articleDays.filter((d) => d !== UNDATED)).sort();
  const firstDay = sortedDays[0] ?? 0;
  const lastDay = sortedDays.at(-1) ?? 0;
  const publishedBetween = (from: Day, to: Day): boolean => {
    let lo = 0;
    let hi = sortedDays.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sortedDays[mid]! < from) lo = mid + 1;
      else hi = mid;
    }
    return lo < sortedDays.length && sortedDays[lo]! <= to;
  };
  const recencyOf = (day: number, asOf: Day): number => (day === UNDATED ? UNDATED_RECENCY : 1 / (1 + Math.max(0, asOf - day) / RECENCY_DAYS));
  /** Passages of articles published in `window` (undated ones always); undefined when that is every passage. */
  const filterFor = (window: DayRange): PassageFilter | undefined => {
    if (window.from <= firstDay && window.to >= lastDay) return undefined;
    return (id) => {
      const d = passageDays[id]!;
      return d === UNDATED || (d >= window.from && d <= window.to);
    };
  };
  // Event dates of a sentence, by article and offset: a sentence is read by chrono once per index.
  const datesMemo = new Map<string, EventDate[]>();
  const eventDatesOf = (article: number, text: string, start: number): EventDate[] => {
    const key = `${article}:${start}`;
    let dates = datesMemo.get(key);
    if (!dates) {
      const day = articleDays[article]!;
      dates = eventDates(text, day === UNDATED ? undefined : day);
      if (datesMemo.size > 50_000) datesMemo.clear();
      datesMemo.set(key, dates);
    }
    return dates;
  };
  /** A sentence speaks of the period when a day it names lies in it, or, naming none, its article was published in it. */
  const inPeriod = (s: { article: number; text: string; start: number }, period: DayRange): boolean => {
    const days = eventDatesOf(s.article, s.text, s.start).filter((d) => !d.since);
    if (days.length > 0) return days.some((d) => inRange(d.day, period));
    const published = articleDays[s.article]!;
    return published === UNDATED || inRange(published, period);
  };
  // Passages of one article are stored together: remember where each article's run begins and ends.
  const passageRuns = new Map<number, { from: number; to: number }>();
  index.passages.forEach((p, i) => {
    const run = passageRuns.get(p.article);
    if (run) run.to = i;
    else passageRuns.set(p.article, { from: i, to: i });
  });
  // The sentences before and after each sentence start, per article, built when an article is first needed.
  const neighboursByArticle = new Map<number, Map<number, { previous?: Span; next?: Span }>>();
  const neighboursOf = (article: number, start: number): { previous?: string; next?: string } => {
    let neighbours = neighboursByArticle.get(article);
    if (!neighbours) {
      const run = passageRuns.get(article)!;
      const spans = index.passages.slice(run.from, run.to + 1).flatMap((p) => p.sentences);
      spans.sort((a, b) => a.start - b.start);
      const unique = spans.filter((s, i) => i === 0 || s.start !== spans[i - 1]!.start);
      neighbours = new Map(unique.map((s, i) => [s.start, { previous: unique[i - 1], next: unique[i + 1] }]));
      neighboursByArticle.set(article, neighbours);
    }
    const around = neighbours.get(start);
    const text = index.articles[article]!.text;
    return { previous: around?.previous && text.slice(around.previous.start, around.previous.end), next: around?.next && text.slice(around.next.start, around.next.end) };
  };

  async function queryVector(text: string): Promise<Float32Array> {
    const [raw] = await embedder.embed([text], 'query');
    return component ? removeComponent(raw!, component) : raw!;
  }

  function weightedTerms(q: Question, expansions: WeightedTerm[]): WeightedTerm[] {
    return [...q.terms.map((term) => ({ term, weight: 1 })), ...expansions];
  }

  async function retrieve(
    q: Question,
    mode: SearchMode,
    k: number,
    accept?: PassageFilter,
  ): Promise<{ hits: FusedHit[]; expansions: ReturnType<Expander['expand']> }> {
    const expansions = expander ? expander.expand(q.tokens, q.names) : [];
    // The date filter works inside both searches: candidates are drawn from eligible passages only.
    const lexical = mode === 'vector' ? [] : index.lexical.search(weightedTerms(q, expansions), k, accept);
    const dense = mode === 'lexical' ? [] : index.vectors.search(await queryVector(q.text), k, accept);
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
    async search(query, { k, mode, asOf }) {
      const { hits } = await retrieve(parseQuestion(query), mode, k, asOf === undefined ? undefined : filterFor({ from: -Infinity, to: asOf }));
      return hits.map((h) => {
        const p = index.passages[h.id]!;
        const article = index.articles[p.article]!;
        return {
          passageId: p.id,
          file: article.file,
          line: article.line,
          text: article.text.slice(p.start, p.end),
          published: article.published ?? null,
          score: h.score,
        };
      });
    },

    async answer(question, ask = {}) {
      const started = performance.now();
      const asOf = ask.asOf ?? options.today();
      const time = questionTime(question, { asOf, hasArticlesSince: (from) => publishedBetween(from, asOf) });
      const q = parseQuestion(question, time);
      const period = time.range;
      // Articles after the as-of day never answer; a period in the question narrows retrieval to the
      // articles that can report it (published from its start to a little after its end).
      const window = { from: period?.from ?? -Infinity, to: Math.min(asOf, period ? period.to + REPORTING_LAG_DAYS : Infinity) };
      const accept = filterFor(window);
      const recencyShare = time.recency ? LATEST_SHARE : RECENCY_SHARE;
      const counts = q.type === 'quantity';
      const { hits: retrieved, expansions } = await retrieve(q, 'fused', Math.max(options.retrieveTopK, counts ? SERIES_PASSAGES : 0), accept);
      const hits = retrieved
        .map((h) => ({ ...h, score: h.score * (1 - recencyShare + recencyShare * recencyOf(passageDays[h.id]!, asOf)) }))
        .sort((a, b) => b.score - a.score || a.id - b.id);
      const top = hits.slice(0, counts ? SERIES_PASSAGES : options.rerankTopK);
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
          const sentence = { article: p.article, start: s.start, end: s.end, text: text.slice(s.start, s.end) };
          if (period && !inPeriod(sentence, period)) continue;
          inputs.push({
            ...sentence,
            passage: best > 0 ? hit.score / best : 0,
            reference: references[p.article],
            ...neighboursOf(p.article, s.start),
            recency: recencyOf(articleDays[p.article]!, asOf),
          });
        }
      }
      const semantic = await semanticScores(question, inputs.map((s) => s.text));
      const ranked = rankSentences(
        inputs.map((s, i) => ({ ...s, semantic: semantic[i]! })),
        { question: q, expansions, idf: idfOf, similarity: expander?.similarity ?? sameTerm, recencyShare },
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
        counts,
        minConfidence: options.minConfidence,
        asOf: isoDay(asOf),
        datesOf: (s): QuoteDate[] =>
          eventDatesOf(s.article, s.text, s.start).map((d) => ({ text: d.text, start: d.start, end: d.end, date: isoDay(d.day), relative: d.relative })),
      });
      return { ...composed, ms: Math.round((performance.now() - started) * 10) / 10 };
    },
  };
}
