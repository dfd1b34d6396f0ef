/**
 * `/timeline` end to end on the fake Discord: the real bot over the shipped corpus and one invented
 * round-up article, the incidents listed newest first with their quotes and citations, the chart
 * attached as a PNG, paging with Previous/Next, and "List them" under an answer that counts incidents.
 */
import { MessageFlags } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringOption } from '../fake-discord/payloads.js';
import type { RecordedRequest } from '../fake-discord/server.js';
import { APP_ID, SEED_TITLE, buttonIds, buttonLabels, embedText, startHarness, type Harness } from './harness.js';

const DEFER = 5;
const DEFER_UPDATE = 6;
const REPLY = 4;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

// Invented for this test: seven incidents in seven places over five weeks.
const ROUNDUP = `---
title: "Northern Front Roundup: a Month of Strikes"
source: Northern Dispatch
published: 2023-11-20
url: https://example.org/northern-front-roundup
---

A drone struck a fuel depot in Mosul on October 18, killing two guards, police said.

Militants fired three rockets at an army post near Tikrit on October 25, wounding four soldiers.

An airstrike hit a training camp in Sinjar on November 1, killing six fighters, the army said.

Gunmen opened fire on a checkpoint in Samarra on November 8, killing one policeman.

A roadside bomb exploded beside a patrol in Baiji on November 12, wounding three soldiers.

A missile struck a warehouse in Erbil on November 15, killing two workers, officials said.

Shelling hit the outskirts of Kirkuk on November 17, wounding five civilians.
`;

const COUNTED = { count: 7, filter: { since: '2023-11-01' }, line: "Sitrep's corpus reports 7 distinct incidents since 1 Nov 2023" };

let h: Harness;
beforeAll(async () => {
  h = await startHarness(
    { ANSWER_MODEL: 'none' },
    {
      articles: { 'weekly-roundup.md': ROUNDUP },
      // The answer path does not count incidents yet: this answer carries the count as it will.
      wrapSitrep: (s) => ({ ...s, answer: async (q, o) => ({ ...(await s.answer(q, o)), incidents: COUNTED }) }),
    },
  );
});
afterAll(async () => {
  await h?.close();
});

const timeline = (options: Record<string, string> = {}) => h.command('timeline', Object.entries(options).map(([k, v]) => stringOption(k, v)));
/** The edit of a button press's deferred reply or update: a PATCH of its original message. */
const editOf = (i: { token: string }) => h.fake.waitForRequest((r) => r.method === 'PATCH' && r.path === `/webhooks/${APP_ID}/${i.token}/messages/@original`);

