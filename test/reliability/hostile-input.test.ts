/**
 * Hostile questions and articles through the real bot on the fake Discord: nothing pings anyone,
 * nothing breaks the reply's layout (checked on the REST payloads the bot sends), and each question
 * gets an answer or a clear refusal.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../bot/harness.js';
import { tempDir, testConfig } from '../helpers/fixtures.js';
import { characterProblems, linkProblems, markdownProblems, payloadProblems } from './lib/payload-rules.js';
import { runHostile, writeHostileCorpus } from './lib/hostile.js';

const root = tempDir('sitrep-hostile-');
let h: Harness;
beforeAll(async () => {
  const corpus = path.join(root, 'corpus');
  fs.mkdirSync(corpus);
  writeHostileCorpus(corpus);
  h = await startHarness({ CORPUS_DIR: corpus, INDEX_DIR: path.join(root, 'index'), MODEL_CACHE_DIR: testConfig({}).MODEL_CACHE_DIR });
});
afterAll(async () => {
  await h?.close();
  fs.rmSync(root, { recursive: true, force: true });
});

describe('the payload rules themselves', () => {
  it('catch what they are meant to catch', () => {
    expect(payloadProblems({ content: 'hi', allowed_mentions: { parse: ['everyone'] } }, 'x')).toHaveLength(1);
    expect(payloadProblems({ content: 'hi' }, 'x')).toHaveLength(1);
    expect(markdownProblems('**open', 'x', false)).toHaveLength(1);
    expect(markdownProblems('\\*\\*open', 'x', false)).toEqual([]);
    expect(markdownProblems('[a](https://evil.example)', 'x', true)).toHaveLength(1);
    expect(markdownProblems('**[1]** [Title](<https://example.org/a>) — AFP', 'x', true)).toEqual([]);
    expect(characterProblems('a\u202eb', 'x')).toHaveLength(1);
    expect(characterProblems('a\u0007b', 'x')).toHaveLength(1);
    expect(characterProblems('a\u202eb\u202c', 'x')).toEqual([]);
    expect(linkProblems('see https://evil.example', 'x', false)).toHaveLength(1);
    expect(linkProblems('see hxxps://evil.example \\<@&1> \\@everyone', 'x', false)).toEqual([]);
    expect(linkProblems('<#1> @here', 'x', false)).toHaveLength(2);
  });
});

describe('hostile questions and articles', () => {
  it('never ping, never break the layout, and each gets an answer or a clear refusal, by /ask, by DM, quoted and listed', async () => {
    const result = await runHostile(h);
    expect(result.failures).toEqual([]);
    for (const row of result.rows) expect(row.held).toBe(row.count);
  });
});
