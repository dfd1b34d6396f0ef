/** `npm run ask -- [--json] [--as-of YYYY-MM-DD] "question"`: answers from the corpus, building the index first if needed. */
import { parseArgs } from 'node:util';
import { formatAnswerText } from '../src/answer/format.js';
import { loadConfig } from '../src/config.js';
import { asOfDay } from '../src/time/days.js';
import { openSitrep } from '../src/sitrep.js';
import { progressReporter, runMain, warn } from './cli.js';

const USAGE = 'Usage: npm run ask -- [--json] [--as-of YYYY-MM-DD] "How many attacks since Oct 17?"';

await runMain(async () => {
  const { values, positionals } = parseArgs({
    options: { json: { type: 'boolean', default: false }, 'as-of': { type: 'string' } },
    allowPositionals: true,
  });
  const question = positionals.join(' ').trim();
  if (!question) {
    console.error(USAGE);
    return 2;
  }
  const asOf = values['as-of'];
  // Checked before the index is opened: a mistyped date fails at once, with the form to use.
  if (asOf !== undefined) asOfDay(asOf);
  const progress = progressReporter('Building the index');
  const sitrep = await openSitrep(loadConfig(), { buildIfMissing: true, onProgress: progress.update, onWarning: warn });
  progress.stop();
  const answer = await sitrep.answer(question, { asOf });
  console.log(values.json ? JSON.stringify(answer, null, 2) : formatAnswerText(answer));
  return 0;
});
