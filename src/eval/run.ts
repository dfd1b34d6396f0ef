/**
 * The evaluations `npm run eval` runs: each builds a fresh index in a temporary folder, asks its
 * questions of Sitrep and of the BM25-only baseline in the same run, and returns every figure.
 */
import fs from 'node:fs';
import path from 'node:path';
import { buildIndex } from '../store/build.js';
import { openSitrep, type IndexSummary, type Sitrep } from '../sitrep.js';
import { confidenceDiagnostics, runQuestions, summarise, type AnswerSummary, type ConfidenceDiagnostics, type Outcome } from './answers.js';
import { readBeir, readQuestionFile, readSquad, type EvalQuestion } from './datasets.js';
import { evaluateRetrieval, type RetrievalQuery, type RetrievalScores } from './retrieval.js';
import { bm25System, sitrepSystem, type AnswerSystem } from './systems.js';
import { SPAN_FEATURES } from '../answer/span-features.js';
import { readSpanModel } from '../learn/span-model.js';
import { readAnswerabilityModel } from '../learn/answerability-model.js';
import { ANSWERABILITY_FEATURES } from '../answer/answerability.js';
import { foldOf } from '../learn/train.js';
import { PACKAGE_ROOT } from '../config.js';
import { copyCorpus, createWorkspace, locationKey, workspaceConfig, writeJsonlCorpus, type Workspace } from './workspace.js';

export interface EvalOptions {
  /** `EMBEDDING_MODEL` for the run (default: the configured one). */
  embedder?: string;
  /** Keep the temporary corpus and index (prints where). */
  keep?: boolean;
  /** Settings for this run over the environment's (e.g. a larger MAX_FILE_BYTES for big JSONL corpora). */
  env?: Record<string, string>;
  onProgress?: (label: string, done: number, total: number) => void;
  onWarning?: (message: string) => void;
}

export interface BuildFigures {
  embedder: string;
  articles: number;
  passages: number;
  skipped: number;
  seconds: number;
}

export interface AnswerEvaluation {
  kind: 'questions' | 'squad';
  dataset: string;
  build: BuildFigures;
  sitrep: AnswerSummary;
  baseline: AnswerSummary;
  /** Sitrep with abstention switched off (MIN_CONFIDENCE=0): how good its ranking is on its own. */
  sitrepNoAbstention: AnswerSummary;
  /** How well Sitrep's confidence separates answerable from unanswerable questions (from the no-abstention run). */
  confidence: ConfidenceDiagnostics;
  /** Retrieval of the expected source, per search mode (questions with an expected source only). */
  retrieval: Record<string, RetrievalScores>;
  /** Per-question outcomes of Sitrep (for --json). */
  outcomes: Outcome[];
  /** Sitrep's abstention threshold in this run, and its answer model (null: hand-set). */
  minConfidence: number;
  answerModel: string | null;
  /** The span model (null: the hand rules), and whether each question was marked by a fold model that never saw its article. */
  spanModel: string | null;
  spanModelHeldOut: boolean;
  /** The answer/abstain model's file (held out by fold on SQuAD, as the span model), or null for the hand-set confidence. */
  abstainModel: string | null;
  /** The neural reader's model (READER_MODEL), or null when there is none. */
  readerModel: string | null;
}

export interface BeirEvaluation {
  kind: 'beir';
  dataset: string;
  build: BuildFigures;
  retrieval: Record<string, RetrievalScores>;
}

interface Opened {
  sitrep: Sitrep;
  /** Same index, no query expansion: plain BM25 for the baseline. */
  plain: Sitrep;
  /** Same index, never abstains. */
  noAbstention: Sitrep;
  build: BuildFigures;
}

async function buildAndOpen(ws: Workspace, options: EvalOptions): Promise<Opened> {
  const env = { ...options.env, ...(options.embedder ? { EMBEDDING_MODEL: options.embedder } : {}) };
  const config = workspaceConfig(ws, env);
  const summary: IndexSummary = await buildIndex(config, {
    onProgress: (done, total) => options.onProgress?.('index', done, total),
    onWarning: (s) => options.onWarning?.(`skipped ${s.file}${s.line ? `:${s.line}` : ''}: ${s.reason}`),
  });
  const sitrep = await openSitrep(config);
  // The baseline only searches: it never needs the neural reader (an empty READER_MODEL is unset).
  const plain = await openSitrep(workspaceConfig(ws, { ...env, QUERY_EXPANSION: 'false', READER_MODEL: '' }));
  const noAbstention = await openSitrep(workspaceConfig(ws, { ...env, MIN_CONFIDENCE: '0' }));
  return {
    sitrep,
    plain,
    noAbstention,
    build: {
      embedder: sitrep.info().embedder,
      articles: summary.articles,
      passages: summary.passages,
      skipped: summary.skipped.length,
      seconds: summary.seconds,
    },
  };
}

