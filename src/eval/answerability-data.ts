/**
 * Training data for the answer/abstain model: every SQuAD question asked of an index of its set's
 * paragraphs (hand-set ranking, no abstention), one row of ANSWERABILITY_FEATURES per question,
 * labelled 1 when the quoted (first) sentence holds a gold answer. The span score comes from the span
 * model's fold that never saw the question's article, so no figure is scored on its own training data.
 */
import { answerabilityFeatures, rarityFrom } from '../answer/answerability.js';
import { tokenize } from '../store/analyze.js';
import { CANDIDATE_FEATURES } from '../answer/candidate-features.js';
import { confidenceFrom } from '../answer/compose.js';
import { parseQuestion, wantsName } from '../answer/question.js';
import { selectSpan } from '../answer/span-selector.js';
import { SPAN_FEATURES } from '../answer/span-features.js';
import { sameTerm } from '../answer/spans.js';
import { readSpanModel } from '../learn/span-model.js';
import { foldOf } from '../learn/train.js';
import { buildIndex } from '../store/build.js';
import { openSitrep } from '../sitrep.js';
import { readSquad } from './datasets.js';
import type { AnswerabilityExample } from '../learn/answerability-train.js';
import { containsAnyAnswer } from './normalise.js';
import { createWorkspace, workspaceConfig, writeJsonlCorpus } from './workspace.js';

/** A question's features and label, with its id (the training example plus where it came from). */
export interface AnswerabilityQuestion extends AnswerabilityExample {
  id: string;
}

const COVERAGE = CANDIDATE_FEATURES.indexOf('coverage');
const TYPE_FIT = CANDIDATE_FEATURES.indexOf('type_fit');
const RETRIEVAL = CANDIDATE_FEATURES.indexOf('retrieval');

/** Idf over the set's paragraphs, divided by its largest value: the scale the index's idf is read on at answer time. */
function rarityOver(texts: readonly string[]): (term: string) => number {
  const df = new Map<string, number>();
  for (const text of texts) for (const t of new Set(tokenize(text).map((x) => x.term))) if (t !== null) df.set(t, (df.get(t) ?? 0) + 1);
  return rarityFrom((t) => df.get(t) ?? 0, texts.length);
}

export async function squadAnswerability(
  files: readonly string[],
  spanModelFile: string,
  onProgress?: (label: string, done: number, total: number) => void,
): Promise<AnswerabilityQuestion[]> {
  const spans = readSpanModel(spanModelFile, SPAN_FEATURES);
  const out: AnswerabilityQuestion[] = [];
  for (const file of files) {
    const set = readSquad(file);
    const name = file.split('/').at(-1)!;
    const ws = createWorkspace('sitrep-answerability-');
    try {
      writeJsonlCorpus(ws.corpusDir, set.documents);
      const config = workspaceConfig(ws, { ANSWER_MODEL: 'none', SPAN_MODEL: 'none', MIN_CONFIDENCE: '0' });
      await buildIndex(config, {});
      const sitrep = await openSitrep(config);
      const rarity = rarityOver(set.documents.map((d) => d.text));
      let done = 0;
      for (const sq of set.questions) {
        const article = sq.article ?? sq.id;
        const { texts, rows } = await sitrep.candidates(sq.question);
        const q = parseQuestion(sq.question);
        const first = rows[0];
        const named = wantsName(q);
        const handConfidence = first ? confidenceFrom(first[COVERAGE]!, first[TYPE_FIT]!, first[RETRIEVAL]!, q.type !== 'other', named) : 0;
        const model = spans.folds[foldOf(article, spans.folds.length)]!;
        const span = texts[0] ? selectSpan(model, texts[0], q, { similarity: sameTerm }) : null;
        out.push({
          id: sq.id,
          set: name,
          article,
          answerable: sq.answerable,
          row: answerabilityFeatures({ question: q, rows, texts, rarity, handConfidence, spanScore: span?.score ?? 0 }),
          label: sq.answerable && texts[0] !== undefined && containsAnyAnswer(texts[0], sq.answers) ? 1 : 0,
          handConfidence,
        });
        if (++done % 500 === 0 || done === set.questions.length) onProgress?.(name, done, set.questions.length);
      }
    } finally {
      ws.dispose();
    }
  }
  return out;
}
