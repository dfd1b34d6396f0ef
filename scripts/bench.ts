/**
 * `npm run bench`: build rate, question → answer latency, HNSW recall against exact search, index
 * size, load time and peak RSS on deterministic synthetic corpora.
 *
 *   npm run bench                                   1k, 10k and 100k passages, GloVe (the default)
 *   npm run bench -- --sizes 1000,10000 --questions 2000 --json bench.json
 *   npm run bench -- --embedder transformers --model /path/to/model --sizes 1000
 *   npm run bench -- --sizes 10000 --adds 2000 --add-batches 5
 *   npm run bench -- --corpus ../shared/eval/real-news --questions-file test/fixtures/eval/real-news-questions.jsonl
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { checkGoals, formatBench } from '../src/bench/report.js';
import { runBench } from '../src/bench/run.js';
import { writeJson } from '../src/eval/run.js';
import { runMain } from './cli.js';

await runMain(async () => {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: '1000,10000,100000' },
      questions: { type: 'string', default: '1000' },
      warmup: { type: 'string', default: '20' },
      ef: { type: 'string', default: '10,50,100,200' },
      embedder: { type: 'string', default: 'glove' },
      model: { type: 'string' },
      json: { type: 'string' },
      keep: { type: 'boolean', default: false },
      adds: { type: 'string' },
      'add-batches': { type: 'string', default: '10' },
      corpus: { type: 'string' },
      'questions-file': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log('Usage: npm run bench -- [--sizes 1000,10000,100000] [--questions 1000] [--ef 10,50,100,200]\n' +
      '                         [--embedder glove|transformers --model FOLDER] [--json OUT] [--keep]\n' +
      '                         [--adds N (passages added incrementally before recall is measured again; default size/10, at most 10000; 0 skips)]\n' +
      '                         [--add-batches 10 (incremental builds they are added in)]\n' +
      '                         [--corpus DIR --questions-file FILE (a copy of a corpus folder instead of the synthetic sizes,\n' +
      '                          timed on the answerable questions of an eval question file, each also asked as of its asOf day)]');
    return 0;
  }
  const numbers = (s: string, what: string) =>
    s.split(',').map((x) => {
      const n = Number(x.replace(/k$/i, '000'));
      if (!Number.isInteger(n) || n <= 0) throw new Error(`--${what}: expected positive integers, got "${x}"`);
      return n;
    });
  let model = 'glove';
  if (values.embedder === 'transformers') {
    if (!values.model) throw new Error('--embedder transformers needs --model <model folder or id>');
    model = values.model;
  } else if (values.embedder !== 'glove') {
    model = values.embedder;
  }
  if ((values.corpus === undefined) !== (values['questions-file'] === undefined)) throw new Error('--corpus and --questions-file go together');
  const started = Date.now();
  const results = await runBench({
    sizes: numbers(values.sizes, 'sizes'),
    questions: numbers(values.questions, 'questions')[0]!,
    warmup: Number(values.warmup),
    efSearch: numbers(values.ef, 'ef'),
    env: { EMBEDDING_MODEL: model },
    keep: values.keep,
    ...(values.adds !== undefined ? { adds: values.adds === '0' ? 0 : numbers(values.adds, 'adds')[0]! } : {}),
    addBatches: numbers(values['add-batches'], 'add-batches')[0]!,
    ...(values.corpus && values['questions-file'] ? { corpus: { dir: values.corpus, questionsFile: values['questions-file'] } } : {}),
    log: (line) => console.error(line),
  });
  const machine = `${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.versions.node}`;
  console.log(`Sitrep benchmark, embedder ${model} — ${machine}\n`);
  console.log(formatBench(results));
  const largest = results.find((r) => r.size >= 100_000);
  if (largest && model === 'glove') console.log(`\nGoals at ${largest.build.passages.toLocaleString('en-US')} passages:\n${checkGoals(largest).join('\n')}`);
  console.log(`\n(${((Date.now() - started) / 1000).toFixed(0)} s in all)`);
  if (values.json) {
    writeJson(values.json, { machine, embedder: model, command: process.argv.slice(2), results, finishedAt: new Date().toISOString() });
    console.log(`Figures written to ${values.json}.`);
  }
  return 0;
});