/**
 * Sitrep with and without abstention, each question asked of the Sitrep whose span model is the fold
 * model trained without the question's article (`foldOf` of its title, as in training).
 */
async function heldOutSpanSystems(ws: Workspace, options: EvalOptions, questions: EvalQuestion[]): Promise<{ sitrep: AnswerSystem; open: AnswerSystem }> {
  const env = { ...options.env, ...(options.embedder ? { EMBEDDING_MODEL: options.embedder } : {}) };
  const config = workspaceConfig(ws, env);
  const spanFolds = config.SPAN_MODEL === 'none' ? null : readSpanModel(path.resolve(PACKAGE_ROOT, config.SPAN_MODEL), SPAN_FEATURES).folds.length;
  const abstainFolds = config.ABSTAIN_MODEL === 'none' ? null : readAnswerabilityModel(path.resolve(PACKAGE_ROOT, config.ABSTAIN_MODEL), ANSWERABILITY_FEATURES).folds.length;
  if (spanFolds !== null && abstainFolds !== null && spanFolds !== abstainFolds) {
    throw new Error(`The span model has ${spanFolds} folds and the answerability model ${abstainFolds}: retrain one so that both fold the same articles.`);
  }
  const folds = spanFolds ?? abstainFolds ?? 1;
  const foldOfId = new Map(questions.map((q) => [q.id, foldOf(q.article ?? q.id, folds)]));
  const foldSettings = (k: number): Record<string, string> => ({
    ...(spanFolds !== null ? { SPAN_MODEL_FOLD: String(k) } : {}),
    ...(abstainFolds !== null ? { ABSTAIN_MODEL_FOLD: String(k) } : {}),
  });
  const systems = async (extra: Record<string, string>) => {
    const byFold: AnswerSystem[] = [];
    for (let k = 0; k < folds; k++) byFold.push(sitrepSystem(await openSitrep(workspaceConfig(ws, { ...env, ...extra, ...foldSettings(k) }))));
    const system: AnswerSystem = (question, asOf, id) => byFold[foldOfId.get(id ?? '') ?? 0]!(question, asOf, id);
    return system;
  };
  return { sitrep: await systems({}), open: await systems({ MIN_CONFIDENCE: '0' }) };
}

/** Retrieval modes compared everywhere: BM25 alone, Sitrep's lexical half (with expansion), vectors, fusion. */
function retrievalSystems(o: Opened) {
  return [
    { name: 'bm25', searcher: o.plain, mode: 'lexical' as const },
    { name: 'lexical+expansion', searcher: o.sitrep, mode: 'lexical' as const },
    { name: 'vector', searcher: o.sitrep, mode: 'vector' as const },
    { name: 'fused', searcher: o.sitrep, mode: 'fused' as const },
  ];
}

async function evaluateAnswers(
  kind: AnswerEvaluation['kind'],
  dataset: string,
  ws: Workspace,
  questions: EvalQuestion[],
  options: EvalOptions,
): Promise<AnswerEvaluation> {
  const opened = await buildAndOpen(ws, options);
  const progress = (label: string) => (done: number, total: number) => options.onProgress?.(label, done, total);
  // SQuAD dev is what the span model learnt from: each question is marked by a fold model that never saw its article.
  const info = opened.sitrep.info();
  const folded = kind === 'squad' && (info.spanModel !== null || info.abstainModel !== null) ? await heldOutSpanSystems(ws, options, questions) : null;
  const sitrep = await runQuestions(questions, folded?.sitrep ?? sitrepSystem(opened.sitrep), progress('sitrep'));
  const baseline = await runQuestions(questions, bm25System(opened.plain), progress('bm25 baseline'));
  const open = await runQuestions(questions, folded?.open ?? sitrepSystem(opened.noAbstention), progress('no abstention'));
  // Expected sources are corpus locations; retrieval judges them as documents.
  const located = questions.filter((q) => q.source !== null);
  const judged: RetrievalQuery[] = located.map((q) => ({ id: q.id, text: q.question, judgements: new Map([[q.source!, 1]]), asOf: q.asOf }));
  const retrieval: Record<string, RetrievalScores> = {};
  for (const system of retrievalSystems(opened)) {
    retrieval[system.name] = await evaluateRetrieval(system, judged, (h) => locationKey(h.file, h.line), { passages: 100, depth: 20 });
  }
  return {
    kind,
    dataset,
    build: opened.build,
    sitrep: summarise(sitrep),
    baseline: summarise(baseline),
    sitrepNoAbstention: summarise(open),
    confidence: confidenceDiagnostics(open),
    retrieval,
    outcomes: sitrep,
    minConfidence: opened.sitrep.info().minConfidence,
    answerModel: opened.sitrep.info().answerModel,
    spanModel: opened.sitrep.info().spanModel,
    spanModelHeldOut: folded !== null,
    abstainModel: info.abstainModel,
    readerModel: opened.sitrep.info().readerModel,
  };
}

