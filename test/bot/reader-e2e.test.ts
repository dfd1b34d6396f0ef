/**
 * The bot with READER_MODEL: it starts and answers with the reader's span when the model loads, and
 * `npm start` stops at once with the reader's message (no stack trace) when it cannot.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTinyQaModel } from '../../scripts/lib/tiny-model.js';
import { tempDir } from '../helpers/fixtures.js';
import { APP_ID, TOKEN, embedText, startHarness, tempWorkspace, type Harness } from './harness.js';

let model: string;
let h: Harness;
beforeAll(async () => {
  // Built to answer from "ain" to "asad": the span the bot must mark is known in advance.
  model = path.join(tempDir('sitrep-reader-bot-'), 'qa-ain-asad');
  await writeTinyQaModel(model, { favour: { start: 'ain', end: 'asad' } });
  h = await startHarness({ READER_MODEL: model });
}, 120_000);
afterAll(async () => {
  await h?.close();
});

describe('the bot with a neural reader', () => {
  it('starts, and bolds the reader’s span in a quote of the shipped article', async () => {
    const edit = await h.edit(h.ask('Which base was targeted by the drone?'));
    const description: string = edit.body.embeds[0].description;
    expect(description).toMatch(/\*\*Ain\\?\) al-Asad\*\*/);
    expect(embedText(edit.body)).toContain('Western Troops in Iraq Targeted in Drone Attack');
  });
});

describe('npm start with a reader model that cannot be used', () => {
  it('exits 1 with the reader’s message and no stack trace, before building any index', async () => {
    const w = tempWorkspace();
    const missing = path.join(w.root, 'no-such-reader');
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
      env: { ...process.env, DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: APP_ID, CORPUS_DIR: w.corpusDir, INDEX_DIR: w.indexDir, READER_MODEL: missing },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c) => (stderr += c));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toContain(`READER_MODEL ${missing}: model folder ${missing} does not exist`);
    expect(stderr).not.toMatch(/^\s+at /m);
    expect(fs.existsSync(w.indexDir)).toBe(false);
    fs.rmSync(w.root, { recursive: true, force: true });
  });
});
