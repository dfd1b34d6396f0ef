/**
 * Answers questions over one loaded index: expand, retrieve (BM25 + weighted vectors), rank the
 * sentences of the best passages, mark the span, cite, and decide whether to abstain.
 */
import { performance } from 'node:perf_hooks';
import { removeComponent } from '../embed/index.js';
import { idf, type WeightedTerm } from '../store/lexical.js';
import { dot } from '../store/vectors.js';
import type { SearchMode } from './types.js';
import { composeAnswer, confidenceOf } from './compose.js';
import { blendReader, readerConfidence } from './reader-blend.js';
import type { Expander } from './expand.js';
import { relatedExpansions } from './related-words.js';
import { isYesNoQuestion, parseQuestion, wantsName, type Question } from './question.js';
import { rankSentences, type RankedSentence, type SentenceInput } from './rank.js';
import { probability } from '../learn/logistic.js';
import { candidateFeatures, type QuestionSignals } from './candidate-features.js';
import { coverageProbe, indexView, searchHitOf, type IndexView } from './index-view.js';
import { fuse, type FusedHit } from './retrieve.js';
import { sameTerm } from './spans.js';
import { markSpan, selectSpan } from './span-selector.js';
import { answerabilityFeatures, rarityFrom } from './answerability.js';
import { isoDay, type Day, type DayRange } from '../time/days.js';
import { questionTime, type QuestionTime } from '../time/question-time.js';
import type { Answerer, AnswererParts, AskOptions } from './answerer-types.js';

export type { AnswerOptions, Answerer, AnswererParts, AskOptions, Candidates, ReaderOptions } from './answerer-types.js';

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
/** The newest reports' own search: its span back from the newest article, and how many passages it adds. */
const RECENT_DAYS = 30;
const RECENT_PASSAGES = 8;
/** A count question gathers its figures from this many passages, so a differently worded, newer figure is seen. */
const SERIES_PASSAGES = 16;
const CREDIT_ONLY = /^\s*(?:\([^()]{0,80}\)\s*)+$/;

