/** The benchmark's table, and the issue's goals at 100k passages checked against the figures. */
import { table } from '../eval/report.js';
import type { SizeResult } from './run.js';

const f1 = (x: number) => x.toFixed(1);
const f2 = (x: number) => x.toFixed(2);
const int = (x: number) => Math.round(x).toLocaleString('en-US');
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export function formatBench(results: SizeResult[]): string {
  const rows = [['', ...results.map((r) => `${r.corpus ? `${r.corpus}: ` : ''}${int(r.build.passages)} passages`)]];
  const row = (label: string, get: (r: SizeResult) => string) => rows.push([label, ...results.map(get)]);
  row('articles', (r) => int(r.articles));
  row('build rate (passages/s, whole build)', (r) => int(r.buildRate));
  row('  build time (s)', (r) => f1(r.build.buildSeconds));
  row('  embedding rate (passages/s)', (r) => int(r.embedRate));
  row('  embed / graph / rest (s)', (r) => `${f1(r.build.embedSeconds)} / ${f1(r.build.graphSeconds)} / ${f1(r.build.restSeconds)}`);
  row('  incident reports, the build waiting for them (s, share of build)', (r) => `${f1(r.build.incidentSeconds)} (${f1((100 * r.build.incidentSeconds) / r.build.buildSeconds)}%)`);
  row('    read in a thread beside the embedding and the graphs, start to end (s)', (r) => (r.build.incidentThreadSeconds === null ? 'no (read before it)' : f1(r.build.incidentThreadSeconds)));
  row('  embedder load (s)', (r) => f2(r.build.embedderLoadSeconds));
  const written = (b: number | null) => (b === null ? 'n/a' : mb(b));
  row('add one article: re-index (s) / written / peak RSS (MiB)', (r) => `${f2(r.add.seconds)} / ${written(r.add.bytesWritten)} / ${int(r.add.peakRssMiB)}`);
  row('  share of the full build', (r) => `${f1((100 * r.add.seconds) / r.build.buildSeconds)}%`);
  row('remove it (npm run remove): total (s) / written / peak RSS (MiB)', (r) => `${f2(r.remove.seconds)} / ${written(r.remove.bytesWritten)} / ${int(r.remove.peakRssMiB)}`);
  row('  of which taking it out of the corpus (s)', (r) => f2(r.remove.removeSeconds));
  const s = (x: number | null) => (x === null ? 'not answered' : f1(x));
  row('bot in another process: add → first answer citing it (s)', (r) => s(r.bot.addToAnswerSeconds));
  row('  the add (s; of which reading the corpus catalog and writing) / publish → answer (s)', (r) =>
    `${f1(r.bot.add.seconds)} (${r.bot.add.corpusSeconds === undefined ? '?' : f1(r.bot.add.corpusSeconds)}) / ${s(r.bot.publishToAnswerSeconds)}`,
  );
  row('  slowest answer while it waited (ms)', (r) => f1(r.bot.watcher.slowestAnswerMs));
  const orNone = (x: number | null | undefined) => (x === null || x === undefined ? 'no swap' : f1(x));
  row('  the swap: its time / longest event-loop stall during it (ms)', (r) => `${orNone(r.bot.watcher.swapMs)} / ${orNone(r.bot.watcher.swapStallMs)}`);
  row('  longest event-loop stall while it waited, answers included (ms)', (r) => f1(r.bot.watcher.longestStallMs));
  row('  the first answer from the new index (ms)', (r) => orNone(r.bot.watcher.firstAnswerAfterSwapMs));
  row('incremental adds before the recall below (passages / builds)', (r) => (r.adds ? `${int(r.adds.passages - r.adds.basePassages)} / ${r.adds.builds}` : 'skipped'));
  row('  on a whole build of (passages)', (r) => (r.adds ? int(r.adds.basePassages) : ''));
  row('  the builds: total / slowest (s)', (r) => (r.adds ? `${f1(r.adds.addSeconds)} / ${f2(r.adds.slowestAddSeconds)}` : ''));
  for (const ef of [...new Set(results.flatMap((r) => r.adds?.recall.map((x) => x.efSearch) ?? []))]) {
    row(`  recall@10 after them, efSearch ${ef}`, (r) => {
      const x = r.adds?.recall.find((y) => y.efSearch === ef);
      return x ? x.recall10.toFixed(4) : '';
    });
  }
  row('question → answer p50 (ms)', (r) => f1(r.serve.latencyMs.p50));
  row('question → answer p95 (ms)', (r) => f1(r.serve.latencyMs.p95));
  row('question → answer p99 (ms)', (r) => f1(r.serve.latencyMs.p99));
  row('  as of its article\'s day: p50 / p95 (ms)', (r) => `${f1(r.serve.asOfLatencyMs.p50)} / ${f1(r.serve.asOfLatencyMs.p95)}`);
  row('  questions timed', (r) => int(r.serve.questions));
  row('  answer holds the question\'s answer: as of today / as of its day', (r) => `${f1(100 * r.serve.accuracy)}% / ${f1(100 * (r.serve.asOfAccuracy ?? 0))}%`);
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

const configuredAfterAdds = (r: SizeResult) => r.adds?.recall.find((x) => x.efSearch === r.adds!.configuredEfSearch)?.recall10 ?? 0;

/** The goals of issues "Evaluation and benchmarks" and "A live corpus at scale", at 100k passages with the default embedder. */
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
    ...(r.adds
      ? [goal(configuredAfterAdds(r) >= 0.99, `recall@10 ≥ 0.99 after ${int(r.adds.passages - r.adds.basePassages)} incremental adds: ${configuredAfterAdds(r).toFixed(4)}`)]
      : []),
    goal(r.bot.addToAnswerSeconds !== null && r.bot.publishToAnswerSeconds! <= 5, `a running bot answers from a new article within 5 s of its publication: ${r.bot.publishToAnswerSeconds === null ? 'never' : `${f1(r.bot.publishToAnswerSeconds)} s`}`),
    goal(r.bot.watcher.swapStallMs !== null && r.bot.watcher.swapStallMs !== undefined && r.bot.watcher.swapStallMs <= 50, `a running bot's swap holds its event loop ≤ 50 ms: ${r.bot.watcher.swapStallMs == null ? 'no swap' : `${f1(r.bot.watcher.swapStallMs)} ms`}`),
    goal(r.serve.loadSeconds < 3, `load a saved index < 3 s: ${f2(r.serve.loadSeconds)} s`),
    goal(Math.max(r.build.peakRssMiB, r.serve.peakRssMiB) < 1024, `peak RSS < 1 GB (taken as 1,024 MiB): build ${int(r.build.peakRssMiB)} MiB, serve ${int(r.serve.peakRssMiB)} MiB`),
  ];
}
