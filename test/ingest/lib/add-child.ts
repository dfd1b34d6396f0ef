/**
 * One writer process for concurrent-add.test.ts, configured by its environment as `npm run add`
 * is: `add-child.ts <workDir> add <input>…` or `add-child.ts <workDir> feeds <feed>…`. It loads its
 * modules, says it is ready, waits for workDir/go (so that every process starts at once), runs, and
 * prints what became of each item as JSON.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../../src/config.js';
import { addInputs, ingestFeeds } from '../../../src/ingest/index.js';

const [workDir, mode, ...inputs] = process.argv.slice(2) as [string, 'add' | 'feeds', ...string[]];
const config = loadConfig();
fs.mkdirSync(path.join(workDir, 'ready'), { recursive: true });
fs.writeFileSync(path.join(workDir, 'ready', String(process.pid)), '');
while (!fs.existsSync(path.join(workDir, 'go'))) await new Promise((r) => setTimeout(r, 2));
const outcomes = mode === 'add' ? await addInputs(config, inputs) : (await ingestFeeds(config, inputs)).flatMap((r) => r.outcomes);
process.stdout.write(JSON.stringify(outcomes));
