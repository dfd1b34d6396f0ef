/**
 * Retrieval evaluation: passage hits of Sitrep's search collapse to documents (a document ranks where
 * its best passage ranks), then nDCG@10 and Recall@100 against the relevance judgements.
 */
import { performance } from 'node:perf_hooks';
import type { SearchHit, SearchMode, Searcher } from '../sitrep.js';
import { latencySummary, mean, ndcgAt, recallAt, uniqueInOrder, type Judgements, type LatencySummary } from './metrics.js';

export interface RetrievalQuery {
  id: string;
  text: string;
  judgements: Judgements;
  /** Searched as of this day (`YYYY-MM-DD`) when given. */
  asOf?: string;
}

export interface RetrievalScores {
  queries: number;
  ndcg10: number;
  recall100: number;
  /** Share of queries whose first document is relevant. */
  top1: number;
  /** Share of queries with a relevant document in the first 5 / 20. */
  top5: number;
  top20: number;
  latencyMs: LatencySummary;
}

/** A searcher under test: Sitrep's modes, possibly from differently configured instances. */
export interface RetrievalSystem {
  name: string;
  searcher: Searcher;
  mode: SearchMode;
}

/**
 * Ranks documents for every query: `docOf` names the document of a passage hit, and `passages` hits
 * are requested so that, after collapsing, `depth` documents remain for documents of a few passages.
 */
export async function evaluateRetrieval(
  system: RetrievalSystem,
  queries: readonly RetrievalQuery[],
  docOf: (hit: SearchHit) => string,
  options: { passages: number; depth?: number } = { passages: 1000 },
): Promise<RetrievalScores> {
  const depth = options.depth ?? 100;
  const ndcg: number[] = [];
  const recall: number[] = [];
  const top = { 1: 0, 5: 0, 20: 0 };
  const ms: number[] = [];
  for (const q of queries) {
    const started = performance.now();
    const hits = await system.searcher.search(q.text, { k: options.passages, mode: system.mode, asOf: q.asOf });
    ms.push(performance.now() - started);
    const ranked = uniqueInOrder(hits.map(docOf)).slice(0, depth);
    ndcg.push(ndcgAt(ranked, q.judgements, 10));
    recall.push(recallAt(ranked, q.judgements, 100));
    const firstRelevant = ranked.findIndex((id) => (q.judgements.get(id) ?? 0) > 0);
    for (const k of [1, 5, 20] as const) if (firstRelevant >= 0 && firstRelevant < k) top[k]++;
  }
  const n = queries.length;
  return {
    queries: n,
    ndcg10: mean(ndcg),
    recall100: mean(recall),
    top1: n ? top[1] / n : 0,
    top5: n ? top[5] / n : 0,
    top20: n ? top[20] / n : 0,
    latencyMs: latencySummary(ms),
  };
}
