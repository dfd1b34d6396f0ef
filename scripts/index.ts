/**
 * `npm run index`: builds or updates the index from the corpus folder, with progress and a summary.
 * `npm run index -- --compact` rebuilds every part and fits SIF's common component again.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { buildIndex } from '../src/store/build.js';
import { progressReporter, runMain, warn } from './cli.js';

await runMain(async () => {
  const { values } = parseArgs({ options: { compact: { type: 'boolean', default: false } } });
  const config = loadConfig();
  const progress = progressReporter('Indexing');
  const summary = await buildIndex(config, { onProgress: progress.update, onWarning: warn, ...(values.compact ? { rebuild: 'refit' as const } : {}) });
  progress.stop();
  if (summary.unchanged) console.log('The index is up to date: no corpus file changed.');
  console.log(
    `Indexed ${summary.files} files: ${summary.articles} articles, ${summary.passages} passages ` +
      `(${summary.reused} reused from the previous index; ${summary.filesParsed ?? summary.files} files parsed) in ${summary.seconds.toFixed(1)} s.`,
  );
  if (summary.incidents) {
    const i = summary.incidents;
    console.log(
      `Incident reports: ${i.reports} (${i.articlesRead} articles read for them in ${i.thread ? `a thread beside the embedding and the graphs, ${i.threadSeconds!.toFixed(1)} s, the build waiting ${i.seconds.toFixed(1)} s of them` : `${i.seconds.toFixed(1)} s`}; the others' kept), ` +
        `grouped into ${i.incidents} incidents in ${i.groupSeconds.toFixed(1)} s (${i.regrouped} reports grouped again, the other incidents kept).`,
    );
  }
  if (summary.skipped.length > 0) {
    console.log(`Skipped ${summary.skipped.length}:`);
    for (const s of summary.skipped) console.log(`  ${s.file}${s.line ? `:${s.line}` : ''}: ${s.reason}`);
  }
  return 0;
});