function expectChart(r: RecordedRequest): void {
  expect(r.files).toHaveLength(1);
  expect(r.files[0]!.filename).toBe('timeline.png');
  expect(r.files[0]!.data.length).toBeGreaterThan(0);
  expect(r.files[0]!.data.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  expect(r.body.embeds[0].image.url).toBe('attachment://timeline.png');
}

describe('/timeline on Discord', () => {
  let first: RecordedRequest;
  beforeAll(async () => {
    const i = timeline();
    expect((await h.callback(i)).body.type).toBe(DEFER);
    first = await h.edit(i);
  });

  it('lists the incidents newest first, each quoted with numbered citations and the sources under them', () => {
    const embed = first.body.embeds[0];
    expect(embed.title).toBe("Incidents Sitrep's corpus reports");
    expect(embed.description).toMatch(/^Sitrep's corpus reports 9 incidents, newest first\./);
    const text = embed.description as string;
    expect(text.indexOf('**1. 6 Dec 2023**')).toBeGreaterThan(0);
    expect(text.indexOf('**1. 6 Dec 2023**')).toBeLessThan(text.indexOf('**2. 3 Dec 2023**'));
    expect(text).toContain('> “A drone targeted Western troops at a military base in Iraq on Wednesday');
    expect(text).toMatch(/killing five of them\.” \[1\]/);
    expect(text).toContain('**3. 17 Nov 2023** · shelling · Kirkuk · injured 5');
    expect(text).toMatch(/Shelling hit the outskirts of Kirkuk on November 17, wounding five civilians\.” \[2\]/);
    expect(embed.fields[0].name).toBe('Sources');
    expect(embed.fields[0].value).toContain(`**[1]** **${SEED_TITLE}** — AFP, 6 Dec 2023`);
    expect(embed.fields[0].value).toContain('**[2]** [Northern Front Roundup: a Month of Strikes](<https://example.org/northern-front-roundup>) — Northern Dispatch, 20 Nov 2023');
    expect(embed.footer.text).toBe('Page 1 of 2 · 9 incidents');
    expect(first.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
  });

  it('attaches the chart of incidents per week as a PNG, shown in the embed', () => {
    expectChart(first);
  });

  it('fits every page in Discord\'s limits', () => {
    const embed = first.body.embeds[0];
    expect(embed.description.length).toBeLessThanOrEqual(4096);
    expect(embedText(first.body).length).toBeLessThanOrEqual(6000);
    for (const id of buttonIds(first.body)) expect(id.length).toBeLessThanOrEqual(100);
  });

  it('pages with Previous and Next, in the same message', async () => {
    expect(buttonLabels(first.body)).toEqual(['Previous', 'Next']);
    expect(first.body.components[0].components.map((c: any) => c.disabled ?? false)).toEqual([true, false]);
    const press = h.press(buttonIds(first.body)[1]!, first.body);
    expect((await h.callback(press)).body.type).toBe(DEFER_UPDATE);
    const next = await editOf(press);
    const text = next.body.embeds[0].description as string;
    expect(next.body.embeds[0].footer.text).toBe('Page 2 of 2 · 9 incidents');
    expect(text).toContain('**6. 8 Nov 2023** · gunfire · Samarra · killed 1');
    expect(text).toContain('**9. 18 Oct 2023** · drone · Mosul · killed 2');
    expect(text).not.toContain('6 Dec 2023');
    // Numbers restart with the page's own sources.
    expect(next.body.embeds[0].fields[0].value).toMatch(/^\*\*\[1\]\*\* \[Northern Front Roundup/);
    expectChart(next);
    expect(next.body.components[0].components.map((c: any) => c.disabled ?? false)).toEqual([false, true]);

    const back = h.press(buttonIds(next.body)[0]!, next.body);
    expect((await editOf(back)).body.embeds[0].footer.text).toBe('Page 1 of 2 · 9 incidents');
  });

  it('takes place and written dates as /ask takes as_of, and the filter reaches the chart', async () => {
    const since = await h.edit(timeline({ since: '1 Nov 2023', until: 'November 30, 2023' }));
    expect(since.body.embeds[0].description).toMatch(/^Sitrep's corpus reports 5 incidents matching since 1 Nov 2023 · until 30 Nov 2023, newest first\./);
    expect(since.body.embeds[0].footer.text).toBe('Page 1 of 1 · 5 incidents');
    expect(buttonIds(since.body)).toEqual([]);
    expectChart(since);
    const kirkuk = await h.edit(timeline({ place: 'Kirkuk' }));
    expect(kirkuk.body.embeds[0].description).toMatch(/^Sitrep's corpus reports 2 incidents matching place Kirkuk/);
  });

  it('refuses a date it cannot read, or a range that ends before it starts, privately', async () => {
    const bad = await h.callback(timeline({ since: 'the day after the war' }));
    expect(bad.body.type).toBe(REPLY);
    expect(bad.body.data.flags).toBe(MessageFlags.Ephemeral);
    expect(bad.body.data.content).toBe(`I can't read "the day after the war" as the since date. Write dates as 2023-10-17 or 17 Oct 2023 (not after today).`);
    const reversed = await h.callback(timeline({ since: '2023-12-01', until: '2023-11-01' }));
    expect(reversed.body.data.flags).toBe(MessageFlags.Ephemeral);
    expect(reversed.body.data.content).toBe('The since date (2023-12-01) is after the until date (2023-11-01).');
  });

  it('says plainly when the corpus reports nothing matching, with no empty chart', async () => {
    const none = await h.edit(timeline({ place: 'Atlantis' }));
    expect(none.body.embeds[0].description).toBe("Sitrep's corpus reports no incident matching place Atlantis.");
    expect(none.files).toEqual([]);
    expect(none.body.embeds[0].image).toBeUndefined();
  });

  it('never pings anyone nor links what a user typed', async () => {
    const hostile = await h.edit(timeline({ place: '@everyone https://evil.example/x', actor: '<@123456789012345678>' }));
    const text = embedText(hostile.body);
    // The place is shown as typed, but as text: no `https://` left for Discord to make a link of.
    expect(text).toContain('evil.example/x');
    expect(text).not.toMatch(/https?:\/\//i);
    expect(text).not.toMatch(/(^|[^\\])@everyone/);
    expect(text).not.toMatch(/(^|[^\\])<@/);
    expect(hostile.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
  });

  it('says a forged page button no longer does anything', async () => {
    const forged = await h.callback(h.press('tl:x:f:::Mosul:'));
    expect(forged.body.data.content).toMatch(/no longer does anything/);
    // Shaped like a page button, but its day is no calendar day: said privately, nothing thrown.
    const badDay = h.press('tl:0:f:20231301::Mosul:');
    const followUp = await h.fake.waitForRequest((r) => r.method === 'POST' && r.path === `/webhooks/${APP_ID}/${badDay.token}`);
    expect(followUp.body.content).toMatch(/no longer does anything/);
    expect(followUp.body.flags).toBe(MessageFlags.Ephemeral);
  });
});

describe('"List them" under an answer that counts incidents', () => {
  let answered: any;
  beforeAll(async () => {
    answered = (await h.edit(h.ask('How many attacks since Oct 17?', { asOf: '2023-12-07' }))).body;
  });

  it('shows the count as what the corpus holds, and the button', () => {
    expect(answered.embeds[0].description).toContain(COUNTED.line.replace(/'/g, "'"));
    expect(buttonLabels(answered)).toContain('List them');
  });

  it('opens the timeline of its filter privately, with the chart, and pages it', async () => {
    const id = buttonIds(answered).find((b) => b.endsWith(':incidents'))!;
    const press = h.press(id, answered);
    const callback = await h.callback(press);
    expect(callback.body).toMatchObject({ type: DEFER, data: { flags: MessageFlags.Ephemeral } });
    const list = await editOf(press);
    expect(list.body.embeds[0].description).toMatch(/^Sitrep's corpus reports 7 incidents matching since 1 Nov 2023, newest first\./);
    expect(list.body.embeds[0].footer.text).toBe('Page 1 of 2 · 7 incidents');
    expectChart(list);
    const next = buttonIds(list.body)[1]!;
    expect(next).toMatch(/^tl:1:a:\d{8}[a-z0-9]{10}$/);
    const page2 = h.press(next, { ...list.body, flags: MessageFlags.Ephemeral });
    expect((await h.callback(page2)).body.type).toBe(DEFER_UPDATE);
    const shown = await editOf(page2);
    expect(shown.body.embeds[0].footer.text).toBe('Page 2 of 2 · 7 incidents');
    expect(shown.body.embeds[0].description).toContain('**6. 8 Nov 2023** · gunfire · Samarra');
  });

  it('says so when the answer is too old to list', async () => {
    const old = await h.callback(h.press('tl:1:a:20200101abcdefghij'));
    expect(old.body.data.content).toMatch(/^This answer is too old to expand/);
  });
});
