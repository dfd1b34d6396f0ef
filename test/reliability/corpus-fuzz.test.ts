/**
 * Malformed corpus, fuzzed: whatever a file holds, the loader loads it or skips it with a reason that
 * names it, never throws, and the good articles beside it are still indexed and answerable.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { openSitrep } from '../../src/sitrep.js';
import { tempDir, testConfig } from '../helpers/fixtures.js';
import { FUZZ_KINDS, INPUTS, anyInput, hugeSingleLines } from './lib/corpus-inputs.js';
import { SENTINELS, checkCorpusLoad, checkParse, writeInputs } from './lib/corpus-check.js';

const made: string[] = [];
const dir = (prefix: string) => {
  const d = tempDir(prefix);
  made.push(d);
  return d;
};
afterAll(() => made.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('each hostile file on its own', () => {
  for (const kind of FUZZ_KINDS) {
    it(`${kind}: loads or is skipped with a reason naming the file, and never throws`, () => {
      fc.assert(
        fc.property(INPUTS[kind], (input) => {
          expect(checkParse(input).problem).toBeNull();
        }),
        { numRuns: 40, seed: 5 },
      );
    });
  }

  it('a 10 MB single line is skipped unread at the default limit, and read whole when the limit allows it', () => {
    for (const input of hugeSingleLines()) {
      const outcome = checkParse(input);
      expect(outcome.problem).toBeNull();
      // A JSONL file is streamed: its limit holds for each line, and the one line is the article skipped.
      const reason = input.name.endsWith('.jsonl') ? /^article too large \(10 MB; the limit is 5 MB per article\)$/ : /^file too large \(10 MB; the limit is 5 MB\)$/;
      expect(outcome.reasons).toEqual([expect.stringMatching(reason)]);
    }
    // Two of the five here (seconds each); `npm run reliability` reads all five whole.
    for (const input of hugeSingleLines().filter((i) => /\.md$|dots/.test(i.name))) {
      expect(checkParse(input, { maxFileBytes: 16 * 1024 * 1024 }).problem).toBeNull();
    }
  });
});

describe('a corpus folder of hostile files beside good articles', () => {
  it('accounts for every file by name and still loads the good articles', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(anyInput, { minLength: 1, maxLength: 12 }), async (inputs) => {
        const corpus = dir('sitrep-fuzz-');
        const written = writeInputs(corpus, inputs);
        const { problems } = await checkCorpusLoad(corpus, written);
        fs.rmSync(corpus, { recursive: true, force: true });
        expect(problems).toEqual([]);
      }),
      { numRuns: 15, seed: 11 },
    );
  });

  it('indexes the good articles and answers from them', async () => {
    const root = dir('sitrep-fuzz-index-');
    const corpus = path.join(root, 'corpus');
    fs.mkdirSync(corpus);
    const inputs = fc.sample(anyInput, { numRuns: 40, seed: 3 });
    writeInputs(corpus, inputs);
    const skipped: string[] = [];
    const sitrep = await openSitrep(testConfig({ CORPUS_DIR: corpus, INDEX_DIR: path.join(root, 'index') }), {
      buildIfMissing: true,
      onWarning: (s) => skipped.push(s.file),
    });
    expect(skipped.length).toBeGreaterThan(0);
    const files = new Set(sitrep.sources().map((s) => s.file.replace(/:\d+$/, '')));
    for (const s of SENTINELS) {
      expect(files).toContain(s.name);
      const answer = await sitrep.answer(s.question);
      expect(answer.abstained).toBe(false);
      expect(answer.answer?.text).toContain(s.answer);
    }
  });
});
