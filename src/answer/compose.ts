/**
 * From ranked sentences to the answer a reader sees: the best sentence (or, when articles disagree
 * on a figure, the newest one's), up to two supporting sentences, older figures with their dates,
 * numbered sources and a confidence. Below the threshold it abstains and lists the closest sources.
 */
import type { Article } from '../corpus/types.js';
import type { Answer, EarlierFigure, Quote, QuoteDate, SourceRef } from './types.js';
import type { RankedSentence } from './rank.js';
import type { AnswerSpan } from './spans.js';
import { askedAttribution, figureSeries, titleTerms } from './series.js';
import { endPastInitialism } from '../store/analyze.js';

export interface ComposeInput {
  question: string;
  ranked: RankedSentence[];
  articles: Article[];
  /** Articles of the best retrieved passages, best first (the closest sources when abstaining). */
  closest: number[];
  /** BM25 score of the best passage divided by the question's total idf: how strongly the corpus matched. */
  retrieval: number;
  /** True when the question wants a typed answer (a number, a date, a name, a place). */
  typed: boolean;
  /** Index terms of the names the question gives: figures of a series speak of the same ones. */
  names?: ReadonlySet<string>;
  /** True when the wanted answer is a name (an actor, a place, a named thing). */
  named?: boolean;
  /** True when it asks why: a quote with no reason clause does not answer. */
  reason?: boolean;
  /** True when it asks for a count, whose figures form a series over time. */
  counts: boolean;
  /** The learned probability that the best sentence answers; absent: the hand-set confidence. */
  confidence?: number;
  minConfidence: number;
  /** The question's as-of day, `YYYY-MM-DD`. */
  asOf: string;
  /** Days a sentence names, resolved against its article's date. */
  datesOf: (s: RankedSentence) => QuoteDate[];
  /** The span to mark in a quoted sentence; absent: the one the ranking found (the hand rules'). */
  spanOf?: (s: RankedSentence) => AnswerSpan | null;
}

/** Sentences this close to the best one count as "the same answer" when comparing articles' figures. */
const SAME_ANSWER_RATIO = 0.85;
const SUPPORT_RATIO = 0.6;
const MAX_SUPPORTING = 2;
const MAX_CLOSEST = 3;

/**
 * Confidence combines three signals, since one alone separates poorly (a BM25-score threshold beats
 * always abstaining on SQuAD 2.0 by only two points): how much of the question's rare-word mass the
 * sentence covers, whether the wanted type of answer is there, and how strongly retrieval matched.
 */
export function confidenceOf(best: RankedSentence, retrieval: number, typed: boolean, named = false, reason = false): number {
  // A why-question's sentence with no reason clause ranks as if untyped (reasons are worded too many
  // ways to sink it), but quoting it answers nothing: it is no answer of the wanted kind.
  const typeFit = reason && !best.span ? 0 : best.features.type;
  return confidenceFrom(best.features.coverage, typeFit, retrieval, typed, named);
}

/** `confidenceOf` from the features it reads: the sentence's coverage and type fit, and the retrieval strength. */
export function confidenceFrom(coverage: number, typeFit: number, retrieval: number, typed: boolean, named = false): number {
  const matched = 0.65 * coverage + 0.35 * Math.min(1, retrieval);
  // A question that wants a number, date, name or place is not answered by a sentence without one.
  // Name spans are scored on a harder scale (a plain name with no head word or title scores about
  // 0.5, a number tied to its noun 1): a name of fit NAME_FIT counts as fully typed.
  const type = named ? Math.min(1, typeFit / NAME_FIT) : typeFit;
  return Math.min(1, typed ? matched * (0.3 + 0.7 * type) : matched);
}

/** The fit at which a name span counts as an answer of the wanted kind, for confidence. */
export const NAME_FIT = 0.6;

/** How an article is named to a reader: title, source, date, url, and its file (with `:line` for JSONL). */
export function articleRef(a: Article): Omit<SourceRef, 'n'> {
  return {
    title: a.title,
    source: a.source ?? null,
    published: a.published ?? null,
    url: a.url ?? null,
    file: a.line !== undefined ? `${a.file}:${a.line}` : a.file,
  };
}

const sourceOf = (a: Article, n: number): SourceRef => ({ n, ...articleRef(a) });

