/**
 * `npm run remove -- <file|url> [...]`: takes articles out of the corpus (by corpus file, `file.jsonl:LINE`
 * or a URL they are known at), then re-indexes, which drops only their passages.
 */
import { loadConfig } from '../src/config.js';
import { formatRemoveOutcome, removeArticle, type RemoveOutcome } from '../src/ingest/index.js';
import { buildIndex } from '../src/store/build.js';
import { progressReporter, runMain, warn } from './cli.js';

await runMain(async () => {
  const inputs = process.argv.slice(2).filter((a) => a.trim() !== '');
  if (inputs.length === 0) {
    console.error(
      'Usage: npm run remove -- <file|url> [<file|url> ...]\n' +
        '  e.g. npm run remove -- corpus/2024-03-14-rocket-fire-on-the-depot.md\n' +
        '       npm run remove -- https://example.com/news/story.html\n' +
        '       npm run remove -- corpus/export.jsonl:120     (one article of a JSONL file)',
    );
    return 2;
  }
  const config = loadConfig();
  const outcomes: RemoveOutcome[] = [];
  for (const input of inputs) {
    const outcome = await removeArticle(config, input);
    outcomes.push(outcome);
    for (const line of formatRemoveOutcome(outcome)) console.log(line);
  }
  if (outcomes.some((o) => o.status === 'removed')) {
    const progress = progressReporter('Indexing');
    const summary = await buildIndex(config, { onProgress: progress.update, onWarning: warn });
    progress.stop();
    console.log(
      `Index updated: ${summary.articles} articles, ${summary.passages} passages in ${summary.seconds.toFixed(1)} s. ` +
        'A running bot picks the new index up by itself.',
    );
  }
  return outcomes.some((o) => o.status === 'not-found') ? 1 : 0;
});
