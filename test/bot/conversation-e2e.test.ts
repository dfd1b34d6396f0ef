/**
 * Conversation in a server, end to end on the fake Discord: mentions answered as replies or in
 * threads, follow-ups in those threads, and the same limits as /ask.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GENERAL_CHANNEL_ID, user } from '../fake-discord/payloads.js';
import { INTENT } from '../fake-discord/server.js';
import { APP_ID, SEED_TITLE, embedText, startHarness, type Harness } from './harness.js';

const QUESTION = 'How many attacks since Oct 17?';
const NO_PINGS = { parse: [], replied_user: false };
// The hand-set ranking: these tests are about conversation, not about which sentence a model picks.
const ENV = { ANSWER_MODEL: 'none' };

describe('mentions', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(ENV);
  });
  afterAll(async () => {
    await h?.close();
  });
  const mention = (text: string, as = user()) => h.say(`<@${APP_ID}> ${text}`, { mentions: [h.fake.botUser], author: as });

  it('logs in with Guilds, Guild Messages and Direct Messages, and no privileged intent when nothing needs one', () => {
    expect(h.fake.gateway.intents).toBe(1 | INTENT.guildMessages | 4096);
    expect(h.bot.messageContent).toBe(false);
    expect(h.logs.some((l) => l.includes('Message Content'))).toBe(false);
  });

  it('answers a message that mentions the bot as a reply to it, the question without the mention', async () => {
    const asked = mention(QUESTION);
    const reply = await h.replyTo(asked);
    expect(reply.path).toBe(`/channels/${GENERAL_CHANNEL_ID}/messages`);
    expect(reply.body.embeds[0].title).toBe(QUESTION);
    expect(reply.body.embeds[0].description).toContain('**at least 78 attacks**');
    expect(embedText(reply.body)).toContain(SEED_TITLE);
    expect(reply.body.allowed_mentions).toEqual(NO_PINGS);
  });

  it('reads the mention even without the Message Content intent, and ignores messages that do not mention it', async () => {
    const unmentioned = h.say(QUESTION);
    const asked = mention(`as of 5 Dec 2023: ${QUESTION}`);
    const reply = await h.replyTo(asked);
    expect(reply.body.embeds[0].footer.text).toMatch(/^as of 5 Dec 2023 · /);
    expect(h.fake.requests.some((r) => r.body?.message_reference?.message_id === unmentioned.id)).toBe(false);
  });

  it('answers a mention with no question with the short help', async () => {
    const reply = await h.replyTo(h.say(`<@${APP_ID}>`, { mentions: [h.fake.botUser] }));
    expect(reply.body.content).toMatch(/^Ask me after the mention, for example: @sitrep How many attacks since Oct 17\?/);
    expect(reply.body.allowed_mentions).toEqual(NO_PINGS);
  });

  it('never answers a bot that mentions it, nor pings anyone named in the question', async () => {
    const fromBot = h.say(`<@${APP_ID}> ${QUESTION}`, { mentions: [h.fake.botUser], author: { ...user('other-bot'), bot: true } });
    const pinging = mention('@everyone <@&1100000000000000123> how many attacks since Oct 17?');
    const reply = await h.replyTo(pinging);
    expect(reply.body.allowed_mentions).toEqual(NO_PINGS);
    expect(reply.body.embeds[0].title).toContain('@everyone');
    expect(h.fake.requests.some((r) => r.body?.message_reference?.message_id === fromBot.id)).toBe(false);
  });

  it('shares the per-user rate limit with /ask', async () => {
    const asker = user('eager');
    const asks = Array.from({ length: h.config.RATE_LIMIT_QUESTIONS }, () => h.ask(QUESTION, { user: asker }));
    await Promise.all(asks.map((i) => h.edit(i)));
    const reply = await h.replyTo(mention(QUESTION, asker));
    expect(reply.body.content).toMatch(/try again in \d+ s/);
    expect(reply.body.embeds ?? []).toEqual([]);
  });
});

describe('mentions answered in threads (ASK_IN_THREADS)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ ...ENV, ASK_IN_THREADS: 'true' }, { messageContent: true });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('asks for the Message Content intent, which follow-ups need', () => {
    expect(h.bot.messageContent).toBe(true);
    expect(h.fake.gateway.intents! & INTENT.messageContent).toBe(INTENT.messageContent);
  });

  it('opens a thread named after the question, answers there, and takes follow-ups in it', async () => {
    const asked = h.say(`<@${APP_ID}> ${QUESTION}`, { mentions: [h.fake.botUser] });
    const started = await h.fake.waitForRequest((r) => r.method === 'POST' && r.path === `/channels/${GENERAL_CHANNEL_ID}/messages/${asked.id}/threads`);
    expect(started.body.name).toBe(QUESTION);
    const thread = h.fake.threads().at(-1)!;
    const answer = await h.fake.waitForPost(String(thread.id));
    expect(answer.body.embeds[0].description).toContain('**at least 78 attacks**');
    expect(answer.body.allowed_mentions).toEqual(NO_PINGS);
    // No second copy in the channel itself.
    expect(h.fake.requests.some((r) => r.body?.message_reference?.message_id === asked.id)).toBe(false);

    const thanks = h.say('thanks!', { channelId: String(thread.id) });
    const followUp = h.say('Who claimed the drone attack on Ain al-Asad?', { channelId: String(thread.id) });
    const reply = await h.replyTo(followUp);
    expect(reply.path).toBe(`/channels/${thread.id}/messages`);
    expect(reply.body.embeds[0].title).toBe('Who claimed the drone attack on Ain al-Asad?');
    expect(embedText(reply.body)).toContain(SEED_TITLE);
    expect(h.fake.requests.some((r) => r.body?.message_reference?.message_id === thanks.id)).toBe(false);
  });

  it('does not take messages in threads other people started', async () => {
    const other = { id: '1100000000000000888', guild_id: '1100000000000000001', parent_id: GENERAL_CHANNEL_ID, owner_id: '1100000000000000500', type: 11, name: 'chat', thread_metadata: { archived: false, auto_archive_duration: 1440, archive_timestamp: new Date().toISOString(), locked: false } };
    h.fake.gateway.dispatch('THREAD_CREATE', other);
    const ignored = h.say(QUESTION, { channelId: other.id });
    const mentioned = h.say(`<@${APP_ID}> ${QUESTION}`, { channelId: other.id, mentions: [h.fake.botUser] });
    // A mention inside a thread is answered in place, not with a thread of its own.
    const reply = await h.replyTo(mentioned);
    expect(reply.path).toBe(`/channels/${other.id}/messages`);
    expect(h.fake.requests.some((r) => r.body?.message_reference?.message_id === ignored.id)).toBe(false);
  });

  it('replies instead when it may not start a thread', async () => {
    const asked = h.say(`<@${APP_ID}> ${QUESTION}`, { mentions: [h.fake.botUser] });
    h.fake.respondOnce((r) => r.path === `/channels/${GENERAL_CHANNEL_ID}/messages/${asked.id}/threads`, 403, { code: 50013, message: 'Missing Permissions' });
    const reply = await h.replyTo(asked);
    expect(reply.body.embeds[0].description).toContain('**at least 78 attacks**');
    expect(h.logs.some((l) => l.includes('could not answer in a thread'))).toBe(true);
  });
});
