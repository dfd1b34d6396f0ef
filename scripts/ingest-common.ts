/** What `npm run add` and `npm run ingest` share: re-indexing after new articles, and its summary. */
import type { Config } from '../src/config.js';
import { anyAdded, type Outcome } from '../src/ingest/index.js';
import { buildIndex } from '../src/store/build.js';
import { progressReporter, warn } from './cli.js';

export async function reindexIfAdded(config: Config, outcomes: Outcome[]): Promise<void> {
  if (!anyAdded(outcomes)) {
    console.log('Nothing new to index.');
    return;
  }
  const progress = progressReporter('Indexing');
  const summary = await buildIndex(config, { onProgress: progress.update, onWarning: warn });
  progress.stop();
  console.log(
    `Index updated: ${summary.articles} articles, ${summary.passages} passages (${summary.reused} reused) in ${summary.seconds.toFixed(1)} s. ` +
      'A running bot picks the new index up by itself.',
  );
}

/** 0 when every item was added or already there, 1 when any was skipped. */
export const exitCodeFor = (outcomes: Outcome[]) => (outcomes.some((o) => o.status === 'skipped') ? 1 : 0);