/**
 * A question file against corpus folders. The first folder's files sit at the corpus root (expected
 * sources name them as they are); each further folder is copied into a subfolder of its own name.
 */
export async function evaluateQuestionFile(questionFile: string, corpusDirs: string[], options: EvalOptions = {}): Promise<AnswerEvaluation> {
  const questions = readQuestionFile(questionFile);
  const ws = createWorkspace();
  try {
    corpusDirs.forEach((dir, i) => copyCorpus(dir, i === 0 ? ws.corpusDir : path.join(ws.corpusDir, path.basename(dir))));
    return await evaluateAnswers('questions', questionFile, ws, questions, options);
  } finally {
    finish(ws, options);
  }
}

/** Picks `limit` questions spread evenly over the set (every n-th), so a sample covers every article. */
export function spreadSample<T>(items: T[], limit: number | undefined): T[] {
  if (limit === undefined || limit >= items.length) return items;
  const step = items.length / limit;
  return Array.from({ length: limit }, (_, i) => items[Math.floor(i * step)]!);
}

/** SQuAD v1.1/v2.0: every paragraph one article of one corpus, every question asked of the whole. */
export async function evaluateSquad(file: string, limit: number | undefined, options: EvalOptions = {}): Promise<AnswerEvaluation> {
  const set = readSquad(file);
  const ws = createWorkspace();
  try {
    const docAt = writeJsonlCorpus(ws.corpusDir, set.documents);
    const locationOf = new Map([...docAt].map(([loc, id]) => [id, loc]));
    const questions = spreadSample(set.questions, limit).map((q) => ({ ...q, source: q.source !== null ? locationOf.get(q.source) ?? null : null }));
    return await evaluateAnswers('squad', `${path.basename(file)} (SQuAD ${set.version}, ${questions.length} of ${set.questions.length} questions)`, ws, questions, options);
  } finally {
    finish(ws, options);
  }
}

/** A BEIR folder: nDCG@10 and Recall@100 of each search mode over the judged queries of `split`. */
export async function evaluateBeir(folder: string, options: EvalOptions & { split?: string; limit?: number } = {}): Promise<BeirEvaluation> {
  const set = readBeir(folder, options.split);
  const ws = createWorkspace();
  try {
    const docAt = writeJsonlCorpus(ws.corpusDir, set.documents);
    const opened = await buildAndOpen(ws, options);
    const queries = spreadSample(set.queries, options.limit).map((q) => ({ id: q.id, text: q.text, judgements: set.qrels.get(q.id)! }));
    const retrieval: Record<string, RetrievalScores> = {};
    for (const system of retrievalSystems(opened)) {
      options.onProgress?.(system.name, 0, queries.length);
      retrieval[system.name] = await evaluateRetrieval(system, queries, (h) => docAt.get(locationKey(h.file, h.line)) ?? `?${h.file}`, {
        passages: 1000,
        depth: 100,
      });
    }
    return { kind: 'beir', dataset: `${folder} (${queries.length} queries, ${set.documents.length} documents)`, build: opened.build, retrieval };
  } finally {
    finish(ws, options);
  }
}

function finish(ws: Workspace, options: EvalOptions): void {
  if (options.keep) options.onWarning?.(`kept the evaluation corpus and index in ${ws.root}`);
  else ws.dispose();
}

/** Writes figures as JSON, creating the folder. */
export function writeJson(file: string, value: unknown): void {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}
