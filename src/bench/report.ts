/** The benchmark's table, and the goals at 100k passages checked against the figures. */
import { table } from '../eval/report.js';
import type { SizeResult } from './run.js';

const f1 = (x: number) => x.toFixed(1);
const f2 = (x: number) => x.toFixed(2);
const int = (x: number) => Math.round(x).toLocaleString('en-US');
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export function formatBench(results: SizeResult[]): string {
  const rows = [['', ...results.map((r) => `${int(r.build.passages)} passages`)]];
  const row = (label: string, get: (r: SizeResult) => string) => rows.push([label, ...results.map(get)]);
  row('articles', (r) => int(r.articles));
  row('build rate (passages/s, whole build)', (r) => int(r.buildRate));
  row('  build time (s)', (r) => f1(r.build.buildSeconds));
  row('  embedding rate (passages/s)', (r) => int(r.embedRate));
  row('  embed / graph / rest (s)', (r) => `${f1(r.build.embedSeconds)} / ${f1(r.build.graphSeconds)} / ${f1(r.build.restSeconds)}`);
  row('  incident reports, before embedding (s, share of build)', (r) => `${f1(r.build.incidentSeconds)} (${f1((100 * r.build.incidentSeconds) / r.build.buildSeconds)}%)`);
  row('  embedder load (s)', (r) => f2(r.build.embedderLoadSeconds));
  const written = (b: number | null) => (b === null ? 'n/a' : mb(b));
  row('add one article: re-index (s) / written / peak RSS (MiB)', (r) => `${f2(r.add.seconds)} / ${written(r.add.bytesWritten)} / ${int(r.add.peakRssMiB)}`);
  row('  share of the full build', (r) => `${f1((100 * r.add.seconds) / r.build.buildSeconds)}%`);
  row('remove it: re-index (s) / written / peak RSS (MiB)', (r) => `${f2(r.remove.seconds)} / ${written(r.remove.bytesWritten)} / ${int(r.remove.peakRssMiB)}`);
  row('question → answer p50 (ms)', (r) => f1(r.serve.latencyMs.p50));
  row('question → answer p95 (ms)', (r) => f1(r.serve.latencyMs.p95));
  row('question → answer p99 (ms)', (r) => f1(r.serve.latencyMs.p99));
  row('  as of its article\'s day: p50 / p95 (ms)', (r) => `${f1(r.serve.asOfLatencyMs.p50)} / ${f1(r.serve.asOfLatencyMs.p95)}`);
  row('  questions timed', (r) => int(r.serve.questions));
  row('  answer holds the generated fact', (r) => `${f1(100 * r.serve.accuracy)}%`);
  for (const ef of [...new Set(results.flatMap((r) => r.serve.recall.map((x) => x.efSearch)))]) {
    row(`HNSW recall@10, efSearch ${ef}`, (r) => {
      const x = r.serve.recall.find((y) => y.efSearch === ef);
      return x ? `${x.recall10.toFixed(4)} (${f2(x.hnswMsPerQuery)} ms)` : '';
    });
  }
  row('exact search (ms/query)', (r) => f2(r.serve.exactMsPerQuery));
  row('HNSW speed-up over exact (configured ef)', (r) => `${f1(r.serve.exactMsPerQuery / r.configured.hnswMsPerQuery)}×`);
  row('index size on disk', (r) => mb(r.build.indexBytes));
  row('load saved index (openSitrep, s)', (r) => f2(r.serve.loadSeconds));
  row('peak RSS, build (MiB)', (r) => int(r.build.peakRssMiB));
  row('peak RSS, load + answer (MiB)', (r) => int(r.serve.peakRssMiB));
  return table(rows);
}

/** The goals of issue "Evaluation and benchmarks", at 100k passages with the default embedder. */
export function checkGoals(r: SizeResult): string[] {
  const goal = (ok: boolean, text: string) => `${ok ? 'met   ' : 'MISSED'}  ${text}`;
  const speedup = r.serve.exactMsPerQuery / r.configured.hnswMsPerQuery;
  return [
    goal(r.serve.latencyMs.p95 < 15, `p95 question → answer < 15 ms: ${f1(r.serve.latencyMs.p95)} ms`),
    goal(
      Math.max(r.serve.latencyMs.p95, r.serve.asOfLatencyMs.p95) <= 20,
      `p95 question → answer ≤ 20 ms, as of today and as of a past day: ${f1(r.serve.latencyMs.p95)} / ${f1(r.serve.asOfLatencyMs.p95)} ms`,
    ),
    goal(r.configured.recall10 >= 0.99 && speedup >= 20, `recall@10 ≥ 0.99 at ≥ 20× exact: ${r.configured.recall10.toFixed(4)} at ${f1(speedup)}×`),
    goal(r.buildRate >= 2000, `build ≥ 2,000 passages/s: ${int(r.buildRate)}`),
    goal(r.serve.loadSeconds < 3, `load a saved index < 3 s: ${f2(r.serve.loadSeconds)} s`),
    goal(Math.max(r.build.peakRssMiB, r.serve.peakRssMiB) < 1024, `peak RSS < 1 GB (taken as 1,024 MiB): build ${int(r.build.peakRssMiB)} MiB, serve ${int(r.serve.peakRssMiB)} MiB`),
  ];
}
