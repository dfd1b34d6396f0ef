/**
 * `npm run train`: rebuilds models/answer-selection.json from SQuAD v1.1 and v2.0 dev
 * (../shared/eval/), with held-out figures from 5 folds by article.
 *
 *   npm run train [-- --squad FILE --squad FILE2 …] [--out models/answer-selection.json]
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CANDIDATE_FEATURES } from '../src/answer/candidate-features.js';
import { squadCandidates } from '../src/eval/training-data.js';
import { MODEL_FORMAT, MODEL_VERSION, REBUILD_COMMAND, writeAnswerModel } from '../src/learn/model.js';
import { trainAnswerModel } from '../src/learn/train.js';
import { runMain } from './cli.js';

const DEFAULT_SETS = ['../shared/eval/squad-v1.1-dev.json', '../shared/eval/squad-v2.0-dev.json'];
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

await runMain(async () => {
  const { values } = parseArgs({ options: { squad: { type: 'string', multiple: true }, out: { type: 'string', default: 'models/answer-selection.json' } } });
  const sets = values.squad ?? DEFAULT_SETS;
  const started = Date.now();
  const questions = await squadCandidates(sets, (file, done, total) => {
    if (process.stderr.isTTY) process.stderr.write(`\r${path.basename(file)}: ${done}/${total}   `);
  });
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
  const { model, heldOut } = trainAnswerModel(questions);
  writeAnswerModel(values.out, {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    features: [...CANDIDATE_FEATURES],
    sentence: model,
    threshold: heldOut.threshold,
    trainedOn: sets.map((s) => path.basename(s)),
    command: REBUILD_COMMAND,
    createdAt: new Date().toISOString(),
    heldOut: { ...heldOut },
  });
  console.log(`${questions.length} questions (${heldOut.answerable} answerable) from ${sets.map((s) => path.basename(s)).join(', ')}; ${heldOut.folds} folds by article, held out:`);
  console.log(`  top sentence holds the answer: ${pct(heldOut.topSentence)} (hand-set ranking ${pct(heldOut.handSetTopSentence)}, ceiling of the candidates ${pct(heldOut.ceiling)})`);
  console.log(`  confidence ROC AUC answerable vs unanswerable: ${heldOut.auc?.toFixed(3) ?? 'n/a'}; best threshold ${heldOut.threshold} → overall ${pct(heldOut.overall)}; ECE ${heldOut.ece.toFixed(3)}`);
  console.log('  reliability (confidence bin: questions, mean confidence, share answered right):');
  for (const r of heldOut.reliability) console.log(`    ${r.from.toFixed(1)}–${r.to.toFixed(1)}: ${r.questions}, ${r.meanConfidence.toFixed(2)}, ${pct(r.correct)}`);
  console.log(`Model written to ${values.out} (${((Date.now() - started) / 1000).toFixed(0)} s).`);
  return 0;
});
