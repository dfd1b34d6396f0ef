/** Plain-text tables of evaluation figures, for a person at a terminal. */
import type { AnswerSummary, ConfidenceDiagnostics } from './answers.js';
import type { AnswerEvaluation, BeirEvaluation, BuildFigures } from './run.js';
import type { RetrievalScores } from './retrieval.js';

/** A table with a header row; the first column is left-aligned, the rest right-aligned. */
export function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows
    .map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  '))
    .join('\n');
}

const pct = (x: number | null) => (x === null ? 'n/a' : `${(100 * x).toFixed(1)}%`);
const points = (a: number | null, b: number | null) => {
  if (a === null || b === null) return 'n/a';
  const d = 100 * (a - b);
  return `${d >= 0 ? '+' : ''}${d.toFixed(1)} pt`;
};
const ms = (x: number) => `${x.toFixed(1)} ms`;
const msDiff = (a: number, b: number) => `${a - b >= 0 ? '+' : ''}${(a - b).toFixed(1)} ms`;
const three = (x: number) => x.toFixed(3);

function buildLine(b: BuildFigures): string {
  return `Index: ${b.articles} articles, ${b.passages} passages, embedder ${b.embedder}, built in ${b.seconds.toFixed(1)} s${
    b.skipped ? ` (${b.skipped} inputs skipped)` : ''
  }`;
}

const ANSWER_ROWS: [string, (s: AnswerSummary) => number | null][] = [
  ['Answer accuracy (top sentence holds a gold answer)', (s) => s.answerAccuracy],
  ['Marked span holds a gold answer', (s) => s.spanAccuracy],
  ['Marked span is a gold answer (exact match)', (s) => s.spanExactMatch],
  ['Marked span token F1 (mean, 0 for no span)', (s) => s.spanF1],
  ['Citation accuracy (expected source cited)', (s) => s.citationAccuracy],
  ['Precision when answering', (s) => s.precisionWhenAnswering],
  ['Abstention precision', (s) => s.abstentionPrecision],
  ['Abstention recall (unanswerable abstained)', (s) => s.abstentionRecall],
  ['False abstentions (answerable abstained)', (s) => s.falseAbstentionRate],
  ['Overall (right answer or right abstention)', (s) => s.overall],
];

export function retrievalTable(scores: Record<string, RetrievalScores>, columns: ('ndcg10' | 'recall100' | 'top1' | 'top5' | 'top20')[]): string {
  const names: Record<string, string> = { ndcg10: 'nDCG@10', recall100: 'Recall@100', top1: 'top-1', top5: 'top-5', top20: 'top-20' };
  const rows = [['Retrieval', ...columns.map((c) => names[c]!), 'mean', 'p95']];
  for (const [name, s] of Object.entries(scores)) {
    rows.push([name, ...columns.map((c) => (c === 'ndcg10' || c === 'recall100' ? three(s[c]) : pct(s[c]))), ms(s.latencyMs.mean), ms(s.latencyMs.p95)]);
  }
  return table(rows);
}

