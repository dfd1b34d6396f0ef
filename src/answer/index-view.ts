/**
 * What an answerer derives from its index before the first question: each article's and passage's
 * publication day, each article's reference time, the sentences' context, the date-confined vector
 * search. At 100k passages it is 40–90 ms of work, so a running bot makes it in steps when it swaps
 * to a new index (sitrep.reload), and a one-shot process at once.
 */
import type { StoredIndex } from '../store/stored-index.js';
import { runWhole } from '../store/steps.js';
import { noonOf, type Day } from '../time/days.js';
import { parseQuestion } from './question.js';
import { DatedPassages, publicationDay } from './dated-passages.js';
import { createDenseSearch, type DenseSearch } from './dense-search.js';
import { SentenceContext } from './sentence-context.js';

/** Records handled between two yields of `indexViewSteps`: a millisecond's work or so. */
const RECORDS_PER_STEP = 1 << 13;

/** A yearless date's year is one whose later articles match the question at least this well, relative to the best match. */
const YEARLESS_MATCH = 0.75;
/** Passages the yearless probe looks at: a year none of whose reports is among them is not covered. */
const PROBE_PASSAGES = 100;

export interface IndexView {
  /** SIF's common component, removed from query vectors; null when unused. */
  component: Float32Array | null;
  dated: DatedPassages;
  /** Noon of each article's publication day (what its relative dates are read against), or undefined. */
  references: (Date | undefined)[];
  context: SentenceContext;
  denseSearch: DenseSearch;
}

/** The view of `index`, made a few thousand records at a time (steps.ts). */
export function* indexViewSteps(index: StoredIndex): Generator<void, IndexView> {
  const { articles, passages } = index;
  const passageArticles = new Int32Array(passages.length);
  for (let i = 0; i < passages.length; i++) {
    passageArticles[i] = passages[i]!.article;
    if (i % RECORDS_PER_STEP === RECORDS_PER_STEP - 1) yield;
  }
  const articleDays = new Int32Array(articles.length);
  const references: (Date | undefined)[] = new Array(articles.length);
  for (let i = 0; i < articles.length; i++) {
    articleDays[i] = publicationDay(articles[i]!);
    if (i % RECORDS_PER_STEP === RECORDS_PER_STEP - 1) yield;
  }
  const dated = new DatedPassages(articleDays, passageArticles);
  yield;
  for (let i = 0; i < articles.length; i++) {
    const day = dated.dayOf(i);
    references[i] = day === undefined ? undefined : noonOf(day);
    if (i % RECORDS_PER_STEP === RECORDS_PER_STEP - 1) yield;
  }
  const context = new SentenceContext(index, dated);
  yield;
  const component = index.manifest.embedder.commonComponent ? Float32Array.from(index.manifest.embedder.commonComponent) : null;
  return { component, dated, references, context, denseSearch: createDenseSearch(index, component, dated) };
}

export function indexView(index: StoredIndex): IndexView {
  return runWhole(indexViewSteps(index));
}

/**
 * Whether articles published from a day to the as-of day speak of the question about as well as the
 * whole corpus does: a yearless "since Oct 17" takes the latest year whose reports match the
 * question, not merely the latest year with any article. One lexical search, made when the first
 * year is tried; its hits are best first, so the first one published since a day is the best since.
 */
export function coverageProbe(index: StoredIndex, dated: DatedPassages, question: string, upTo: Day): (from: Day) => boolean {
  let hits: { score: number; day: number }[] | undefined;
  return (from) => {
    if (!dated.publishedBetween(from, upTo)) return false;
    hits ??= index.lexical
      .search(parseQuestion(question).terms.map((term) => ({ term, weight: 1 })), PROBE_PASSAGES, dated.filter({ from: -Infinity, to: upTo }))
      .map((h) => ({ score: h.score, day: dated.passageDays[h.id]! }));
    const best = hits[0]?.score ?? 0;
    if (best === 0) return true;
    const since = hits.find((h) => h.day >= from)?.score ?? 0;
    return since >= YEARLESS_MATCH * best;
  };
}

/** A retrieved passage as retrieval evaluation sees it. */
export function searchHitOf(index: StoredIndex, hit: { id: number; score: number }) {
  const p = index.passages[hit.id]!;
  const article = index.articles[p.article]!;
  return {
    passageId: p.id,
    file: article.file,
    line: article.line,
    text: article.text.slice(p.start, p.end),
    published: article.published ?? null,
    score: hit.score,
  };
}
