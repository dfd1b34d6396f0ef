/**
 * Votes under answers, end to end: pressed on the fake Discord, stored with the voter as an HMAC,
 * changed, kept across a restart, then summarised and exported by `npm run feedback`.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { MessageFlags } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { user } from '../fake-discord/payloads.js';
import { voterId } from '../../src/bot/feedback-store.js';
import { parseQuestionFile } from '../../src/eval/datasets.js';
import { buttonIds, buttonLabels, startHarness, type Harness } from './harness.js';

const execFileAsync = promisify(execFile);
const SECRET = 'e2e-feedback-secret-0123456789';
const QUESTION = 'How many attacks since Oct 17?';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ ANSWER_MODEL: 'none', FEEDBACK_SECRET: SECRET });
});
afterAll(async () => {
  await h?.close();
});

const voteFiles = () => {
  const dir = path.resolve(h.config.FEEDBACK_DIR);
  return fs.existsSync(dir) ? fs.readdirSync(dir).map((f) => fs.readFileSync(path.join(dir, f), 'utf8')).join('') : '';
};

describe('votes under answers', () => {
  const alice = user('alice');
  const bob = user('bob');
  let answered: any;
  let abstained: any;
  beforeAll(async () => {
    answered = (await h.edit(h.ask(QUESTION, { asOf: '2023-12-06' }))).body;
    abstained = (await h.edit(h.ask('What is the capital of France?'))).body;
  });
  const idOf = (body: any, action: string) => buttonIds(body).find((id) => id.endsWith(`:${action}`))!;

  it('come as 👍 and 👎 under answers and abstentions alike', () => {
    // The question counts attacks, so its answer also lists the incidents the records hold.
    expect(buttonLabels(answered)).toEqual(['Sources', 'List them', '👍', '👎']);
    expect(buttonLabels(abstained)).toEqual(['👍', '👎']);
  });

  it('are stored with the question, the quote and its source, the voter as an HMAC, and thanked privately', async () => {
    const thanked = (await h.callback(h.press(idOf(answered, 'up'), answered, { user: alice }))).body;
    expect(thanked).toMatchObject({ type: 4, data: { flags: MessageFlags.Ephemeral, content: expect.stringMatching(/^Thanks: your 👍 is recorded/) } });
    await h.callback(h.press(idOf(answered, 'up'), answered, { user: bob }));
    const stored = voteFiles().trim().split('\n').map((l) => JSON.parse(l));
    expect(stored).toHaveLength(2);
    expect(stored[0]).toMatchObject({
      vote: 'up',
      question: QUESTION,
      asOf: '2023-12-06',
      span: 'at least 78 attacks',
      source: { file: 'ain-al-asad-drone-attack.md', source: 'AFP' },
      voter: voterId(SECRET, alice.id),
    });
    expect(voteFiles()).not.toContain(alice.id);
    expect(voteFiles()).not.toContain('alice');
  });

  it('can be changed, and still be cast after a restart', async () => {
    await h.restart();
    await h.callback(h.press(idOf(answered, 'down'), answered, { user: alice }));
    await h.callback(h.press(idOf(abstained, 'up'), abstained, { user: bob }));
    const { stdout } = await execFileAsync(process.execPath, ['--import', 'tsx', 'scripts/feedback.ts'], {
      env: { ...process.env, FEEDBACK_DIR: h.config.FEEDBACK_DIR, FEEDBACK_SECRET: SECRET, CORPUS_DIR: h.config.CORPUS_DIR },
    });
    // Alice's 👎 replaced her 👍: 3 votes count, of 4 cast.
    expect(stdout).toMatch(/^Feedback of the last 90 days \(.*\): 3 votes on 2 answers by 2 people: 👍 2, 👎 1\./);
    expect(stdout).toContain(`👍 1 👎 1  "${QUESTION}" as of 6 Dec 2023: quoted "at least 78 attacks" from ain-al-asad-drone-attack.md`);
  });

  it('`npm run feedback -- --export FILE` writes the voted questions as an eval question file', async () => {
    await h.callback(h.press(idOf(answered, 'up'), answered, { user: user('carol') }));
    const out = path.join(path.dirname(path.resolve(h.config.FEEDBACK_DIR)), 'export', 'questions.jsonl');
    const { stdout } = await execFileAsync(process.execPath, ['--import', 'tsx', 'scripts/feedback.ts', '--export', out], {
      env: { ...process.env, FEEDBACK_DIR: h.config.FEEDBACK_DIR, CORPUS_DIR: h.config.CORPUS_DIR },
    });
    expect(stdout).toContain(`Wrote 2 voted-up questions to ${out}`);
    const questions = parseQuestionFile(out, fs.readFileSync(out, 'utf8'));
    expect(questions.map((q) => [q.question, q.answerable, q.answers, q.source, q.asOf])).toEqual([
      [QUESTION, true, ['at least 78 attacks'], 'ain-al-asad-drone-attack.md', '2023-12-06'],
      ['What is the capital of France?', false, [], null, expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/)],
    ]);
  });
});
