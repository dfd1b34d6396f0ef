/**
 * Measures the hostile shapes of one group and prints one JSON line per shape. Run by the growth
 * test in a child process with a larger young generation (see regex-growth.test.ts).
 */
import { allowedRatios, measureGrowth } from './growth.js';
import { CORPUS_SHAPES, FORMAT_SHAPES, INGEST_SHAPES } from './hostile-shapes.js';

const GROUPS = { corpus: CORPUS_SHAPES, ingest: INGEST_SHAPES, format: FORMAT_SHAPES };
const group = GROUPS[process.argv[2] as keyof typeof GROUPS];
if (!group) throw new Error(`usage: growth-child.ts ${Object.keys(GROUPS).join('|')} [name filter]`);
const only = process.argv[3];
const allowed = allowedRatios();
for (const shape of group) {
  if (only && !shape.name.includes(only)) continue;
  process.stdout.write(`${JSON.stringify({ name: shape.name, ...measureGrowth(shape, allowed) })}\n`);
}
