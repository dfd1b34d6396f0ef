/** `npm run add -- <url|path> [...]`: adds pages and files to the corpus, then re-indexes. */
import { loadConfig } from '../src/config.js';
import { addInputs, formatOutcomes } from '../src/ingest/index.js';
import { runMain } from './cli.js';
import { exitCodeFor, reindexIfAdded } from './ingest-common.js';

await runMain(async () => {
  const inputs = process.argv.slice(2).filter((a) => a.trim() !== '');
  if (inputs.length === 0) {
    console.error('Usage: npm run add -- <url|file> [<url|file> ...]\n  e.g. npm run add -- https://example.com/news/story.html ./saved-page.html');
    return 2;
  }
  const config = loadConfig();
  const outcomes = await addInputs(config, inputs, { onWarning: (m) => console.error(`warning: ${m}`) });
  for (const line of formatOutcomes(outcomes)) console.log(line);
  await reindexIfAdded(config, outcomes);
  return exitCodeFor(outcomes);
});
