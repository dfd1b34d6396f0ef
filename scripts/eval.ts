/**
 * `npm run eval`: answer quality of Sitrep against the BM25-only baseline, and retrieval quality.
 *
 *   npm run eval                                     fixture questions (seed article + synthetic distractors)
 *   npm run eval -- --questions q.jsonl --corpus dir [--corpus dir2 …]
 *   npm run eval -- --real-news [dir]                  Sitrep's dated real-news questions over ../shared/eval/real-news
 *   npm run eval -- --squad ../shared/eval/squad-v2.0-dev.json [--limit 2000]
 *   npm run eval -- --beir ../shared/eval/beir-scifact [--split test]
 *   npm run eval -- --incidents [--labels FILE] [--corpus dir]  incident extraction against hand labels of real news
 *   common: --embedder glove|<model id or folder>  --json out.json  --keep
 *   any setting as an environment variable, e.g. READER_MODEL=<QA model id or folder> npm run eval (the neural reader)
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { evaluateBeir, evaluateQuestionFile, evaluateSquad, writeJson, type AnswerEvaluation, type EvalOptions } from '../src/eval/run.js';
import { formatAnswerEvaluation, formatBeirEvaluation } from '../src/eval/report.js';
import { evaluateIncidents, formatIncidentSpeed } from '../src/eval/incidents.js';
import { formatIncidentScores } from '../src/eval/incident-report.js';
import { reportFilterFor, sentenceModelFor } from '../src/incidents/report-filter-config.js';
import { runMain } from './cli.js';

const FIXTURE_QUESTIONS = 'test/fixtures/eval/questions.jsonl';
const FIXTURE_CORPORA = ['corpus', 'test/fixtures/eval/distractors'];
/** SQuAD questions asked by default: an even spread that runs in about a minute here. */
const DEFAULT_SQUAD_LIMIT = 2000;
const REAL_NEWS_QUESTIONS = 'test/fixtures/eval/real-news-questions.jsonl';
const REAL_NEWS_CORPUS = '../shared/eval/real-news';
const INCIDENT_LABELS = 'test/fixtures/eval/incidents.jsonl';
/** Its JSONL files run to 12 MB, over the 5 MB default meant for a folder of single articles. */
const REAL_NEWS_MAX_FILE_BYTES = String(64 * 1024 * 1024);

await runMain(async () => {
  const { values } = parseArgs({
    options: {
      questions: { type: 'string' },
      'real-news': { type: 'boolean', default: false },
      incidents: { type: 'boolean', default: false },
      labels: { type: 'string' },
      corpus: { type: 'string', multiple: true },
      squad: { type: 'string' },
      beir: { type: 'string' },
      split: { type: 'string', default: 'test' },
      limit: { type: 'string' },
      embedder: { type: 'string' },
      json: { type: 'string' },
      keep: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(
      'Usage: npm run eval -- [--questions FILE --corpus DIR…] [--real-news [--corpus DIR]] [--squad FILE [--limit N|all]] [--beir DIR [--split test]]\n' +
        '                        [--incidents [--labels FILE] [--corpus DIR]]\n' +
        '                        [--embedder glove|MODEL] [--json OUT] [--keep]',
    );
    return 0;
  }
  const config = loadConfig(); // a bad setting fails here, before any index is built
  const started = Date.now();
  if (values.incidents) {
    // No index is built: extraction reads the articles alone.
    const reportFilter = reportFilterFor(config.INCIDENT_REPORT_MODEL);
    const sentenceModel = sentenceModelFor(config.INCIDENT_SENTENCE_MODEL);
    // Printed only when one is asked for, so that the rules' output reads as before.
    if (sentenceModel) console.log(`Sentence model: ${config.INCIDENT_SENTENCE_MODEL} (threshold ${sentenceModel.threshold})`);
    console.log(`Report filter: ${reportFilter ? `${config.INCIDENT_REPORT_MODEL} (threshold ${reportFilter.threshold})` : 'none (the rules alone)'}\n`);
    const result = evaluateIncidents(values.labels ?? INCIDENT_LABELS, values.corpus?.[0] ?? REAL_NEWS_CORPUS, reportFilter, sentenceModel);
    console.log(formatIncidentScores(result.scores));
    console.log(`\n${formatIncidentSpeed(result.speed)}`);
    console.log(`\n(${((Date.now() - started) / 1000).toFixed(0)} s on ${process.platform}, Node ${process.versions.node})`);
    if (values.json) {
      writeJson(values.json, { ...result, command: process.argv.slice(2), node: process.versions.node, finishedAt: new Date().toISOString() });
      console.log(`Figures written to ${values.json}.`);
    }
    return 0;
  }
  const options: EvalOptions = {
    embedder: values.embedder,
    keep: values.keep,
    onProgress: (label, done, total) => {
      if (process.stderr.isTTY) process.stderr.write(`\r${label}: ${done}/${total}   `);
    },
    onWarning: (m) => console.error(`\nwarning: ${m}`),
  };
  const limit = values.limit === undefined ? undefined : values.limit === 'all' ? Infinity : Number(values.limit);
  if (limit !== undefined && !(limit > 0)) throw new Error(`--limit: expected a positive number or "all", got ${values.limit}`);

  let result: AnswerEvaluation | Awaited<ReturnType<typeof evaluateBeir>>;
  if (values.beir) {
    result = await evaluateBeir(values.beir, { ...options, split: values.split, limit: Number.isFinite(limit) ? limit : undefined });
  } else if (values.squad) {
    const n = limit === undefined ? DEFAULT_SQUAD_LIMIT : Number.isFinite(limit) ? limit : undefined;
    result = await evaluateSquad(values.squad, n, options);
  } else if (values['real-news']) {
    const env = { MAX_FILE_BYTES: process.env.MAX_FILE_BYTES ?? REAL_NEWS_MAX_FILE_BYTES };
    result = await evaluateQuestionFile(values.questions ?? REAL_NEWS_QUESTIONS, values.corpus ?? [REAL_NEWS_CORPUS], { ...options, env });
  } else {
    result = await evaluateQuestionFile(values.questions ?? FIXTURE_QUESTIONS, values.corpus ?? FIXTURE_CORPORA, options);
  }
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
  console.log(result.kind === 'beir' ? formatBeirEvaluation(result) : formatAnswerEvaluation(result, result.minConfidence));
  console.log(`\n(${((Date.now() - started) / 1000).toFixed(0)} s on ${process.platform}, Node ${process.versions.node})`);
  if (values.json) {
    writeJson(values.json, { ...result, command: process.argv.slice(2), node: process.versions.node, finishedAt: new Date().toISOString() });
    console.log(`Figures written to ${values.json}.`);
  }
  return 0;
});