/** Numbers sources in the order they are first cited. */
class Citations {
  readonly sources: SourceRef[] = [];
  private readonly byArticle = new Map<number, number>();
  constructor(private readonly articles: Article[]) {}
  cite(article: number): number {
    let n = this.byArticle.get(article);
    if (n === undefined) {
      n = this.sources.length + 1;
      this.byArticle.set(article, n);
      this.sources.push(sourceOf(this.articles[article]!, n));
    }
    return n;
  }
}

/** `span` of `sentence`, with an initialism's last stop kept in it ("**U.S.**", not "**U.S**."). */
export function wholeSpan(sentence: string, span: { start: number; end: number; text: string }): { start: number; end: number; text: string } {
  const end = endPastInitialism(sentence, span.end);
  return { start: span.start, end, text: end === span.end ? span.text : sentence.slice(span.start, end) };
}

function quoteOf(s: RankedSentence, citations: Citations, input: Pick<ComposeInput, 'datesOf' | 'spanOf'>): Quote {
  const span = input.spanOf ? input.spanOf(s) : s.span;
  return {
    text: s.text,
    span: span ? wholeSpan(s.text, span) : null,
    citation: citations.cite(s.article),
    dates: input.datesOf(s),
  };
}

const publishedOf = (articles: Article[], s: RankedSentence) => articles[s.article]!.published ?? '';

/**
 * When several articles give an answer of the wanted type about as well, the newest article answers
 * and the others' figures are kept, newest first, when they differ.
 */
function newestFirst(input: ComposeInput): { answer: RankedSentence; older: RankedSentence[] } {
  const [best, ...rest] = input.ranked;
  if (!input.typed || !best!.span) return { answer: best!, older: [] };
  if (input.counts) {
    const series = figureSeries(
      input.ranked,
      (article) => input.articles[article]!.published ?? '',
      input.names,
      askedAttribution(input.question),
      titleTerms(input.articles),
    );
    if (series) return { answer: series.answer, older: series.earlier };
  }
  const rivals = [best!, ...rest.filter((s) => s.span && s.article !== best!.article && s.score >= SAME_ANSWER_RATIO * best!.score)];
  // One rival per article: its best sentence.
  const perArticle = rivals.filter((s, i) => rivals.findIndex((r) => r.article === s.article) === i);
  perArticle.sort((a, b) => publishedOf(input.articles, b).localeCompare(publishedOf(input.articles, a)) || b.score - a.score);
  const answer = perArticle[0]!;
  const norm = (t: string) => t.toLowerCase().replace(/\s+/g, ' ');
  const older = perArticle.slice(1).filter((s) => norm(s.span!.text) !== norm(answer.span!.text));
  return { answer, older };
}

export function composeAnswer(input: ComposeInput): Omit<Answer, 'ms'> {
  const citations = new Citations(input.articles);
  const best = input.ranked[0];
  const confidence = !best ? 0 : (input.confidence ?? confidenceOf(best, input.retrieval, input.typed, input.named, input.reason));
  if (!best || confidence < input.minConfidence) {
    for (const a of [...new Set(input.closest)].slice(0, MAX_CLOSEST)) citations.cite(a);
    return {
      question: input.question,
      abstained: true,
      answer: null,
      supporting: [],
      earlier: [],
      sources: citations.sources,
      confidence,
      asOf: input.asOf,
      answerPublished: null,
      newestSource: newestOf(citations.sources),
    };
  }
  const { answer, older } = newestFirst(input);
  const quote = (s: RankedSentence) => quoteOf(s, citations, input);
  const main = quote(answer);
  const used = new Set([answer, ...older]);
  const supporting = input.ranked
    .filter((s) => !used.has(s) && s.score >= SUPPORT_RATIO * answer.score && s.text !== answer.text)
    .slice(0, MAX_SUPPORTING)
    .map(quote);
  const earlier: EarlierFigure[] = older.map((s) => ({
    ...quote(s),
    published: input.articles[s.article]!.published ?? null,
  }));
  return {
    question: input.question,
    abstained: false,
    answer: main,
    supporting,
    earlier,
    sources: citations.sources,
    confidence,
    asOf: input.asOf,
    answerPublished: input.articles[answer.article]!.published ?? null,
    newestSource: newestOf(citations.sources),
  };
}

function newestOf(sources: SourceRef[]): string | null {
  return sources.reduce<string | null>((newest, s) => (s.published && (!newest || s.published > newest) ? s.published : newest), null);
}
