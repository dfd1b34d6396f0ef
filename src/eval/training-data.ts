/**
 * Training data for the answer model: SQuAD questions asked of an index of their paragraphs, each
 * candidate sentence of the hand-set ranking with its features and whether it holds a gold answer.
 * Every question keeps its article, so that folds never split one.
 */
import { buildIndex } from '../store/build.js';
import { openSitrep } from '../sitrep.js';
import { readSquad } from './datasets.js';
import { containsAnyAnswer } from './normalise.js';
import { createWorkspace, workspaceConfig, writeJsonlCorpus } from './workspace.js';

export interface TrainingQuestion {
  id: string;
  /** `<dataset>/<article title>`: the unit of a fold. */
  article: string;
  answerable: boolean;
  rows: number[][];
  /** 1 where the candidate sentence holds a gold answer. */
  labels: number[];
}

/** Asks every question of each SQuAD file (hand-set ranking, no abstention) and labels its candidates. */
export async function squadCandidates(files: readonly string[], onProgress?: (label: string, done: number, total: number) => void): Promise<TrainingQuestion[]> {
  const out: TrainingQuestion[] = [];
  for (const file of files) {
    const set = readSquad(file);
    const ws = createWorkspace('sitrep-train-');
    try {
      writeJsonlCorpus(ws.corpusDir, set.documents);
      const config = workspaceConfig(ws, { ANSWER_MODEL: 'none', MIN_CONFIDENCE: '0' });
      await buildIndex(config, {});
      const sitrep = await openSitrep(config);
      let done = 0;
      for (const q of set.questions) {
        const { texts, rows } = await sitrep.candidates(q.question);
        out.push({
          id: q.id,
          // v2.0 dev's articles are all inside v1.1 dev: the title alone keeps one article on one side.
          article: q.article ?? q.id,
          answerable: q.answerable,
          rows,
          labels: texts.map((t) => (q.answerable && containsAnyAnswer(t, q.answers) ? 1 : 0)),
        });
        if (++done % 500 === 0 || done === set.questions.length) onProgress?.(file, done, set.questions.length);
      }
    } finally {
      ws.dispose();
    }
  }
  return out;
}
