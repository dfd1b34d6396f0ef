/**
 * The buttons under an answer, end to end on the fake Discord: Sources and Earlier figures, on every
 * way of asking, still working after a restart and after the index changed, and saying so politely
 * when an answer is too old.
 */
import fs from 'node:fs';
import path from 'node:path';
import { MessageFlags } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directMessage } from '../fake-discord/payloads.js';
import { APP_ID, SEED_TITLE, buttonIds, buttonLabels, embedText, startHarness, type Harness } from './harness.js';

const QUESTION = 'How many attacks since Oct 17?';
const SEED_FILE = 'ain-al-asad-drone-attack.md';
const REPLY = 4;

const EARLIER_TALLY = `---
title: "Pro-Iran Groups Step Up Attacks on US Forces in Iraq and Syria"
source: AFP
published: 2023-11-21
---

Pro-Iran groups fired rockets and drones at bases hosting US troops in Iraq and Syria again on Monday, officials said.

In total, Washington has counted at least 66 attacks since October 17 against its forces in Iraq and Syria, the Pentagon said.

No casualties were reported in the latest attacks.
`;

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ ANSWER_MODEL: 'none' }, { articles: { 'earlier-tally.md': EARLIER_TALLY } });
});
afterAll(async () => {
  await h?.close();
});

const idOf = (body: any, action: string) => buttonIds(body).find((id) => id.endsWith(`:${action}`))!;
const press = async (customId: string) => (await h.callback(h.press(customId))).body;

describe('buttons under an answer', () => {
  let answered: any;
  beforeAll(async () => {
    answered = (await h.edit(h.ask(QUESTION, { asOf: '2023-12-07' }))).body;
  });

  it('close the footer with how fresh the corpus is', () => {
    expect(answered.embeds[0].footer.text).toMatch(/ · corpus updated (just now|\d+ min ago), 2 articles$/);
  });

  it('come under /ask: Sources, for a running figure Earlier figures, and for a count of incidents List them', () => {
    expect(buttonLabels(answered)).toEqual(['Sources', 'Earlier figures', 'List them']);
    expect(idOf(answered, 'sources')).toMatch(/^ans:\d{8}[a-z0-9]{10}:sources$/);
    for (const id of buttonIds(answered)) expect(id.length).toBeLessThanOrEqual(100);
  });

  it('Sources shows, privately, each cited passage (not the whole article) with its title, source and date', async () => {
    const body = await press(idOf(answered, 'sources'));
    expect(body.type).toBe(REPLY);
    expect(body.data.flags).toBe(MessageFlags.Ephemeral);
    const text = body.data.embeds[0].description as string;
    expect(text).toContain(`**[1]** **${SEED_TITLE}** — AFP, 6 Dec 2023`);
    expect(text).toContain('at least 78 attacks since October 17');
    // The passage around the quote, not the article: its first paragraph is not there.
    expect(text).not.toContain('A drone targeted Western troops');
    expect(text).toContain('Pro-Iran Groups Step Up Attacks');
    expect(text).toContain('at least 66 attacks');
    expect(body.data.allowed_mentions).toEqual({ parse: [], replied_user: false });
  });

  it('Earlier figures shows the dated series, newest first', async () => {
    const body = await press(idOf(answered, 'earlier'));
    expect(body.data.flags).toBe(MessageFlags.Ephemeral);
    const text = body.data.embeds[0].description as string;
    expect(text.indexOf('6 Dec 2023')).toBeLessThan(text.indexOf('21 Nov 2023'));
    expect(text).toMatch(/6 Dec 2023\*\* \(the answer\): .*\*\*at least 78 attacks\*\*/);
    expect(text).toMatch(/21 Nov 2023\*\*: .*66 attacks/);
  });

  it('leaves out Earlier figures when there are none, and every button when it abstains', async () => {
    const who = (await h.edit(h.ask('Who claimed the drone attack on Ain al-Asad?'))).body;
    expect(buttonLabels(who)).toEqual(['Sources']);
    const none = (await h.edit(h.ask('What is the capital of France?'))).body;
    expect(buttonLabels(none)).toEqual([]);
  });

  it('come under answers to direct messages and mentions too', async () => {
    const dm = directMessage({ content: QUESTION, channelId: '1200000000000000901' });
    h.fake.gateway.dispatch('MESSAGE_CREATE', dm);
    const dmReply = await h.fake.waitForPost(dm.channel_id as string);
    expect(buttonLabels(dmReply.body)).toContain('Sources');
    const mention = await h.replyTo(h.say(`<@${APP_ID}> ${QUESTION}`, { mentions: [h.fake.botUser] }));
    const body = await press(idOf(mention.body, 'sources'));
    expect(body.data.embeds[0].description).toContain('at least 78 attacks');
  });

  it('keep working after a restart, and after the index changed, showing what was quoted then', async () => {
    // The seed article is rewritten and re-indexed: its tally is now 79, and the old passage is gone.
    const seed = path.join(h.corpusDir, SEED_FILE);
    fs.writeFileSync(seed, fs.readFileSync(seed, 'utf8').replace('at least 78 attacks', 'at least 79 attacks'));
    const { swapped } = await h.bot.index.rebuild();
    expect(swapped || h.sitrep.info().location).toBeTruthy();
    await h.restart();
    const fresh = (await h.edit(h.ask(QUESTION, { asOf: '2023-12-07' }))).body;
    expect(fresh.embeds[0].description).toContain('79 attacks');

    const sources = await press(idOf(answered, 'sources'));
    expect(sources.data.embeds[0].description).toContain('at least 78 attacks since October 17');
    expect(sources.data.embeds[0].description).not.toContain('79 attacks');
    const earlier = await press(idOf(answered, 'earlier'));
    expect(earlier.data.embeds[0].description).toContain('78 attacks');
  });

  it('say politely that an answer is too old to expand', async () => {
    const body = await press('ans:20200101abcdefghij:sources');
    expect(body).toMatchObject({ type: REPLY, data: { flags: MessageFlags.Ephemeral, content: expect.stringMatching(/^This answer is too old to expand/) } });
    const forged = await press('ans:../../x:sources');
    expect(forged.data.content).toMatch(/no longer does anything/);
  });

  it('still answers when the answer cannot be stored, without buttons', async () => {
    const dir = path.resolve(h.config.ANSWERS_DIR);
    fs.rmSync(dir, { recursive: true, force: true });
    // A file where the folder should be: nothing can be stored under it.
    fs.writeFileSync(dir, 'not a folder');
    try {
      const body = (await h.edit(h.ask(QUESTION))).body;
      expect(embedText(body)).toContain('attacks');
      expect(buttonIds(body)).toEqual([]);
      expect(h.logs.some((l) => l.includes('could not store the answer'))).toBe(true);
    } finally {
      fs.rmSync(dir, { force: true });
    }
  });
});
