/**
 * Every function that runs regular expressions over text from outside — fetched pages and feeds,
 * corpus files, article text in replies — must take time linear in its input, whatever its shape:
 * a pattern that backtracks turns a 200 KB page into minutes of a blocked event loop. Each hostile
 * shape (lib/hostile-shapes.ts) is timed at 10 KB, 100 KB and 1 MB, best CPU time of 7 rounds; the
 * time per 10× more input may grow at most 12× (linear is 10×, quadratic 100×). Steps whose larger
 * time is under 20 ms are not judged, so a loaded machine's noise cannot fail the test.
 *
 * Two allowances for the engine, not for the code: the shapes run in a child process with a 64 MB
 * young generation (with Node's default 16 MB, one `replace` over 1 MB grows 36× from 100 KB, as
 * its short-lived strings are promoted), and where V8's own one-pass `replace` still grows past 10×
 * at a step on this machine, the 12× budget is scaled by as much (see `allowedRatios`).
 *
 * Readability (over pages of up to 10,000 elements; larger ones skip it) and linkedom's parsing are
 * libraries: their cost is bounded by those caps and by the worker's deadline, not judged here.
 */
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeGrowth, type Growth, type Shape } from './lib/growth.js';
import { CORPUS_SHAPES, FORMAT_SHAPES, INGEST_SHAPES } from './lib/hostile-shapes.js';

const CHILD = fileURLToPath(new URL('./lib/growth-child.ts', import.meta.url));
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

async function measureInChild(group: string): Promise<Map<string, Growth>> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--max-semi-space-size=64', '--import', TSX, CHILD, group], {
    maxBuffer: 16 * 1024 * 1024,
    timeout: 600_000,
  });
  const lines = stdout.trim().split('\n').map((l) => JSON.parse(l) as Growth & { name: string });
  return new Map(lines.map((g) => [g.name, g]));
}

function growsLinearly(group: string, shapes: Shape<any>[]): void {
  let results = new Map<string, Growth>();
  beforeAll(async () => {
    results = await measureInChild(group);
  }, 600_000);
  for (const shape of shapes) {
    it(shape.name, () => {
      const growth = results.get(shape.name);
      expect(growth, 'measured').toBeDefined();
      expect(growth!.tooFast, `${describeGrowth(growth!)}: grew faster than allowed`).toEqual([]);
    });
  }
}

describe('src/corpus runs in linear time on hostile input', () => growsLinearly('corpus', CORPUS_SHAPES));
describe('src/ingest runs in linear time on hostile input', () => growsLinearly('ingest', INGEST_SHAPES));
describe('src/bot/format runs in linear time on hostile input', () => growsLinearly('format', FORMAT_SHAPES));
