/**
 * End to end: the real discord.js client of the bot, logged in to a fake Discord on loopback,
 * answering from the real pipeline over the shipped corpus.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MessageFlags } from 'discord.js';
import { buttonPress, directMessage, PERMISSIONS, user } from '../fake-discord/payloads.js';
import { REFUSAL } from '../../src/bot/commands/reindex.js';
import { APP_ID, OWNER_ID, SEED_TITLE, TOKEN, embedText, startHarness, type Harness } from './harness.js';

const execFileAsync = promisify(execFile);
const QUESTION = 'How many attacks since Oct 17?';
const DEFER = 5;
const REPLY = 4;

let h: Harness;
beforeAll(async () => {
  h = await startHarness({}, { watchIntervalMs: 100 });
});
afterAll(async () => {
  await h?.close();
});

describe('the bot on Discord', () => {
  it('logs in through the gateway with only non-privileged intents (Guilds | GuildMessages | DirectMessages)', () => {
    expect(h.fake.gateway.identifies).toBe(1);
    expect(h.fake.gateway.intents).toBe(4609);
  });

  it('answers /ask with a deferral, then an embed quoting "78" with its source and no mentions', async () => {
    const i = h.ask(QUESTION);
    const callback = await h.callback(i);
    expect(callback.body).toMatchObject({ type: DEFER });
    expect(callback.body.data?.flags ?? 0).toBe(0);
    const edit = await h.edit(i);
    const text = embedText(edit.body);
    expect(edit.body.embeds[0].description).toContain('**at least 78 attacks**');
    expect(text).toContain(SEED_TITLE);
    expect(text).toContain('AFP, 6 Dec 2023');
    expect(edit.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
  });

  it('answers /ask as_of: from the articles published by then, and says both dates', async () => {
    const then = await h.edit(h.ask(QUESTION, { asOf: '2023-12-06' }));
    expect(then.body.embeds[0].description).toContain('**at least 78 attacks**');
    expect(then.body.embeds[0].footer.text).toMatch(/^as of 6 Dec 2023 · newest source 6 Dec 2023 · /);
    // The day before the seed article was published, the corpus held nothing to answer with.
    const before = await h.edit(h.ask(QUESTION, { asOf: '5 Dec 2023' }));
    expect(before.body.embeds[0].description).toBe("I couldn't find that in the corpus.");
    expect(before.body.embeds[0].footer.text).toMatch(/^as of 5 Dec 2023 · /);
  });

  it('refuses an as_of it cannot read, privately, with the forms it takes', async () => {
    const callback = await h.callback(h.ask(QUESTION, { asOf: 'the day after the war' }));
    expect(callback.body.type).toBe(REPLY);
    expect(callback.body.data.flags).toBe(MessageFlags.Ephemeral);
    expect(callback.body.data.content).toMatch(/2023-12-06 or 6 Dec 2023/);
  });

  it('reads "as of <date>:" at the start of a direct message', async () => {
    const dm = directMessage({ content: `as of 2023-12-05: ${QUESTION}`, channelId: '1200000000000000557' });
    h.fake.gateway.dispatch('MESSAGE_CREATE', dm);
    const reply = await h.fake.waitForRequest((r) => r.method === 'POST' && r.path === `/channels/${dm.channel_id}/messages`);
    expect(reply.body.embeds[0].description).toBe("I couldn't find that in the corpus.");
    expect(reply.body.embeds[0].title).toBe(QUESTION);
    expect(reply.body.embeds[0].footer.text).toMatch(/^as of 5 Dec 2023 · /);
  });

  it('says plainly when the corpus does not hold the answer, listing the closest sources', async () => {
    const edit = await h.edit(h.ask('What is the capital of France?'));
    expect(edit.body.embeds[0].description).toBe("I couldn't find that in the corpus.");
    expect(edit.body.embeds[0].fields[0]).toMatchObject({ name: 'Closest sources', value: expect.stringContaining(SEED_TITLE) });
  });

  it('answers privately when asked with private:true', async () => {
    const i = h.ask(QUESTION, { private: true });
    expect((await h.callback(i)).body).toEqual({ type: DEFER, data: { flags: MessageFlags.Ephemeral } });
    expect(embedText((await h.edit(i)).body)).toContain('78');
  });

  it('replies to a direct message with the same answer', async () => {
    const dm = directMessage({ content: QUESTION });
    h.fake.gateway.dispatch('MESSAGE_CREATE', dm);
    const reply = await h.fake.waitForRequest((r) => r.method === 'POST' && r.path === `/channels/${dm.channel_id}/messages`);
    expect(reply.body.embeds[0].description).toContain('**at least 78 attacks**');
    expect(embedText(reply.body)).toContain(SEED_TITLE);
    expect(reply.body.message_reference).toMatchObject({ message_id: dm.id });
    expect(reply.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
  });

  it('answers "help" in a direct message with the help text, and ignores messages from bots', async () => {
    const fromBot = directMessage({ content: QUESTION, author: { ...user('another-bot'), bot: true }, channelId: '1200000000000000555' });
    h.fake.gateway.dispatch('MESSAGE_CREATE', fromBot);
    const dm = directMessage({ content: 'help', channelId: '1200000000000000556' });
    h.fake.gateway.dispatch('MESSAGE_CREATE', dm);
    const reply = await h.fake.waitForRequest((r) => r.path === `/channels/${dm.channel_id}/messages`);
    expect(embedText(reply.body)).toContain('/ask question:');
    expect(h.fake.requests.some((r) => r.path === `/channels/${fromBot.channel_id}/messages`)).toBe(false);
  });

  it('refuses a question of only symbols with a clear private message', async () => {
    const i = h.ask('?!?! ... ###');
    const callback = await h.callback(i);
    expect(callback.body.type).toBe(REPLY);
    expect(callback.body.data.flags).toBe(MessageFlags.Ephemeral);
    expect(callback.body.data.content).toMatch(/no words/);
  });

  it('never lets a question ping anyone, even with @everyone in it', async () => {
    const i = h.ask('@everyone @here <@&1100000000000000123> how many attacks since Oct 17?');
    const edit = await h.edit(i);
    expect(edit.body.allowed_mentions.parse).toEqual([]);
    expect(edit.body.embeds[0].title).toContain('@everyone');
  });

  it('tells a user who asks too fast when to try again', async () => {
    const asker = user('eager');
    const first = Array.from({ length: h.config.RATE_LIMIT_QUESTIONS }, () => h.ask(QUESTION, { user: asker }));
    await Promise.all(first.map((i) => h.edit(i)));
    const extra = h.ask(QUESTION, { user: asker });
    const callback = await h.callback(extra);
    expect(callback.body.type).toBe(REPLY);
    expect(callback.body.data.flags).toBe(MessageFlags.Ephemeral);
    expect(callback.body.data.content).toMatch(/try again in \d+ s/);
  });

  it('counts /latest against the same per-user limit', async () => {
    const reader = user('browser');
    const first = Array.from({ length: h.config.RATE_LIMIT_QUESTIONS }, () => h.command('latest', [], { user: reader }));
    await Promise.all(first.map((i) => h.edit(i)));
    const callback = await h.callback(h.command('latest', [], { user: reader }));
    expect(callback.body.type).toBe(REPLY);
    expect(callback.body.data.flags).toBe(MessageFlags.Ephemeral);
    expect(callback.body.data.content).toMatch(/try again in \d+ s/);
  });

  it('shows /help, /about and /sources', async () => {
    const help = await h.callback(h.command('help'));
    expect(help.body.data.flags).toBe(MessageFlags.Ephemeral);
    expect(embedText(help.body.data)).toContain('/reindex');

    const about = embedText((await h.callback(h.command('about'))).body.data);
    expect(about).toMatch(/Articles\n1\n/);
    expect(about).toContain('glove');

    const sources = await h.callback(h.command('sources'));
    expect(embedText(sources.body.data)).toContain(SEED_TITLE);
    expect(sources.body.data.allowed_mentions.parse).toEqual([]);
  });

  it('pages /sources with its buttons', async () => {
    const press = buttonPress({
      applicationId: APP_ID,
      customId: 'sources:1',
      message: { id: '1300000000000000001', channel_id: '1100000000000000002', author: h.fake.botUser, content: '', timestamp: new Date().toISOString(), embeds: [], components: [], attachments: [], mentions: [], mention_roles: [], type: 0 },
    });
    h.fake.gateway.dispatch('INTERACTION_CREATE', press.payload);
    const update = await h.callback(press);
    expect(update.body.type).toBe(7);
    expect(embedText(update.body.data)).toContain('Page 1 of 1');
  });

  it('survives a failing request: logs it, apologises privately, and answers the next question', async () => {
    const failing = h.ask(QUESTION);
    h.fake.respondOnce(
      (r) => r.method === 'PATCH' && r.path.includes(failing.token),
      400,
      { code: 50035, message: 'Invalid Form Body' },
    );
    const apology = await h.fake.waitForRequest((r) => r.method === 'POST' && r.path === `/webhooks/${APP_ID}/${failing.token}`);
    expect(apology.body).toMatchObject({ content: expect.stringMatching(/^Sorry/), flags: MessageFlags.Ephemeral });
    expect(h.logs.some((l) => l.includes('"interaction failed"') && l.includes('Invalid Form Body'))).toBe(true);

    const next = h.ask(QUESTION);
    expect(embedText((await h.edit(next)).body)).toContain('78');
  });

  it('waits and retries when Discord answers 429 with Retry-After', async () => {
    const i = h.ask(QUESTION);
    h.fake.respondOnce((r) => r.method === 'PATCH' && r.path.includes(i.token), 429, { message: 'You are being rate limited.', retry_after: 0.3, global: false }, { 'retry-after': '0.3' });
    const edits = () => h.fake.requests.filter((r) => r.method === 'PATCH' && r.path.includes(i.token));
    const ok = await h.fake.waitForRequest((r) => r.method === 'PATCH' && r.path.includes(i.token) && edits().length === 2);
    expect(ok.at - edits()[0]!.at).toBeGreaterThanOrEqual(250);
    expect(embedText(ok.body)).toContain('78');
  });

  it('resumes after the gateway closes with 4000, replays what it missed, and answers', async () => {
    const identifies = h.fake.gateway.identifies;
    h.fake.gateway.close(4000);
    // Sent while the bot is disconnected: Discord keeps it for the resumed session.
    const missed = h.ask(QUESTION);
    await h.fake.gateway.waitForSession();
    expect(h.fake.gateway.resumes).toBe(1);
    expect(h.fake.gateway.identifies).toBe(identifies);
    expect(embedText((await h.edit(missed)).body)).toContain('78');
    expect(embedText((await h.edit(h.ask(QUESTION))).body)).toContain('78');
  });

  it('refuses /reindex to a member without Manage Server', async () => {
    const i = h.command('reindex', [], { permissions: PERMISSIONS.member });
    const callback = await h.callback(i);
    expect(callback.body).toMatchObject({ type: REPLY, data: { flags: MessageFlags.Ephemeral, content: REFUSAL } });
  });

  it('re-indexes for an owner off the event loop, answering questions meanwhile, then swaps and reports', async () => {
    fs.writeFileSync(path.join(h.corpusDir, 'erbil-rockets.md'), ERBIL_ARTICLE);
    fs.writeFileSync(path.join(h.corpusDir, 'empty.md'), '');
    const reindex = h.command('reindex', [], { user: { ...user('owner'), id: OWNER_ID }, permissions: PERMISSIONS.member });
    expect((await h.callback(reindex)).body.type).toBe(DEFER);

    const during = h.ask(QUESTION);
    const answered = await h.edit(during);
    const finishedFirst = h.fake.requests.some((r) => r.path.includes(reindex.token) && embedText(r.body).includes('Re-index finished'));
    expect(finishedFirst).toBe(false);
    expect(h.bot.index.rebuilding).toBe(true);
    expect(embedText(answered.body)).toContain('78');

    const report = await h.edit(reindex, (b) => embedText(b).includes('Re-index finished'));
    const text = embedText(report.body);
    // The bot's watch on CURRENT may swap before the re-index flow does; either way the new index serves.
    expect(text).toMatch(/The new index is live\.|The new index is built; the bot already uses it\./);
    expect(text).toMatch(/Articles\n2\n/);
    expect(text).toMatch(/Skipped \(1\)\nempty\.md: empty file/);
    expect(h.sitrep.info().articles).toBe(2);

    const erbil = embedText((await h.edit(h.ask('How many rockets struck the base at Erbil airport?'))).body);
    expect(erbil).toContain('Rockets Hit Erbil Airport Base Hosting US Troops');
  });

  it('picks up an index rebuilt by `npm run index` while it runs', async () => {
    fs.writeFileSync(path.join(h.corpusDir, 'tanf-drone.md'), TANF_ARTICLE);
    const before = h.sitrep.info().location;
    // What `npm run index` runs, as a separate process, while the bot keeps running.
    await execFileAsync(process.execPath, ['--import', 'tsx', 'scripts/index.ts'], {
      env: { ...process.env, CORPUS_DIR: h.config.CORPUS_DIR, INDEX_DIR: h.config.INDEX_DIR },
    });
    await until(() => h.sitrep.info().location !== before);
    expect(h.sitrep.info().articles).toBe(3);
    expect(embedText((await h.callback(h.command('sources'))).body.data)).toContain('Drone Shot Down Near Al-Tanf Garrison');
    expect(h.logs.some((l) => l.includes('"index reloaded"'))).toBe(true);
  });

  it('answers 200 /ask interactions dispatched at once, losing none', async () => {
    const many = Array.from({ length: 200 }, () => h.ask(QUESTION));
    const edits = await Promise.all(many.map((i) => h.edit(i)));
    expect(edits).toHaveLength(200);
    expect(edits.every((e) => e.body.embeds[0].description.includes('**at least 78 attacks**'))).toBe(true);
    for (const i of many) expect(h.fake.requestsFor(i).filter((r) => r.path.endsWith('/callback'))).toHaveLength(1);
  });

  it('keeps the gateway alive with heartbeats, each acknowledged', () => {
    expect(h.fake.gateway.opsReceived.filter((op) => op === 1).length).toBeGreaterThan(0);
    expect(h.fake.gateway.connected()).toBe(true);
  });

  it('never writes the bot token or an interaction token to its logs', () => {
    const all = h.logs.join('\n');
    expect(h.logs.length).toBeGreaterThan(10);
    expect(all).not.toContain(TOKEN);
    const tokens = h.fake.requests.flatMap((r) => /\/(?:interactions\/\d+|webhooks\/\d+)\/([^/]+)/.exec(r.path)?.[1] ?? []);
    expect(tokens.length).toBeGreaterThan(200);
    for (const t of new Set(tokens)) expect(all).not.toContain(t);
  });
});

async function until(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

const ERBIL_ARTICLE = `---
title: "Rockets Hit Erbil Airport Base Hosting US Troops"
source: Reuters
published: 2024-01-12
url: https://example.org/erbil-rockets
---

Three rockets struck a base at Erbil airport in northern Iraq on Friday, the Kurdish region's counter-terrorism service said.

The base hosts US troops deployed with the international coalition. No casualties were reported.
`;

const TANF_ARTICLE = `---
title: "Drone Shot Down Near Al-Tanf Garrison"
source: AFP
published: 2024-01-20
---

Coalition forces shot down a drone approaching the Al-Tanf garrison in southeastern Syria on Saturday, a US official said.

No group immediately claimed the attempted attack.
`;
