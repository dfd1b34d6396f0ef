/**
 * `npm run feedback [-- --export FILE]`: a summary of the votes under answers kept in FEEDBACK_DIR
 * (the last FEEDBACK_DAYS), and, with --export, the voted questions as an evaluation question file
 * for `npm run eval -- --questions FILE --corpus …`. Questions voted up more than down are written
 * to FILE; the others (the answer was wrong, the right one is unknown) to FILE's `.review.jsonl`
 * twin, to be given their answers by hand.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { evalExport, reviewPath, summaryText, toJsonLines } from '../src/bot/feedback-report.js';
import { FeedbackStore } from '../src/bot/feedback-store.js';
import { loadConfig, resolveDir } from '../src/config.js';
import { runMain } from './cli.js';

const USAGE = 'Usage: npm run feedback [-- --export questions.jsonl]';

function writeAtomically(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
}

await runMain(async () => {
  let values: { export?: string; help?: boolean };
  try {
    ({ values } = parseArgs({ options: { export: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }));
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const config = loadConfig();
  const dir = resolveDir(config.FEEDBACK_DIR);
  const store = new FeedbackStore({ dir, keepDays: config.FEEDBACK_DAYS });
  await store.prune();
  const votes = await store.votes();
  console.log(summaryText(votes, { dir: config.FEEDBACK_DIR, days: config.FEEDBACK_DAYS }));
  if (!config.FEEDBACK_SECRET) console.log('\nThe bot collects no votes while FEEDBACK_SECRET is not set.');

  if (values.export !== undefined) {
    const file = path.resolve(values.export);
    const { questions, review } = evalExport(votes);
    writeAtomically(file, toJsonLines(questions));
    console.log(`\nWrote ${questions.length} voted-up question${questions.length === 1 ? '' : 's'} to ${file} (npm run eval -- --questions ${values.export} --corpus ${config.CORPUS_DIR}).`);
    if (review.length > 0) {
      const second = reviewPath(file);
      writeAtomically(second, toJsonLines(review));
      console.log(`Wrote ${review.length} voted-down question${review.length === 1 ? '' : 's'} to ${second}: give each its answers (or answerable: false) before adding it to a question file.`);
    }
  }
  return 0;
});