export function formatAnswerEvaluation(e: AnswerEvaluation, minConfidence: number): string {
  const s = e.sitrep;
  const b = e.baseline;
  const rows = [['', 'Sitrep', 'BM25 baseline', 'difference']];
  for (const [label, get] of ANSWER_ROWS) rows.push([label, pct(get(s)), pct(get(b)), points(get(s), get(b))]);
  rows.push(['Marked span mean length (words)', s.spanMeanWords === null ? 'n/a' : s.spanMeanWords.toFixed(1), b.spanMeanWords === null ? 'n/a' : b.spanMeanWords.toFixed(1), '']);
  rows.push(['Answers citing an article newer than the as-of day', String(s.afterAsOf), String(b.afterAsOf), String(s.afterAsOf - b.afterAsOf)]);
  rows.push(['Latency mean', ms(s.latencyMs.mean), ms(b.latencyMs.mean), msDiff(s.latencyMs.mean, b.latencyMs.mean)]);
  rows.push(['Latency p95', ms(s.latencyMs.p95), ms(b.latencyMs.p95), msDiff(s.latencyMs.p95, b.latencyMs.p95)]);
  const open = e.sitrepNoAbstention;
  const c = e.confidence;
  return [
    `${e.dataset}: ${s.questions} questions (${s.answerable} answerable, ${s.unanswerable} unanswerable)`,
    buildLine(e.build),
    ...(e.readerModel ? [`Neural reader: ${e.readerModel} (READER_MODEL)`] : []),
    e.spanModel ? `Spans: learned (${e.spanModel}${e.spanModelHeldOut ? ', each question marked by the fold model that never saw its article' : ''})` : 'Spans: hand rules (SPAN_MODEL=none)',
    e.abstainModel ? `Confidence: learned answer/abstain model (${e.abstainModel}${e.spanModelHeldOut ? ', each question scored by the fold model that never saw its article' : ''})` : 'Confidence: hand-set (ABSTAIN_MODEL=none)',
    '',
    table(rows),
    '',
    `Sitrep with abstention off: answer accuracy ${pct(open.answerAccuracy)}, span ${pct(open.spanAccuracy)}, citation ${pct(open.citationAccuracy)}, overall ${pct(open.overall)}.`,
    `Confidence: ROC AUC answerable vs unanswerable ${c.auc === null ? 'n/a' : three(c.auc)}; ` +
      `the best threshold here, ${three(c.bestThreshold)}, would score ${pct(c.bestOverall)} overall (MIN_CONFIDENCE is ${minConfidence}).`,
    ...calibrationLines(c),
    ...kindLines(s, b),
    '',
    'Expected source among the retrieved passages (questions with a source):',
    retrievalTable(e.retrieval, ['top1', 'top5', 'top20']),
  ].join('\n');
}

/** The reliability table: does a confidence of 0.7 mean the quote answers 7 times in 10? */
function calibrationLines(c: ConfidenceDiagnostics): string[] {
  if (c.bins.length === 0 || c.ece === null) return [];
  const rows = [['Confidence', 'questions', 'mean confidence', 'quote answers']];
  for (const bin of c.bins) rows.push([`${bin.from.toFixed(1)}–${bin.to.toFixed(1)}`, String(bin.count), three(bin.meanConfidence), pct(bin.accuracy)]);
  return ['', `Calibration (abstention off): expected calibration error ${three(c.ece)}`, table(rows)];
}

/** Overall score per question kind, when the set names kinds. */
function kindLines(s: AnswerSummary, b: AnswerSummary): string[] {
  const kinds = Object.keys(s.byKind).sort();
  if (kinds.length === 0) return [];
  const rows = [['Per kind (right answer or right abstention)', 'questions', 'Sitrep', 'BM25 baseline']];
  for (const k of kinds) rows.push([k, String(s.byKind[k]!.questions), pct(s.byKind[k]!.overall), pct(b.byKind[k]?.overall ?? null)]);
  return ['', table(rows)];
}

/** Published SciFact figures (BEIR, Thakur et al. 2021, Tables 2 and 9). */
export const PUBLISHED_SCIFACT = [
  { name: 'BM25 (BEIR paper)', ndcg10: 0.665, recall100: 0.908 },
  { name: 'ColBERT (BEIR paper)', ndcg10: 0.671, recall100: null },
];

export function formatBeirEvaluation(e: BeirEvaluation): string {
  const lines = [`${e.dataset}`, buildLine(e.build), '', retrievalTable(e.retrieval, ['ndcg10', 'recall100', 'top1'])];
  if (/scifact/i.test(e.dataset)) {
    lines.push('', 'Published, SciFact test:');
    for (const p of PUBLISHED_SCIFACT) lines.push(`  ${p.name}: nDCG@10 ${three(p.ndcg10)}${p.recall100 !== null ? `, Recall@100 ${three(p.recall100)}` : ''}`);
  }
  const bm25 = e.retrieval['bm25'];
  const fused = e.retrieval['fused'];
  if (bm25 && fused) lines.push('', `Fused minus BM25: nDCG@10 ${(fused.ndcg10 - bm25.ndcg10 >= 0 ? '+' : '') + three(fused.ndcg10 - bm25.ndcg10)}, Recall@100 ${(fused.recall100 - bm25.recall100 >= 0 ? '+' : '') + three(fused.recall100 - bm25.recall100)}`);
  return lines.join('\n');
}
