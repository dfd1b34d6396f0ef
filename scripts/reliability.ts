/**
 * `npm run reliability`: malformed corpus, crashes during re-index, damaged index files, load,
 * hostile input, secrets and permissions, one writer (locks and concurrent adds), hostile pages and
 * feeds through ingestion, at a size that finishes in minutes; prints one table.
 *
 *   npm run reliability
 *   npm run reliability -- --only crash,load --kills 60
 */
import { parseArgs } from 'node:util';
import { PARTS, REPORT_SIZES, formatTable, machine, runReport, type Part } from '../test/reliability/lib/run.js';
import { runMain } from './cli.js';

await runMain(async () => {
  const { values } = parseArgs({
    options: {
      only: { type: 'string', default: PARTS.join(',') },
      kills: { type: 'string', default: String(REPORT_SIZES.kills) },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(`Usage: npm run reliability -- [--only ${PARTS.join(',')}] [--kills 50]`);
    return 0;
  }
  const parts = values.only.split(',').map((p) => p.trim());
  const unknown = parts.filter((p) => !(PARTS as readonly string[]).includes(p));
  if (unknown.length > 0) throw new Error(`--only: unknown part ${unknown.join(', ')}; the parts are ${PARTS.join(', ')}`);
  const kills = Number(values.kills);
  if (!Number.isInteger(kills) || kills < 1) throw new Error(`--kills: expected a positive integer, got "${values.kills}"`);

  const started = Date.now();
  console.log(`Machine: ${machine()}`);
  const report = await runReport(parts as Part[], { ...REPORT_SIZES, kills }, (line) => console.error(`[reliability] ${line}`));
  console.log('');
  console.log(formatTable(report.rows));
  console.log('');
  const times = Object.entries(report.seconds).map(([p, s]) => `${p} ${s.toFixed(0)} s`).join(', ');
  console.log(`Total ${((Date.now() - started) / 1000).toFixed(0)} s (${times}). Load average at the end: ${machine().split('load average ')[1]}`);
  if (report.failures.length > 0) {
    console.log(`\n${report.failures.length} case(s) did not hold:`);
    for (const f of report.failures) console.log(`- ${f}`);
    return 1;
  }
  console.log('Every case held.');
  return 0;
});
