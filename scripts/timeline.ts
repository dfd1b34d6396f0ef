/**
 * `npm run timeline -- [--place NAME] [--actor NAME] [--since YYYY-MM-DD] [--until YYYY-MM-DD] [--corpus DIR] [--limit N] [--json] [--chart FILE.png]`:
 * incidents the corpus reports, newest first, each with its quoted sentences and citations; with
 * `--chart`, also the chart of them per week as a PNG. Reads the incident records kept in the index
 * (built first if needed), or with `--corpus DIR` reads that folder afresh without an index.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { filterTimeline, readCorpusIncidents } from '../src/incidents/from-corpus.js';
import { reportFilterFor, sentenceModelFor } from '../src/incidents/report-filter-config.js';
import { formatTimeline, selectIncidents, TimelineError, type TimelineFilter } from '../src/incidents/index.js';
import { ChartError, renderTimelineChart } from '../src/incidents/render-chart.js';
import { openSitrep } from '../src/sitrep.js';
import { progressReporter, runMain, warn } from './cli.js';

const USAGE =
  'Usage: npm run timeline -- [--place NAME] [--actor NAME] [--since YYYY-MM-DD] [--until YYYY-MM-DD] [--corpus DIR] [--limit N] [--json] [--chart FILE.png]';

class ChartPathError extends Error {
  readonly code = 'CHART_PATH';
}

/** Where the chart goes, checked before the corpus is read: a .png file in a folder that exists. */
function chartPath(file: string): string {
  const out = path.resolve(file);
  if (path.extname(out).toLowerCase() !== '.png') throw new ChartPathError(`--chart: expected a file name ending in .png, got "${file}"`);
  if (fs.existsSync(out) && fs.statSync(out).isDirectory()) throw new ChartPathError(`--chart: "${file}" is a folder; give a file name such as ${path.join(file, 'timeline.png')}`);
  const dir = path.dirname(out);
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new ChartPathError(`--chart: the folder "${path.dirname(file)}" does not exist; create it first`);
  try {
    fs.accessSync(dir, fs.constants.W_OK);
  } catch {
    throw new ChartPathError(`--chart: the folder "${path.dirname(file)}" is not writable`);
  }
  return out;
}

/** Writes to a temporary name and renames, so a failed write never leaves half a PNG where the chart was. */
function writeChart(out: string, png: Buffer): void {
  const tmp = `${out}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(tmp, png);
    fs.renameSync(tmp, out);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw new ChartPathError(`--chart: could not write "${out}": ${(err as Error).message}`);
  }
}

/** The timeline from the index's incident records, as the bot's `/timeline` gives it. */
async function fromIndex(config: ReturnType<typeof loadConfig>, filter: TimelineFilter) {
  const progress = progressReporter('Building the index');
  try {
    const sitrep = await openSitrep(config, { buildIfMissing: true, onProgress: progress.update, onWarning: warn });
    return await sitrep.timeline(filter);
  } finally {
    progress.stop();
  }
}

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
      chart: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const limit = Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1) throw new TimelineError(`--limit: expected a whole number of 1 or more, got "${values.limit}"`);
  const filter: TimelineFilter = { place: values.place, actor: values.actor, since: values.since, until: values.until };
  selectIncidents([], filter); // a bad date fails here, before the corpus is read
  const out = values.chart === undefined ? null : chartPath(values.chart);
  const config = loadConfig();
  const { incidents, quote } = values.corpus !== undefined ? filterTimeline(await readCorpusIncidents(values.corpus, { maxFileBytes: config.MAX_FILE_BYTES, onWarning: warn, reportFilter: reportFilterFor(config.INCIDENT_REPORT_MODEL), sentenceModel: sentenceModelFor(config.INCIDENT_SENTENCE_MODEL) }), filter) : await fromIndex(config, filter);
  if (values.json) console.log(JSON.stringify(incidents.slice(0, limit), null, 2));
  else console.log(formatTimeline(incidents, quote, { limit }));
  if (out === null) return 0;
  try {
    writeChart(out, await renderTimelineChart(incidents, filter, { fontFile: config.CHART_FONT_FILE }));
  } catch (err) {
    // Nothing to draw is an answer, not a failure of the listing: said on stderr, and no file is written.
    if (err instanceof ChartError && err.code === 'CHART_NO_INCIDENTS') {
      console.error(err.message);
      return 1;
    }
    throw err;
  }
  console.error(`Chart of ${incidents.length} incident${incidents.length === 1 ? '' : 's'} written to ${values.chart}`);
  return 0;
});
