/**
 * Damaged index files: truncating, zeroing or flipping bits of any stored file is detected when the
 * index is read, with a message naming the file and how to rebuild; a running Sitrep whose next
 * generation is damaged keeps the index it has and keeps answering.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeBenchCorpus } from '../../src/bench/corpus.js';
import { openSitrep, type Sitrep } from '../../src/sitrep.js';
import { tempDir, testConfig } from '../helpers/fixtures.js';
import { buildWithLog, runDamagedReload, runFileDamage } from './lib/damage.js';
import { Tally } from './lib/report.js';

const root = tempDir('sitrep-damage-');
const corpusDir = path.join(root, 'corpus');
const config = testConfig({ CORPUS_DIR: corpusDir, INDEX_DIR: path.join(root, 'index') });
let sitrep: Sitrep;
let question: string;

beforeAll(async () => {
  fs.mkdirSync(corpusDir);
  question = writeBenchCorpus(corpusDir, 60, 1, { seed: 4 }).questions[0]!.question;
  // Built whole, then extended: the rounds damage the passage graph's log and the postings' segment as well as the snapshot and base.
  await buildWithLog(config, () => fs.writeFileSync(path.join(corpusDir, 'added.md'), '---\ntitle: Added\n---\n\nA shell hit a school on Monday, the mayor said.\n'));
  sitrep = await openSitrep(config);
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('a damaged index', () => {
  it('is refused on reading, whole and in steps, naming the damaged file and the rebuild, whichever stored file and however damaged', async () => {
    const { tally, tried } = await runFileDamage(config, 6, 17);
    expect(tally.failures).toEqual([]);
    expect(tried).toBeGreaterThan(50);
    expect(tally.rows[0]!.held).toBe(tried);
    expect(tally.rows[0]!.tried).toContain('vectors.log.1');
    expect(tally.rows[0]!.tried).toContain('lexical.log.1');
    expect(tally.rows[0]!.tried).toContain('records.log.1');
  });

  it('never replaces the index a running Sitrep has: it keeps answering from it', async () => {
    const tally = new Tally('damaged index files');
    await runDamagedReload(config, sitrep, question, tally, (i) =>
      fs.writeFileSync(path.join(corpusDir, `extra-${i}.md`), `---\ntitle: Extra ${i}\n---\n\nA rocket hit depot number ${i} on Friday, the army said.\n`),
    );
    expect(tally.failures).toEqual([]);
    expect(tally.rows[0]!.held).toBe(tally.rows[0]!.count);
    // Every stored file of a new generation (12 besides the log), its own log segment and the one it
    // links, each with its postings, record, incident and group segments.
    expect(tally.rows[0]!.count).toBe(22);
  });
});
