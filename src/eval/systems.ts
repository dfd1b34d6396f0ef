/**
 * The two systems an evaluation compares, behind one shape: Sitrep's own answers, and the BM25-only
 * baseline (top sentence of the best lexical passage, no answer typing, no expansion).
 */
import { performance } from 'node:perf_hooks';
import { splitSentences } from '../corpus/index.js';
import type { Sitrep, Searcher } from '../sitrep.js';
import { terms } from '../store/analyze.js';
import { locationKey } from './workspace.js';

/** What one system answered to one question, in the terms the metrics need. */
export interface SystemAnswer {
  abstained: boolean;
  /** The quoted sentence (null when abstained). */
  text: string | null;
  /** The marked answer span, when the system marks one. */
  span: string | null;
  /** `file` or `file:line` of the cited source (null when abstained). */
  file: string | null;
  /** 0..1 when the system reports a confidence. */
  confidence: number | null;
  /** Publication dates of every article the answer cites (for the as-of check). */
  citedDates: (string | null)[];
  /** Wall-clock milliseconds for the question. */
  ms: number;
}

/** Asks one question, as of a day (`YYYY-MM-DD`) when given; `id` is the question's id in its set. */
export type AnswerSystem = (question: string, asOf?: string, id?: string) => Promise<SystemAnswer>;

export function sitrepSystem(sitrep: Sitrep): AnswerSystem {
  return async (question, asOf) => {
    const started = performance.now();
    const a = await sitrep.answer(question, { asOf });
    const ms = performance.now() - started;
    const cited = a.answer ? a.sources.find((s) => s.n === a.answer!.citation) : undefined;
    return {
      abstained: a.abstained,
      text: a.answer?.text ?? null,
      span: a.answer?.span?.text ?? null,
      file: cited?.file ?? null,
      confidence: a.confidence,
      citedDates: a.abstained ? [] : a.sources.map((s) => s.published),
      ms,
    };
  };
}

/** The sentence of `passage` sharing the most distinct terms with the question (the first on ties). */
export function bestOverlapSentence(passage: string, question: string): string | null {
  const wanted = new Set(terms(question));
  let best: string | null = null;
  let bestOverlap = -1;
  for (const s of splitSentences(passage)) {
    const text = passage.slice(s.start, s.end);
    const overlap = new Set(terms(text).filter((t) => wanted.has(t))).size;
    if (overlap > bestOverlap) {
      best = text;
      bestOverlap = overlap;
    }
  }
  return best;
}

/**
 * BM25 alone: the best lexical passage (search in 'lexical' mode of a Sitrep opened without query
 * expansion), then its sentence with the most question terms. It abstains only when nothing matches.
 */
export function bm25System(searcher: Searcher): AnswerSystem {
  return async (question, asOf) => {
    const started = performance.now();
    const [hit] = await searcher.search(question, { k: 1, mode: 'lexical', asOf });
    const text = hit ? bestOverlapSentence(hit.text, question) : null;
    const ms = performance.now() - started;
    if (!hit || text === null) return { abstained: true, text: null, span: null, file: null, confidence: null, citedDates: [], ms };
    return { abstained: false, text, span: null, file: locationKey(hit.file, hit.line), confidence: null, citedDates: [hit.published], ms };
  };
}
