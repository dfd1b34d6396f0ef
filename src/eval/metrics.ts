/**
 * Evaluation metrics as pure functions: ranking quality (nDCG@k, Recall@k, answer in top-k),
 * abstention precision and recall, and latency percentiles.
 */

/** Relevance judgements of one query: document id → graded relevance (> 0 is relevant). */
export type Judgements = ReadonlyMap<string, number>;

/**
 * nDCG@k with the exponential gain that BEIR's pytrec_eval uses ((2^rel − 1) / log2(rank + 1)).
 * `ranked` is the system's document ids, best first; duplicates after the first count as misses.
 */
export function ndcgAt(ranked: readonly string[], judgements: Judgements, k: number): number {
  const seen = new Set<string>();
  let dcg = 0;
  for (let i = 0; i < Math.min(k, ranked.length); i++) {
    const id = ranked[i]!;
    if (seen.has(id)) continue;
    seen.add(id);
    const rel = judgements.get(id) ?? 0;
    if (rel > 0) dcg += (2 ** rel - 1) / Math.log2(i + 2);
  }
  const ideal = [...judgements.values()].filter((r) => r > 0).sort((a, b) => b - a).slice(0, k);
  const idcg = ideal.reduce((sum, rel, i) => sum + (2 ** rel - 1) / Math.log2(i + 2), 0);
  return idcg > 0 ? dcg / idcg : 0;
}

/** Share of the relevant documents found in the first k. */
export function recallAt(ranked: readonly string[], judgements: Judgements, k: number): number {
  const relevant = [...judgements.entries()].filter(([, r]) => r > 0).map(([id]) => id);
  if (relevant.length === 0) return 0;
  const top = new Set(ranked.slice(0, k));
  return relevant.filter((id) => top.has(id)).length / relevant.length;
}

/** Document ids in first-seen order: passage hits of one document collapse to its best rank (MaxP). */
export function uniqueInOrder(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}

export function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}

/** Nearest-rank percentile (p in 0..100) of a sample; 0 for an empty one. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export interface LatencySummary {
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function latencySummary(ms: readonly number[]): LatencySummary {
  return {
    mean: mean(ms),
    p50: percentile(ms, 50),
    p95: percentile(ms, 95),
    p99: percentile(ms, 99),
    max: ms.length === 0 ? 0 : Math.max(...ms),
  };
}

export interface AbstentionCounts {
  /** Abstained on a question the corpus cannot answer. */
  rightAbstentions: number;
  /** Abstained on a question the corpus answers. */
  wrongAbstentions: number;
  /** Unanswerable questions in the set. */
  unanswerable: number;
}

export interface AbstentionScores {
  /** Of the abstentions, the share on unanswerable questions (null when it never abstained). */
  precision: number | null;
  /** Of the unanswerable questions, the share it abstained on (null when there are none). */
  recall: number | null;
}

export function abstentionScores(c: AbstentionCounts): AbstentionScores {
  const abstained = c.rightAbstentions + c.wrongAbstentions;
  return {
    precision: abstained > 0 ? c.rightAbstentions / abstained : null,
    recall: c.unanswerable > 0 ? c.rightAbstentions / c.unanswerable : null,
  };
}

/** Share of `part` in `whole`, 0 for an empty whole. */
export function rate(part: number, whole: number): number {
  return whole > 0 ? part / whole : 0;
}
