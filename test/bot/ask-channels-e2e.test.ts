/**
 * Ask channels end to end on the fake Discord: every question a person writes there is answered,
 * everything else is left alone; and without the Message Content intent the bot says so at start-up.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ASK_CHANNEL_ID, OTHER_CHANNEL_ID, user } from '../fake-discord/payloads.js';
import { INTENT } from '../fake-discord/server.js';
import { APP_ID, SEED_TITLE, embedText, startHarness, type Harness } from './harness.js';

const QUESTION = 'How many attacks since Oct 17?';
// The hand-set ranking: these tests are about conversation, not about which sentence a model picks.
const ENV = { ANSWER_MODEL: 'none', ASK_CHANNEL_IDS: ASK_CHANNEL_ID };

const answeredIds = (h: Harness) => new Set(h.fake.requests.map((r) => r.body?.message_reference?.message_id).filter(Boolean));

describe('ask channels', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(ENV, { messageContent: true });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('logs in with the Message Content intent, which is switched on', () => {
    expect(h.fake.gateway.intents! & INTENT.messageContent).toBe(INTENT.messageContent);
    expect(h.logs.some((l) => l.includes('Message Content intent is off'))).toBe(false);
  });

  it('answers a question written in an ask channel as a reply, without a mention', async () => {
    const asked = h.say(QUESTION, { channelId: ASK_CHANNEL_ID });
    const reply = await h.replyTo(asked);
    expect(reply.path).toBe(`/channels/${ASK_CHANNEL_ID}/messages`);
    expect(reply.body.embeds[0].description).toContain('**at least 78 attacks**');
    expect(embedText(reply.body)).toContain(SEED_TITLE);
    expect(reply.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
  });

  it('ignores bots, itself, system messages, small talk, emoji and links alone, and other channels', async () => {
    const ignored = [
      h.say(QUESTION, { channelId: ASK_CHANNEL_ID, author: { ...user('feed-bot'), bot: true } }),
      h.say(QUESTION, { channelId: ASK_CHANNEL_ID, author: h.fake.botUser }),
      h.say('', { channelId: ASK_CHANNEL_ID, type: 7 }),
      h.say('thanks!', { channelId: ASK_CHANNEL_ID }),
      h.say('good morning everyone', { channelId: ASK_CHANNEL_ID }),
      h.say('👍', { channelId: ASK_CHANNEL_ID }),
      h.say('https://example.org/news/erbil', { channelId: ASK_CHANNEL_ID }),
      h.say(QUESTION, { channelId: OTHER_CHANNEL_ID }),
    ];
    // Asked last: once it is answered, every message before it has been seen.
    const last = h.say('Who claimed the drone attack on Ain al-Asad?', { channelId: ASK_CHANNEL_ID });
    await h.replyTo(last);
    const answered = answeredIds(h);
    for (const m of ignored) expect(answered.has(m.id), m.content).toBe(false);
    expect(h.fake.posts(OTHER_CHANNEL_ID)).toHaveLength(0);
  });

  it('shares the rate limit with /ask and mentions', async () => {
    const asker = user('keen');
    const asks = Array.from({ length: h.config.RATE_LIMIT_QUESTIONS - 1 }, () => h.ask(QUESTION, { user: asker }));
    await Promise.all(asks.map((i) => h.edit(i)));
    await h.replyTo(h.say(`<@${APP_ID}> ${QUESTION}`, { mentions: [h.fake.botUser], author: asker }));
    const refused = await h.replyTo(h.say(QUESTION, { channelId: ASK_CHANNEL_ID, author: asker }));
    expect(refused.body.content).toMatch(/try again in \d+ s/);
  });
});

describe('ask channels without the Message Content intent', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ ...ENV, ASK_IN_THREADS: 'true' }, { messageContent: false });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('says at start-up that the intent is off, what needs it and how to turn it on, and logs in without it', () => {
    const warning = h.logs.find((l) => l.includes('Message Content intent is off'));
    expect(warning).toBeDefined();
    const { level, msg } = JSON.parse(warning!);
    expect(level).toBe(40);
    expect(msg).toContain('ASK_CHANNEL_IDS and ASK_IN_THREADS need it');
    expect(msg).toContain('Bot > Privileged Gateway Intents > Message Content Intent');
    expect(h.fake.gateway.intents! & INTENT.messageContent).toBe(0);
    expect(h.fake.gateway.disallowed).toBe(0);
    expect(h.bot.messageContent).toBe(false);
  });

  it('still answers mentions, while ask-channel messages arrive empty and are left alone', async () => {
    const unread = h.say(QUESTION, { channelId: ASK_CHANNEL_ID });
    const mentioned = h.say(`<@${APP_ID}> ${QUESTION}`, { channelId: ASK_CHANNEL_ID, mentions: [h.fake.botUser] });
    const thread = await h.fake.waitForRequest((r) => r.path === `/channels/${ASK_CHANNEL_ID}/messages/${mentioned.id}/threads`);
    expect(thread.body.name).toBe(QUESTION);
    await h.fake.waitForPost(String(h.fake.threads().at(-1)!.id));
    expect(answeredIds(h).has(unread.id)).toBe(false);
    expect(h.fake.requests.some((r) => r.path.includes(`/messages/${unread.id}/threads`))).toBe(false);
  });
});
