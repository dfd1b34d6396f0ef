/**
 * How the neural reader's word joins the ranking's (pure). The reader reads the K best-ranked
 * sentences; for each it gives a span and the model's probability p of that span. With w the
 * reader's weight (READER_WEIGHT):
 *
 * - the K sentences are re-ordered by (1 − w) · s / s₁ + w · p, where s is a sentence's ranking
 *   score and s₁ the best one's; the rest keep their order after them;
 * - a read sentence's marked span becomes the reader's (its `score` the reader's probability);
 * - the confidence is (1 − w) · c + w · p₁, where c is the confidence the answer would have without
 *   the reader (hand-set or learned) and p₁ the reader's probability for the quoted sentence.
 *
 * A sentence whose answer the reader could not find verbatim in it counts p = 0 and keeps its span.
 */
import type { ReaderSpan } from './neural-reader.js';
import type { RankedSentence } from './rank.js';

/** Share of the sentence order and of the confidence the reader decides, when READER_WEIGHT is unset. */
export const DEFAULT_READER_WEIGHT = 0.5;
/** Sentences the reader reads, when READER_SENTENCES is unset: each costs a model pass over it. */
export const DEFAULT_READER_SENTENCES = 3;

/** A ranked sentence the reader has read, with its probability (0 when it found no span there). */
export type ReadSentence = RankedSentence & { reader: number };

/**
 * The ranking with the reader's spans and order: `spans[i]` is the reader's span in `ranked[i]`
 * (for the first `spans.length` sentences). Scores are rescaled so the order stays by score:
 * a read sentence's score becomes s₁ times its blended value, and an unread one's is capped at the
 * lowest read score (downstream thresholds compare scores to the best one's).
 */
export function blendReader(ranked: RankedSentence[], spans: (ReaderSpan | null)[], weight: number): ReadSentence[] {
  if (!(weight >= 0 && weight <= 1)) throw new RangeError(`reader weight must be within 0..1, got ${weight}`);
  const k = Math.min(spans.length, ranked.length);
  if (k === 0) return ranked.map((s) => ({ ...s, reader: 0 }));
  const best = ranked[0]!.score;
  const read = ranked.slice(0, k).map((s, i) => {
    const span = spans[i];
    const reader = span?.probability ?? 0;
    const blended = (1 - weight) * (best > 0 ? s.score / best : 0) + weight * reader;
    return {
      ...s,
      span: span ? { start: span.start, end: span.end, text: span.text, score: reader } : s.span,
      reader,
      blended,
      order: i,
    };
  });
  read.sort((a, b) => b.blended - a.blended || a.order - b.order);
  const floor = Math.min(...read.map((s) => best * s.blended));
  const out: ReadSentence[] = read.map(({ blended, order: _order, ...s }) => ({ ...s, score: best * blended }));
  for (const s of ranked.slice(k)) out.push({ ...s, score: Math.min(s.score, floor), reader: 0 });
  return out;
}

/** (1 − w) · the confidence without the reader + w · the reader's probability for the quoted sentence. */
export function readerConfidence(base: number, reader: number, weight: number): number {
  return Math.min(1, Math.max(0, (1 - weight) * base + weight * reader));
}
