/** `npm run ask -- [--json] "question"`: answers from the corpus, building the index first if needed. */
import { formatAnswerText } from '../src/answer/format.js';
import { loadConfig } from '../src/config.js';
import { openSitrep } from '../src/sitrep.js';
import { progressReporter, runMain, warn } from './cli.js';

await runMain(async () => {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const question = args.filter((a) => a !== '--json').join(' ').trim();
  if (!question) {
    console.error('Usage: npm run ask -- [--json] "How many attacks since Oct 17?"');
    return 2;
  }
  const progress = progressReporter('Building the index');
  const sitrep = await openSitrep(loadConfig(), { buildIfMissing: true, onProgress: progress.update, onWarning: warn });
  progress.stop();
  const answer = await sitrep.answer(question);
  console.log(json ? JSON.stringify(answer, null, 2) : formatAnswerText(answer));
  return 0;
});
