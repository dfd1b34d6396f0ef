/**
 * Writes the distractor corpus of the evaluation fixtures: invented incident reports, clearly
 * labelled as synthetic, that compete with the seed article for retrieval.
 * `npx tsx scripts/make-distractors.ts [folder] [count]` (default test/fixtures/eval/distractors, 40).
 * The same seed always writes the same files.
 */
import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { Random, articleParagraphs, headline, makeIncident } from '../src/eval/synthetic.js';

const SEED = 4242;
const folder = process.argv[2] ?? 'test/fixtures/eval/distractors';
const total = Number(process.argv[3] ?? 40);

fs.mkdirSync(folder, { recursive: true });
for (const old of fs.readdirSync(folder)) if (/^synthetic-\d+\.md$/.test(old)) fs.rmSync(path.join(folder, old));

const rng = new Random(SEED);
for (let n = 1; n <= total; n++) {
  const incident = makeIncident(rng);
  const frontMatter = stringify({
    title: `Synthetic test article: ${headline(incident)}`,
    source: 'Synthetic (test fixture)',
    published: incident.published,
    note: 'Invented for testing retrieval; every place, group and person in it is fictional.',
  }, { lineWidth: 0 });
  const body = articleParagraphs(incident, rng).join('\n\n');
  fs.writeFileSync(path.join(folder, `synthetic-${String(n).padStart(2, '0')}.md`), `---\n${frontMatter}---\n\n${body}\n`);
}
console.log(`Wrote ${total} synthetic articles to ${folder}.`);
