/**
 * `npm run timeline -- [--place NAME] [--actor NAME] [--since YYYY-MM-DD] [--until YYYY-MM-DD] [--corpus DIR] [--limit N] [--json]`:
 * incidents the corpus reports, newest first, each with its quoted sentences and citations. Reads the
 * corpus folder afresh (incidents are not kept in the index yet).
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { loadCorpus } from '../src/corpus/index.js';
import { extractReports, formatTimeline, groupReports, loadGazetteer, selectIncidents, TimelineError, type IncidentReport } from '../src/incidents/index.js';
import { runMain, warn } from './cli.js';

const USAGE = 'Usage: npm run timeline -- [--place NAME] [--actor NAME] [--since YYYY-MM-DD] [--until YYYY-MM-DD] [--corpus DIR] [--limit N] [--json]';

await runMain(async () => {
  const { values } = parseArgs({
    options: {
      place: { type: 'string' },
      actor: { type: 'string' },
      since: { type: 'string' },
      until: { type: 'string' },
      corpus: { type: 'string' },
      limit: { type: 'string', default: '20' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const limit = Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1) throw new TimelineError(`--limit: expected a whole number of 1 or more, got "${values.limit}"`);
  const filter = { place: values.place, actor: values.actor, since: values.since, until: values.until };
  selectIncidents([], filter); // a bad date fails here, before the corpus is read
  const config = loadConfig();
  const corpus = await loadCorpus(values.corpus ?? config.CORPUS_DIR, { maxFileBytes: config.MAX_FILE_BYTES, onWarning: warn });
  const gazetteer = loadGazetteer();
  const texts = new Map<string, string>();
  const reports: IncidentReport[] = [];
  for (const file of corpus.files) {
    for (const article of file.articles) {
      texts.set(article.id, article.text);
      reports.push(...extractReports(article, { gazetteer }));
    }
  }
  const incidents = selectIncidents(groupReports(reports), filter);
  if (values.json) {
    console.log(JSON.stringify(incidents.slice(0, limit), null, 2));
    return 0;
  }
  const quote = (r: IncidentReport) => texts.get(r.articleId)!.slice(r.sentenceSpan.start, r.sentenceSpan.end).replace(/\s+/g, ' ');
  console.log(formatTimeline(incidents, quote, { limit }));
  return 0;
});