export function createAnswerer(parts: AnswererParts): Answerer {
  const { index, embedder, expander, sentenceEmbedder, options } = parts;
  const n = index.passages.length;
  const { component, dated, references, context, denseSearch } = parts.view ?? indexView(index);
  const idfOf = (term: string): number => idf(index.lexical.documentFrequency(term), n);
  const rarity = rarityFrom((term) => index.lexical.documentFrequency(term), n);
  const recencyOf = (article: number, asOf: Day): number => {
    const day = dated.dayOf(article);
    return day === undefined ? UNDATED_RECENCY : 1 / (1 + Math.max(0, asOf - day) / RECENCY_DAYS);
  };
  const spanModel = options.spanModel ?? null;
  const similarity = expander?.similarity ?? sameTerm;
  // The last question's reading of time, kept: a caller that asks `timeOf` right after `answer` gets
  // it again without a second parse and probe search.
  let lastTime: { question: string; asOf: Day; upTo: number; time: QuestionTime } | undefined;

  async function queryVector(text: string): Promise<Float32Array> {
    const [raw] = await embedder.embed([text], 'query');
    return component ? removeComponent(raw!, component) : raw!;
  }

  function weightedTerms(q: Question, expansions: WeightedTerm[]): WeightedTerm[] {
    return [...q.terms.map((term) => ({ term, weight: 1 })), ...expansions];
  }

  /**
   * The best `k` passages of `window`, and with `recent` the best `recent.k` of that narrower window
   * by BM25 too, all scored on one scale (BM25 over the best of the whole window, plus the weighted cosine).
   */
  async function retrieve(
    q: Question,
    mode: SearchMode,
    k: number,
    window?: DayRange,
    recent?: { window: DayRange; k: number },
  ): Promise<{ hits: FusedHit[]; expansions: ReturnType<Expander['expand']> }> {
    const neighbours = expander ? expander.expand(q.tokens, q.names) : [];
    // The listed relation adds what word vectors miss ("hurt" for "casualties"); a term both give counts once.
    const expansions = [...neighbours, ...relatedExpansions(q.tokens, q.names).filter((r) => !neighbours.some((e) => e.term === r.term))];
    const searches = recent ? [{ window, k }, recent] : [{ window, k }];
    const vector = mode === 'lexical' ? null : await queryVector(q.text);
    // The date filter works inside both searches: candidates are drawn from eligible passages only.
    const lexical = mode === 'vector' ? [] : searches.flatMap((s) => index.lexical.search(weightedTerms(q, expansions), s.k, s.window && dated.filter(s.window)));
    // The newest reports' search is lexical only: its vector half cost more than it found (7 ms at p95
    // on 100k passages, for no answer changed on the real-news set).
    const dense = vector ? denseSearch(vector, k, window) : [];
    const weight = mode === 'lexical' ? 0 : mode === 'vector' ? 1 : options.fusionWeight;
    // Vector-only search ranks by cosine alone: fuse() with no lexical hits does exactly that.
    return { hits: fuse(lexical, dense, weight, k + (recent?.k ?? 0)), expansions };
  }

  /**
   * The last RECENT_DAYS of a window that ends after its start, for questions whose newest reports
   * matter (counts, "latest"): a newer report words its figure its own way and may not be among the
   * best matches of all time, so the newest articles get a search of their own.
   */
  function recentPart(window: DayRange): DayRange | undefined {
    const newest = dated.newestOnOrBefore(window.to);
    if (newest === undefined || newest - RECENT_DAYS <= window.from) return undefined;
    return { from: newest - RECENT_DAYS, to: window.to };
  }

  async function semanticScores(question: string, texts: string[]): Promise<number[]> {
    if (!sentenceEmbedder || texts.length === 0) return texts.map(() => 0);
    const [q, ...vs] = await sentenceEmbedder.embed([question, ...texts], 'query');
    return vs.map((v) => dot(q!, v));
  }

  /**
   * The answer/abstain model's row for a question's ranked candidates (best first, at least one), as
   * the answer path reads it: the index's idf, the hand-set confidence, the span model's best span.
   */
  function answerabilityRow(q: Question, ranked: readonly RankedSentence[], rows: number[][], signals: QuestionSignals): number[] {
    const best = ranked[0]!;
    const named = wantsName(q);
    const span = spanModel ? selectSpan(spanModel, best.text, q, { similarity, reference: best.reference }) : null;
    return answerabilityFeatures({
      question: q,
      rows,
      texts: ranked.map((s) => s.text),
      rarity,
      handConfidence: confidenceOf(best, signals.retrieval, q.type !== 'other', named, q.type === 'reason'),
      spanScore: span?.score ?? 0,
    });
  }

  return {
    async search(query, { k, mode, asOf }) {
      const { hits } = await retrieve(parseQuestion(query), mode, k, asOf === undefined ? undefined : { from: -Infinity, to: asOf });
      return hits.map((h) => searchHitOf(index, h));
    },

    timeOf: (question, ask = {}) => timeOf(question, ask),

    async candidates(question, ask = {}) {
      const { q, ranked, signals } = await rank(question, ask);
      const rows = candidateFeatures(ranked, signals);
      return { texts: ranked.map((s) => s.text), rows, answerability: ranked.length > 0 ? answerabilityRow(q, ranked, rows, signals) : null };
    },

    async answer(question, ask = {}) {
      const started = performance.now();
      const { q, top, ranked: handRanked, asOf, counts, recencyShare, signals } = await rank(question, ask);
      let ranked = handRanked;
      let confidence: number | undefined;
      if (options.model) {
        // The model says how likely each sentence holds the answer; recency, which undated training
        // data cannot teach, still weighs as it does in the hand-set ranking.
        const rows = candidateFeatures(handRanked, signals);
        const p = rows.map((r) => probability(options.model!.sentence, r));
        ranked = handRanked
          .map((s, i) => ({ ...s, score: p[i]! * (1 - recencyShare + recencyShare * (s.recency ?? 1)), learned: p[i]! }))
          .sort((a, b) => b.score - a.score || a.article - b.article || a.start - b.start);
        confidence = (ranked[0] as { learned?: number } | undefined)?.learned ?? 0;
      }
      const named = wantsName(q);
      if (options.abstainModel && !options.model && ranked.length > 0) {
        // Which sentence is quoted stays the hand-set ranking's; the model says whether it answers at all.
        confidence = probability(options.abstainModel, answerabilityRow(q, ranked, candidateFeatures(ranked, signals), signals));
      }
      if (options.reader && ranked.length > 0) {
        // After the ranking: the reader reads its best sentences, marks their spans, may re-order them
        // and joins the confidence of the quoted one.
        const { reader, sentences, weight } = options.reader;
        const spans = await reader.read(question, ranked.slice(0, sentences).map((s) => s.text));
        const read = blendReader(ranked, spans, weight);
        const quoted = read[0]!;
        const base = options.model ? ((quoted as { learned?: number }).learned ?? 0) : confidenceOf(quoted, signals.retrieval, q.type !== 'other', named, q.type === 'reason');
        confidence = readerConfidence(base, quoted.reader, weight);
        ranked = read;
      }
      const composed = composeAnswer({
        question,
        ranked,
        articles: index.articles,
        closest: top.map((h) => index.passages[h.id]!.article),
        retrieval: signals.retrieval,
        typed: q.type !== 'other',
        counts,
        names: q.names,
        named,
        reason: q.type === 'reason',
        confidence,
        minConfidence: options.minConfidence,
        asOf: isoDay(asOf),
        datesOf: (s) => context.quoteDates(s),
        // The learned selector marks the quoted sentences' spans, unless the neural reader already did.
        spanOf: spanModel && !options.reader && !isYesNoQuestion(q.text) ? (s) => markSpan(spanModel, s, q, similarity) : undefined,
      });
      return { ...composed, ms: Math.round((performance.now() - started) * 10) / 10 };
    },
  };

  function timeOf(question: string, ask: AskOptions): QuestionTime {
    const asOf = ask.asOf ?? options.today();
    const upTo = ask.asOf ?? Infinity;
    if (lastTime?.question === question && lastTime.asOf === asOf && lastTime.upTo === upTo) return lastTime.time;
    const time = questionTime(question, { asOf, coversSince: coverageProbe(index, dated, question, upTo) });
    lastTime = { question, asOf, upTo, time };
    return time;
  }

  /** Retrieval and the hand-set ranking of a question's candidate sentences. */
  async function rank(question: string, ask: AskOptions) {
    const asOf = ask.asOf ?? options.today();
    // Asked as of now, an article dated after today is misdated, not unpublished (a publisher's time
    // zone, a wrong date in a feed): it is in the corpus, so it can answer. An as-of day the caller
    // gives is a strict bound.
    const upTo = ask.asOf ?? Infinity;
    const time = timeOf(question, ask);
    const q = parseQuestion(question, time);
    const period = time.range;
    // Articles after the as-of day never answer; a period in the question narrows retrieval to the
    // articles that can report it (published from its start to a little after its end).
    const window = { from: period?.from ?? -Infinity, to: Math.min(upTo, period ? period.to + REPORTING_LAG_DAYS : Infinity) };
    const recencyShare = time.recency ? LATEST_SHARE : RECENCY_SHARE;
    // Every count gathers its series: a toll of one strike rises from report to report too.
    const counts = q.type === 'quantity';
    const recent = counts || time.recency ? recentPart(window) : undefined;
    const { hits: retrieved, expansions } = await retrieve(
      q,
      'fused',
      Math.max(options.retrieveTopK, counts ? SERIES_PASSAGES : 0),
      window,
      recent && { window: recent, k: RECENT_PASSAGES },
    );
    const hits = retrieved
      .map((h) => ({ ...h, score: h.score * (1 - recencyShare + recencyShare * recencyOf(index.passages[h.id]!.article, asOf)) }))
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
        // A line that is only a credit, "(Reuters)", states nothing to quote.
        if (CREDIT_ONLY.test(sentence.text)) continue;
        if (period && !context.inPeriod(sentence, period)) continue;
        inputs.push({
          ...sentence,
          passage: best > 0 ? hit.score / best : 0,
          reference: references[p.article],
          ...context.around(p.article, s.start),
          recency: recencyOf(p.article, asOf),
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
    const signals = { type: q.type, retrieval: totalIdf > 0 ? bestBm25 / totalIdf : 0, terms: q.terms.length };
    return { q, top, ranked, asOf, counts, recencyShare, signals };
  }
}
