/**
 * The benchmark corpus: invented incident reports (see `eval/synthetic.ts`) written as JSONL until
 * they make the wanted number of passages, with questions drawn from their facts. Deterministic:
 * the same size and seed always give the same files and questions.
 */
import { chunkArticle } from '../corpus/index.js';
import { DEFAULT_CHUNK_OPTIONS, type ChunkOptions } from '../corpus/chunk.js';
import { Random, articleParagraphs, headline, incidentQuestions, makeIncident } from '../eval/synthetic.js';
import { writeJsonlCorpus } from '../eval/workspace.js';
import type { EvalDocument } from '../eval/datasets.js';

export const BENCH_SOURCE = 'Synthetic (benchmark)';

const SUBJECTS = ['Residents', 'Witnesses', 'Analysts', 'Diplomats', 'Aid workers', 'Local journalists', 'Farmers', 'Traders', 'Teachers', 'Doctors'];
const VERBS = ['described', 'reported', 'feared', 'recalled', 'questioned', 'documented', 'criticised', 'welcomed', 'warned about', 'counted'];
const OBJECTS = ['shortages of fuel', 'night-time curfews', 'long queues at checkpoints', 'damaged roads', 'closed schools', 'power cuts', 'rising bread prices', 'empty markets', 'crowded shelters', 'delayed convoys'];
const PLACES = ['in the old quarter', 'along the river', 'near the market', 'on the coastal road', 'in nearby villages', 'around the airport', 'across the valley', 'in the hills'];
const TIMES = ['for weeks', 'since the summer', 'after the latest clashes', 'over the winter', 'during the harvest', 'before the elections'];

/** A sentence of colour, so passages differ in more than the facts. */
function colour(rng: Random): string {
  return `${rng.pick(SUBJECTS)} ${rng.pick(VERBS)} ${rng.pick(OBJECTS)} ${rng.pick(PLACES)} ${rng.pick(TIMES)}.`;
}

export interface BenchQuestion {
  question: string;
  answers: string[];
  /** Publication day of the article it is about: the as-of day of the as-of latency run. */
  published?: string;
}

export interface BenchCorpus {
  articles: number;
  /** Passages the chunker makes of them with `chunking` (the index counts them again). */
  passages: number;
  questions: BenchQuestion[];
}

/**
 * Writes articles into `dir` until they hold `passages` passages, and draws `questionCount` questions
 * spread over the articles.
 */
export function writeBenchCorpus(
  dir: string,
  passages: number,
  questionCount: number,
  options: { seed?: number; chunking?: ChunkOptions } = {},
): BenchCorpus {
  const rng = new Random(options.seed ?? 17);
  const chunking = options.chunking ?? DEFAULT_CHUNK_OPTIONS;
  const pool: BenchQuestion[][] = [];
  let made = 0;
  let articles = 0;
  function* documents(): Generator<EvalDocument & { source: string; published: string }> {
    while (made < passages) {
      const incident = makeIncident(rng);
      const paragraphs = articleParagraphs(incident, rng).map((p) => (rng.chance(0.6) ? `${p} ${colour(rng)}` : p));
      const text = paragraphs.join('\n\n');
      const id = `bench-${articles + 1}`;
      made += chunkArticle({ id, file: '', title: '', text }, chunking).length;
      articles++;
      pool.push(incidentQuestions(incident).map((q) => ({ ...q, published: incident.published })));
      yield { id, title: headline(incident), text, source: BENCH_SOURCE, published: incident.published };
    }
  }
  writeJsonlCorpus(dir, documents());
  const questions: BenchQuestion[] = [];
  for (let i = 0; questions.length < questionCount; i++) {
    const article = pool[Math.floor((i * 7919) % pool.length)]!;
    questions.push(article[i % article.length]!);
  }
  return { articles, passages: made, questions };
}
