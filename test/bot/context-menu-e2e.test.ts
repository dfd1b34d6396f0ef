/** "Ask Sitrep" on a message, end to end on the fake Discord: a private answer, posted for everyone on request. */
import { MessageFlags } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guildMessage, user } from '../fake-discord/payloads.js';
import { ALREADY_POSTED } from '../../src/bot/commands/ask-sitrep.js';
import { UNKNOWN_BUTTON } from '../../src/bot/interactions.js';
import { NO_TEXT } from '../../src/bot/target-question.js';
import { APP_ID, SEED_TITLE, buttonIds, embedText, startHarness, type Harness } from './harness.js';

const QUESTION = 'How many attacks since Oct 17?';
const MENU = 'Ask Sitrep';
const DEFER = 5;
const REPLY = 4;

let h: Harness;
beforeAll(async () => {
  // The hand-set ranking: these tests are about the menu, not about which sentence a model picks.
  h = await startHarness({ ANSWER_MODEL: 'none' });
});
afterAll(async () => {
  await h?.close();
});

const written = (content: string, author = user('reporter')) => guildMessage({ content, channelId: '1100000000000000002', author });

describe('"Ask Sitrep" on a message', () => {
  it('answers the message as a question, privately, with a button to post it', async () => {
    const i = h.menu(MENU, written(QUESTION));
    expect((await h.callback(i)).body).toEqual({ type: DEFER, data: { flags: MessageFlags.Ephemeral } });
    const edit = await h.edit(i);
    expect(edit.body.embeds[0].title).toBe(QUESTION);
    expect(edit.body.embeds[0].description).toContain('**at least 78 attacks**');
    expect(edit.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    const post = buttonIds(edit.body).find((id) => id.startsWith('post:'));
    expect(post).toMatch(/^post:\d{8}[a-z0-9]{10}$/);

    // Posted: an interaction reply everyone sees, the same answer, and no second post button.
    const pressed = h.press(post!, { ...edit.body, flags: MessageFlags.Ephemeral });
    const posted = await h.callback(pressed);
    expect(posted.body.type).toBe(REPLY);
    expect(posted.body.data.flags ?? 0).toBe(0);
    expect(posted.body.data.embeds[0].description).toBe(edit.body.embeds[0].description);
    expect(embedText(posted.body.data)).toContain(SEED_TITLE);
    expect(buttonIds(posted.body.data).some((id) => id.startsWith('post:'))).toBe(false);
    expect(posted.body.data.allowed_mentions).toEqual({ parse: [], replied_user: false });

    const again = await h.callback(h.press(post!, { ...edit.body, flags: MessageFlags.Ephemeral }));
    expect(again.body).toMatchObject({ type: REPLY, data: { content: ALREADY_POSTED, flags: MessageFlags.Ephemeral } });
  });

  it('asks a long message by the question inside it, without the bot\'s mention', async () => {
    const long = `<@${APP_ID}> ${'Reports keep coming in from the bases in Iraq and Syria this week. '.repeat(6)}Who claimed the drone attack on Ain al-Asad? Nobody knows yet.`;
    const edit = await h.edit(h.menu(MENU, written(long)));
    expect(edit.body.embeds[0].title).toBe('Who claimed the drone attack on Ain al-Asad?');
  });

  it('refuses a message with no text, privately', async () => {
    const reply = await h.callback(h.menu(MENU, written('')));
    expect(reply.body).toMatchObject({ type: REPLY, data: { content: NO_TEXT, flags: MessageFlags.Ephemeral } });
  });

  it('counts against the same rate limit as /ask', async () => {
    const asker = user('menu-user');
    const asks = Array.from({ length: h.config.RATE_LIMIT_QUESTIONS }, () => h.ask(QUESTION, { user: asker }));
    await Promise.all(asks.map((i) => h.edit(i)));
    const refused = await h.callback(h.menu(MENU, written(QUESTION), { user: asker }));
    expect(refused.body).toMatchObject({ type: REPLY, data: { flags: MessageFlags.Ephemeral, content: expect.stringMatching(/try again in \d+ s/) } });
  });

  it('says politely when an answer is too old to post, and when a button is unknown', async () => {
    const old = await h.callback(h.press('post:20200101abcdefghij'));
    expect(old.body).toMatchObject({ type: REPLY, data: { flags: MessageFlags.Ephemeral, content: expect.stringMatching(/too old to expand: answers are kept for 30 days/) } });
    const unknown = await h.callback(h.press('something-else:1'));
    expect(unknown.body).toMatchObject({ type: REPLY, data: { content: UNKNOWN_BUTTON, flags: MessageFlags.Ephemeral } });
    // A forged id reaches no file outside the answers folder.
    const forged = await h.callback(h.press('post:../../../etc/passwd'));
    expect(forged.body.data.content).toMatch(/too old/);
  });
});
