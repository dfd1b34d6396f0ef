/** The entry points as a user runs them: `npm run register` and `npm start`, as separate processes. */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { stringOption, slashCommand } from '../fake-discord/payloads.js';
import { FakeDiscord } from '../fake-discord/server.js';
import { APP_ID, TOKEN, embedText, tempWorkspace } from './harness.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

interface Run {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<number | null>;
}

function run(script: string, env: Record<string, string>): Run {
  const child = spawn(process.execPath, ['--import', 'tsx', script], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (c) => (out += c));
  child.stderr!.on('data', (c) => (err += c));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  cleanups.push(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  return { child, stdout: () => out, stderr: () => err, exit };
}

async function fakeDiscord(): Promise<FakeDiscord> {
  const fake = await FakeDiscord.start({ token: TOKEN, applicationId: APP_ID });
  cleanups.push(() => fake.close());
  return fake;
}

function workspace() {
  const w = tempWorkspace();
  cleanups.push(() => fs.rmSync(w.root, { recursive: true, force: true }));
  return w;
}

describe('npm run register', () => {
  it('deploys the eight slash commands and the "Ask Sitrep" message menu to GUILD_ID with the bot token', async () => {
    const fake = await fakeDiscord();
    const r = run('scripts/register.ts', { DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: APP_ID, GUILD_ID: '1100000000000000001', DISCORD_API_URL: fake.apiUrl });
    expect(await r.exit, r.stderr()).toBe(0);
    const put = fake.requests.find((q) => q.method === 'PUT')!;
    expect(put.path).toBe(`/applications/${APP_ID}/guilds/1100000000000000001/commands`);
    expect(put.authorization).toBe(`Bot ${TOKEN}`);
    expect(put.body.map((c: { name: string }) => c.name).sort()).toEqual(['Ask Sitrep', 'about', 'add', 'ask', 'help', 'latest', 'reindex', 'remove', 'sources', 'timeline']);
    expect(put.body.find((c: { name: string }) => c.name === 'Ask Sitrep')).toMatchObject({ type: 3 });
    expect(put.body.find((c: { name: string }) => c.name === 'Ask Sitrep').description ?? '').toBe('');
    expect(r.stdout()).toMatch(/Registered 10 commands \(.*"Ask Sitrep" \(message menu\).*\) in server 1100000000000000001/);
  });

  it('deploys globally when no GUILD_ID is set', async () => {
    const fake = await fakeDiscord();
    const r = run('scripts/register.ts', { DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: APP_ID, GUILD_ID: '', DISCORD_API_URL: fake.apiUrl });
    expect(await r.exit, r.stderr()).toBe(0);
    expect(fake.requests.find((q) => q.method === 'PUT')!.path).toBe(`/applications/${APP_ID}/commands`);
  });
});

describe('npm start', () => {
  it('without a token, exits with a message pointing to the setup section, not a stack trace', async () => {
    const r = run('scripts/start.ts', { DISCORD_TOKEN: '' });
    expect(await r.exit).toBe(1);
    expect(r.stderr()).toMatch(/DISCORD_TOKEN is not set.*Discord setup/s);
    expect(r.stderr()).not.toMatch(/^\s+at /m);
  });

  it('builds the missing index, answers on Discord, and exits 0 on SIGTERM without logging the token', async () => {
    const fake = await fakeDiscord();
    const w = workspace();
    const r = run('scripts/start.ts', {
      DISCORD_TOKEN: TOKEN,
      DISCORD_APPLICATION_ID: APP_ID,
      DISCORD_API_URL: fake.apiUrl,
      CORPUS_DIR: w.corpusDir,
      INDEX_DIR: w.indexDir,
      LOG_LEVEL: 'info',
    });
    await Promise.race([fake.gateway.waitForSession(), r.exit.then((code) => Promise.reject(new Error(`exited ${code}: ${r.stderr()}`)))]);
    expect(fs.existsSync(`${w.indexDir}/CURRENT`)).toBe(true);

    const i = slashCommand({ applicationId: APP_ID, name: 'ask', options: [stringOption('question', 'How many attacks since Oct 17?')] });
    fake.gateway.dispatch('INTERACTION_CREATE', i.payload);
    const edit = await fake.waitForRequest((q) => q.method === 'PATCH' && q.path.includes(i.token));
    expect(embedText(edit.body)).toContain('78');

    r.child.kill('SIGTERM');
    expect(await r.exit).toBe(0);
    const lines = r.stdout().trim().split('\n').map((l) => JSON.parse(l) as { msg: string });
    expect(lines.map((l) => l.msg)).toEqual(expect.arrayContaining(['bot ready', 'shutting down: finishing answers in flight', 'bot stopped']));
    expect(r.stdout() + r.stderr()).not.toContain(TOKEN);
  });
});

describe('npm run start:shards', () => {
  it('runs one process per shard, each answering the interactions of its own shard, and stops them all on SIGTERM', async () => {
    const fake = await fakeDiscord();
    const w = workspace();
    const r = run('scripts/shards.ts', {
      DISCORD_TOKEN: TOKEN,
      DISCORD_APPLICATION_ID: APP_ID,
      DISCORD_API_URL: fake.apiUrl,
      CORPUS_DIR: w.corpusDir,
      INDEX_DIR: w.indexDir,
      TOTAL_SHARDS: '2',
      LOG_LEVEL: 'info',
    });
    await Promise.race([fake.gateway.waitForSession(2), r.exit.then((code) => Promise.reject(new Error(`exited ${code}: ${r.stderr()}`)))]);
    expect(fake.gateway.identifiedShards.sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);

    for (const shard of [0, 1]) {
      const i = slashCommand({ applicationId: APP_ID, name: 'ask', options: [stringOption('question', 'How many attacks since Oct 17?')] });
      fake.gateway.dispatch('INTERACTION_CREATE', i.payload, shard);
      const edit = await fake.waitForRequest((q) => q.method === 'PATCH' && q.path.includes(i.token));
      expect(embedText(edit.body)).toContain('78');
    }

    r.child.kill('SIGTERM');
    expect(await r.exit, r.stderr()).toBe(0);
    expect(r.stdout()).toContain('All shards stopped.');
    expect(fake.gateway.connected(0) || fake.gateway.connected(1)).toBe(false);
  }, 90_000);
});

