/**
 * Alerts end to end: two news sites publish the same event in different words in their feeds, the
 * bot's feed poller takes both in, and the alert channel gets one alert for it, quoted and cited,
 * updated with "also reported by"; ALERT_MAX_PER_HOUR holds back the rest; /latest lists the stories.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OTHER_CHANNEL_ID } from '../fake-discord/payloads.js';
import { stringOption } from '../fake-discord/payloads.js';
import { TestSite } from '../ingest/site.js';
import { embedText, startHarness, until, type Harness } from './harness.js';

const day = (ago: number) => new Date(Date.now() - ago * 86_400_000).toISOString().slice(0, 10);

const page = (o: { title: string; site: string; published: string; paragraphs: string[] }) => `<!doctype html><html><head>
<meta charset="utf-8"><meta property="og:title" content="${o.title}"><meta property="og:site_name" content="${o.site}">
<meta property="article:published_time" content="${o.published}T09:00:00Z"></head>
<body><main><article><h1>${o.title}</h1>${o.paragraphs.map((p) => `<p>${p}</p>`).join('\n')}</article></main></body></html>`;

const feed = (title: string, origin: string, items: { path: string; title: string; published: string }[]) => `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>${title}</title><link>${origin}/</link><description>Invented news for tests</description>
${items.map((i) => `<item><title>${i.title}</title><link>${origin}${i.path}</link><guid>${i.path}</guid><pubDate>${new Date(`${i.published}T09:00:00Z`).toUTCString()}</pubDate></item>`).join('\n')}
</channel></rss>`;

const LEDGER_DEPOT = {
  title: 'Rockets Strike Kessel Fuel Depot Outside Marrow Creek',
  site: 'The Harbour Ledger',
  paragraphs: [
    'Seven rockets struck the Kessel fuel depot outside Marrow Creek late on Tuesday, setting two storage tanks on fire, the regional governor said.',
    'No casualties were reported. The Northern Front claimed the attack in a statement posted online.',
    'Firefighters from three neighbouring districts worked through the night to keep the blaze away from a rail yard beside the depot.',
  ],
};
const DISPATCH_DEPOT = {
  title: 'Fuel depot near Marrow Creek hit by rocket barrage',
  site: 'Northern Dispatch',
  paragraphs: [
    'A barrage of seven rockets hit the Kessel fuel storage site near the town of Marrow Creek on Tuesday night, igniting two tanks, according to the governor of the region.',
    'The Northern Front said it carried out the strike; nobody was hurt.',
    'Crews fought the fire until dawn, and the rail line that runs past the site was closed as a precaution.',
  ],
};
const LEDGER_BRIDGE = {
  title: 'Drone Damages Orlen River Bridge',
  site: 'The Harbour Ledger',
  paragraphs: [
    'A drone hit the road bridge over the Orlen river on Wednesday morning, tearing a hole in one lane, the transport ministry said.',
    'Traffic was diverted to the old ferry crossing while engineers inspected the span.',
    'The ministry said it expected the bridge to reopen to light vehicles within a week.',
  ],
};
const DISPATCH_CONVOY = {
  title: 'Aid Convoy Turned Back at Selk Pass',
  site: 'Northern Dispatch',
  paragraphs: [
    'Gunmen forced a convoy of twelve aid trucks to turn back at the Selk Pass on Wednesday, the relief agency running it said.',
    'The drivers were unharmed, and the agency said it would try the northern road instead.',
    'It was the third convoy stopped on the pass this month.',
  ],
};

let h: Harness;
let ledger: TestSite;
let dispatch: TestSite;
beforeAll(async () => {
  ledger = await TestSite.start('127.0.0.1');
  dispatch = await TestSite.start('127.0.0.2');
  ledger.serve('/news/depot', page({ ...LEDGER_DEPOT, published: day(2) }));
  ledger.serve('/news/bridge', page({ ...LEDGER_BRIDGE, published: day(1) }));
  dispatch.serve('/world/depot-barrage', page({ ...DISPATCH_DEPOT, published: day(2) }));
  dispatch.serve('/world/convoy', page({ ...DISPATCH_CONVOY, published: day(1) }));
  const ledgerFeed = ledger.serve('/rss.xml', feed('The Harbour Ledger', ledger.origin, [
    { path: '/news/depot', title: LEDGER_DEPOT.title, published: day(2) },
    { path: '/news/bridge', title: LEDGER_BRIDGE.title, published: day(1) },
  ]), 'application/rss+xml');
  const dispatchFeed = dispatch.serve('/feed.xml', feed('Northern Dispatch', dispatch.origin, [
    { path: '/world/depot-barrage', title: DISPATCH_DEPOT.title, published: day(2) },
    { path: '/world/convoy', title: DISPATCH_CONVOY.title, published: day(1) },
  ]), 'application/rss+xml');
  h = await startHarness({
    ANSWER_MODEL: 'none',
    ALERT_CHANNEL_IDS: OTHER_CHANNEL_ID,
    ALERT_MAX_PER_HOUR: '2',
    FEEDS: `${ledgerFeed},${dispatchFeed}`,
    FEED_POLL_MINUTES: '600',
    FETCH_ALLOW_PRIVATE: 'true',
  });
});
afterAll(async () => {
  await h?.close();
  await ledger?.close();
  await dispatch?.close();
});

const alertPosts = () => h.fake.posts(OTHER_CHANNEL_ID);
const alertEdits = () => h.fake.requests.filter((r) => r.method === 'PATCH' && r.path.startsWith(`/channels/${OTHER_CHANNEL_ID}/messages/`));

describe('alerts', () => {
  it('post a story from two feeds in different words once, quoted and cited, then add "also reported by"', async () => {
    await until(() => h.logs.some((l) => l.includes('alerts: new articles taken in')), 60_000);
    // The shipped article was in the corpus before: recorded at the first start, never alerted.
    expect(h.logs.some((l) => l.includes('alerts: first start'))).toBe(true);
    const depot = alertPosts().filter((r) => embedText(r.body).includes('Marrow Creek'));
    expect(depot).toHaveLength(1);
    // Both reports are of the same day: either may be the one quoted, the other outlet is named.
    const first = depot[0]!.body.embeds[0];
    const [quoted, other] = first.title === LEDGER_DEPOT.title ? [LEDGER_DEPOT, DISPATCH_DEPOT] : [DISPATCH_DEPOT, LEDGER_DEPOT];
    expect(first.title).toBe(quoted.title);
    expect(first.description).toContain(`> ${quoted.paragraphs[0]} [1]`);
    expect(first.description).toContain(`**[1]** [${quoted.title}]`);
    expect(first.description).toContain(quoted.site);
    expect(first.description).not.toContain('Also reported by');
    expect(depot[0]!.body.allowed_mentions).toEqual({ parse: [], replied_user: false });

    const edits = alertEdits();
    expect(edits).toHaveLength(1);
    // The alert that was posted is the one edited.
    const state = JSON.parse(fs.readFileSync(path.resolve(h.config.ALERT_STATE_FILE), 'utf8'));
    const story = state.stories.find((s: { reports: unknown[] }) => s.reports.length === 2);
    expect(edits[0]!.path).toBe(`/channels/${OTHER_CHANNEL_ID}/messages/${story.messages[OTHER_CHANNEL_ID]}`);
    expect(edits[0]!.body.embeds[0].description).toContain(`Also reported by ${other.site}.`);
    expect(edits[0]!.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(alertPosts().some((r) => embedText(r.body).includes(other.title))).toBe(false);
  });

  it('post at most ALERT_MAX_PER_HOUR a channel, and say when one is held back', () => {
    // Three stories: the depot, the bridge and the convoy; two may be posted this hour.
    expect(alertPosts()).toHaveLength(2);
    expect(h.logs.some((l) => l.includes('alert held back: ALERT_MAX_PER_HOUR reached'))).toBe(true);
  });

  it('remember what was taken in across a restart: nothing is alerted twice', async () => {
    const state = JSON.parse(fs.readFileSync(path.resolve(h.config.ALERT_STATE_FILE), 'utf8'));
    expect(state.stories.map((s: { reports: unknown[] }) => s.reports.length).sort()).toEqual([1, 1, 2]);
    const before = alertPosts().length;
    await h.restart();
    await h.bot.alerts!.check();
    expect(alertPosts()).toHaveLength(before);
  });

  it('/latest lists the newest stories once each, with their lead sentences and the outlets', async () => {
    const edit = await h.edit(h.command('latest', [{ name: 'days', type: 4, value: 7 }]));
    const text = edit.body.embeds[0].description as string;
    expect(text.match(/Marrow Creek/g)!.length).toBeGreaterThanOrEqual(1);
    expect(text).toContain('(+1 outlet)');
    expect(text).toContain(LEDGER_BRIDGE.paragraphs[0]);
    expect(text).toContain(DISPATCH_CONVOY.paragraphs[0]);
    // The depot story once, by one of its two reports.
    expect([text.includes(LEDGER_DEPOT.paragraphs[0]!), text.includes(DISPATCH_DEPOT.paragraphs[0]!)].filter(Boolean)).toHaveLength(1);
    // The shipped 2023 article is not of the last week.
    expect(text).not.toContain('Western Troops');

    const topic = (await h.edit(h.command('latest', [stringOption('topic', 'convoy'), { name: 'days', type: 4, value: 7 }]))).body.embeds[0].description as string;
    expect(topic).toContain('Selk Pass');
    expect(topic).not.toContain('Marrow Creek');
  });
});
