/** `npm run ingest`: reads every feed in FEEDS once, adds the items not seen before, re-indexes. */
import { loadConfig } from '../src/config.js';
import { formatFeedReports, ingestFeeds } from '../src/ingest/index.js';
import { runMain } from './cli.js';
import { exitCodeFor, reindexIfAdded } from './ingest-common.js';

await runMain(async () => {
  const config = loadConfig();
  if (config.FEEDS.length === 0) {
    console.error('No feeds to read: set FEEDS in .env to comma-separated RSS or Atom URLs (see .env.example).');
    return 2;
  }
  const reports = await ingestFeeds(config, config.FEEDS, { onWarning: (m) => console.error(`warning: ${m}`) });
  for (const line of formatFeedReports(reports)) console.log(line);
  const outcomes = reports.flatMap((r) => r.outcomes);
  await reindexIfAdded(config, outcomes);
  return reports.some((r) => r.status === 'failed') ? 1 : exitCodeFor(outcomes);
});
