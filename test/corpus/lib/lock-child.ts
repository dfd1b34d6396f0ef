/**
 * A contender for a file lock, run as its own process by file-lock.test.ts:
 *   lock-child.ts <lockDir> <workDir> <holdMs> <staleMs> <heartbeatMs> [block]
 * Says it is ready (a file in workDir/ready), waits for workDir/go, takes the lock, and while holding
 * it creates workDir/inside exclusively (a second holder at the same time finds it there: an
 * overlap), logs `in`/`out` lines to workDir/log, and holds for holdMs (with `block`, the main thread
 * busy the whole time, as a build's synchronous HNSW step is).
 */
import fs from 'node:fs';
import path from 'node:path';
import { withFileLock } from '../../../src/corpus/file-lock.js';

const [lockDir, workDir, hold, stale, beat, mode] = process.argv.slice(2) as [string, string, string, string, string, string?];
const log = (line: string) => fs.appendFileSync(path.join(workDir, 'log'), `${line} ${process.pid} ${Date.now()}\n`);

fs.mkdirSync(path.join(workDir, 'ready'), { recursive: true });
fs.writeFileSync(path.join(workDir, 'ready', String(process.pid)), '');
while (!fs.existsSync(path.join(workDir, 'go'))) await new Promise((r) => setTimeout(r, 2));

await withFileLock(lockDir, { waitMs: 60_000, staleMs: Number(stale), heartbeatMs: Number(beat) }, async () => {
  const inside = path.join(workDir, 'inside');
  try {
    fs.writeFileSync(inside, String(process.pid), { flag: 'wx' });
  } catch {
    log('overlap');
  }
  log('in');
  if (mode === 'block') {
    const until = Date.now() + Number(hold);
    while (Date.now() < until); // a synchronous stretch: no timer of this thread runs
  } else {
    await new Promise((r) => setTimeout(r, Number(hold)));
  }
  log('out');
  fs.rmSync(inside, { force: true });
});
