/**
 * Hostile pages and feeds, through the real ingestion path: `addLink` (what /add calls) and
 * `ingestFeeds` (what the feed poller calls), with the page reader's worker, fetching from an
 * invented site on loopback (FETCH_ALLOW_PRIVATE names loopback only). Each row is one finding of
 * the attacker's review: slow regular expressions on fetched text, nesting that overflowed the stack,
 * a feed of thousands of items, a page claiming another site, links and mentions in article text,
 * a feed longer than the seen list, and /add behind a feed poll.
 *
 * The event loop is watched with a 10 ms interval timer: its longest gap is how long the bot could
 * not have answered anyone meanwhile.
 */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { addResultEmbed } from '../../../src/bot/format/add-embed.js';
import { answerEmbed } from '../../../src/bot/format/answer-embed.js';
import type { Config } from '../../../src/config.js';
import { splitFrontMatter } from '../../../src/corpus/index.js';
import { addLink, fetcherFromConfig, ingestFeeds, type FeedReport, type Outcome } from '../../../src/ingest/index.js';
import { defaultPageReader } from '../../../src/ingest/page-reader.js';
import { MAX_SEEN } from '../../../src/ingest/state.js';
import { openSitrep } from '../../../src/sitrep.js';
import { ingestTestConfig } from '../../ingest/ingest-config.js';
import { TestSite } from '../../ingest/site.js';
import { payloadProblems } from './payload-rules.js';
import { Tally, ms, type CheckResult } from './report.js';
import { watchLoop } from '../../helpers/loop.js';

export interface HostilePageSizes {
  /** Sizes of each slow-regex page, in bytes (the fetcher takes at most 5 MiB). */
  pageBytes: number[];
  /** Items in the long feed of item 3. */
  feedItems: number;
  /** Run item 7 (an /add while a poll waits on slow items; about 6 s). */
  addBesidePoll: boolean;
}

export const HOSTILE_PAGE_SIZES: HostilePageSizes = { pageBytes: [200_000, 1_000_000, 5_000_000], feedItems: 8000, addBesidePoll: true };

/** What the issue asks of a hostile page: the bot's loop held at most this long, and an end within END_MS. */
export const STALL_LIMIT_MS = 100;
export const END_MS = 8000;

/**
 * The rows, and every case that did not hold; `late` are those among them that ended as they should
 * but held the loop or took longer than the limits (a timer figure, which a loaded machine moves).
 */
export interface HostilePagesResult extends CheckResult {
  late: string[];
}

/** Failures of one check, the late ones noted apart. */
class Cases {
  readonly late: string[] = [];
  constructor(readonly tally: Tally) {}

  /** Judges one case: `correct` is how it ended; `inTime` whether the loop and the clock kept the limits. */
  judge(correct: boolean, inTime: boolean, what: string): boolean {
    if (!correct) this.tally.fail(what);
    else if (!inTime) {
      this.tally.fail(`${what} (over the time limits)`);
      this.late.push(`hostile pages: ${what} (over the time limits)`);
    }
    return correct && inTime;
  }
}


const html = (title: string, body: string) => `<!doctype html><html><head><title>${title}</title></head><body><article><h1>${title}</h1>${body}</article></body></html>`;
/** An ordinary lead of over 40 words, so that a page is not refused as too short before its hostile part is read. */
const LEAD =
  '<p>Shelling hit the fuel depot near the river crossing on Tuesday, regional officials said. Two warehouses burned for several hours before firefighters from the nearby districts brought the blaze under control. ' +
  'No one was reported hurt, and the crossing reopened to traffic in the evening, according to the emergency office.</p>';
/** `unit` repeated to make a page of about `bytes`, after a short ordinary lead. */
const fill = (unit: string, bytes: number) => unit.repeat(Math.max(1, Math.floor((bytes - 300) / unit.length)));

/** Item 1: the shapes that took time in the square of their length, each where it hurt. */
export const SLOW_SHAPES: { label: string; page: (bytes: number) => string }[] = [
  { label: 'a page ending in "<a" repeated (tag pattern)', page: (n) => html('Tags', LEAD) + fill('<a', n) },
  { label: '"**a " repeated in Markdown-ish text', page: (n) => html('Bold', `${LEAD}<p>${fill('**a ', n)}</p>`) },
  { label: '"[a](" repeated in Markdown-ish text', page: (n) => html('Links', `${LEAD}<p>${fill('[a](', n)}</p>`) },
  { label: 'a long run of dots', page: (n) => html('Dots', `${LEAD}<p>${fill('.', n)}</p>`) },
  { label: 'a long line with no . ! or ?', page: (n) => html('Line', `${LEAD}<p>${fill('word ', n)}</p>`) },
];

const kb = (bytes: number) => (bytes >= 1_000_000 ? `${Number((bytes / 1_000_000).toFixed(1))} MB` : `${Math.round(bytes / 1000)} KB`);
const s = (msValue: number) => `${(msValue / 1000).toFixed(1)} s`;
const ended = (o: Outcome) => (o.status === 'skipped' ? `refused (${o.reason})` : o.status);
/** Added, or refused with a reason: what a hostile page may end as. A duplicate or a passing error is not an end. */
const endedWell = (o: Outcome) => o.status === 'added' || (o.status === 'skipped' && !o.transient && o.reason.length > 0);

interface Workspace {
  site: TestSite;
  root: string;
  /** A fresh corpus, index and state under `root` for one case. */
  config: (name: string, env?: Record<string, string>) => Config;
}

const fetcher = (config: Config) => fetcherFromConfig(config, { retries: 0 });

async function slowRegexRows(w: Workspace, sizes: HostilePageSizes, c: Cases): Promise<void> {
  for (const [k, shape] of SLOW_SHAPES.entries()) {
    let held = 0;
    const figures: string[] = [];
    const reasons = new Set<string>();
    for (const bytes of sizes.pageBytes) {
      const url = w.site.serve(`/slow-${k}-${bytes}`, shape.page(bytes));
      const config = w.config(`slow-${k}-${bytes}`);
      const { value, stallMs, tookMs } = await watchLoop(() => addLink(config, url, { fetcher: fetcher(config) }));
      if (c.judge(endedWell(value), stallMs <= STALL_LIMIT_MS && tookMs <= END_MS, `${shape.label}, ${kb(bytes)}: ${ended(value)} in ${s(tookMs)}, loop held ${ms(stallMs)}`)) held++;
      if (value.status === 'skipped') reasons.add(value.reason);
      figures.push(`${kb(bytes)}: ${value.status === 'skipped' ? 'refused' : value.status} in ${s(tookMs)}, loop ${ms(stallMs)}`);
    }
    const why = reasons.size > 0 ? ` (${[...reasons].join('; ')})` : '';
    c.tally.row(`/add of ${shape.label}`, sizes.pageBytes.length, held, figures.join('; ') + why);
  }
}

const rss = (title: string, items: string[]) => `<?xml version="1.0"?><rss version="2.0"><channel><title>${title}</title>${items.join('')}</channel></rss>`;
const goneItems = (w: Workspace, prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => `<item><title>Item ${i}</title><link>${w.site.url(`/${prefix}-${i}`)}</link><guid>${prefix}-${i}</guid><pubDate>${new Date(Date.UTC(2031, 0, 1, 0, i)).toUTCString()}</pubDate></item>`);
const hitsUnder = (w: Workspace, prefix: string) => w.site.requests.filter((r) => r.path.startsWith(`/${prefix}-`)).length;

async function nestingRow(w: Workspace, c: Cases): Promise<void> {
  const page = '<li><p>x'.repeat(10_000);
  const url = w.site.serve('/deep', page);
  const feed = w.site.serve('/deep.rss', rss('Deep', [`<item><title>Deep</title><link>${url}</link><guid>deep-1</guid></item>`]), 'application/rss+xml', '"deep-v1"');
  let held = 0;
  const added = w.config('deep-add');
  const direct = await watchLoop(() => addLink(added, url, { fetcher: fetcher(added) }));
  const refused = direct.value.status === 'skipped' && !direct.value.transient && /nested too deep/.test(direct.value.reason);
  if (c.judge(refused, direct.stallMs <= STALL_LIMIT_MS && direct.tookMs <= END_MS, `<li><p> 10,000 deep by /add: ${ended(direct.value)} in ${s(direct.tookMs)}, loop ${ms(direct.stallMs)}`)) held++;

  const config = w.config('deep-feed');
  const before = w.site.hits('/deep');
  const [one] = await ingestFeeds(config, [feed], { fetcher: fetcher(config) });
  const [two] = await ingestFeeds(config, [feed], { fetcher: fetcher(config) });
  const fetched = w.site.hits('/deep') - before;
  const once = one!.outcomes.length === 1 && one!.outcomes[0]!.status === 'skipped' && !(one!.outcomes[0] as { transient: boolean }).transient && fetched === 1 && two!.status === 'not-modified';
  if (c.judge(once, true, `<li><p> 10,000 deep through a feed: first poll ${JSON.stringify(one!.outcomes)}, second ${two!.status}, page fetched ${fetched} times`)) held++;
  c.tally.row('<li><p> nested 10,000 deep, by /add and through a feed polled twice', 2, held, `${ended(direct.value)} in ${s(direct.tookMs)}, loop ${ms(direct.stallMs)}; feed: refused for good, second poll ${two!.status}, page fetched ${fetched} time(s)`);
}

async function longFeedRow(w: Workspace, sizes: HostilePageSizes, c: Cases): Promise<void> {
  const n = sizes.feedItems;
  const feed = w.site.serve('/long.rss', rss('Long', goneItems(w, 'long', n)), 'application/rss+xml');
  const config = w.config('long-feed');
  const bytes = Buffer.byteLength(rss('Long', goneItems(w, 'long', n)));
  const { value, stallMs, tookMs } = await watchLoop(() => ingestFeeds(config, [feed], { fetcher: fetcher(config) }));
  const report = value[0]!;
  const fetched = hitsUnder(w, 'long');
  const cap = config.FEED_MAX_ITEMS;
  const capped = report.status === 'read' && report.items === cap && report.dropped === n - cap && fetched === cap;
  const ok = c.judge(capped, stallMs <= STALL_LIMIT_MS && tookMs <= END_MS, `a feed of ${n} items: ${report.status}, ${report.items} items kept, ${report.dropped ?? 0} dropped, ${fetched} fetched, in ${s(tookMs)}, loop ${ms(stallMs)}`);
  c.tally.row(`a feed of ${n.toLocaleString('en-US')} items (${kb(bytes)}), polled once`, 1, ok ? 1 : 0, `${report.items} kept (FEED_MAX_ITEMS ${cap}), ${report.dropped ?? 0} left out, ${fetched} item pages fetched; ${s(tookMs)}, loop ${ms(stallMs)}`);
}

const frontMatterOf = (config: Config, file: string): Record<string, unknown> => {
  const fm = splitFrontMatter(fs.readFileSync(path.join(config.CORPUS_DIR, file), 'utf8'));
  return fm.ok ? (fm.data as Record<string, unknown>) : {};
};

async function claimRow(w: Workspace, c: Cases): Promise<void> {
  const genuine = await TestSite.start('127.0.0.2');
  try {
    const claimed = genuine.url('/world/harrow-terminal');
    const text = 'Three drones struck the Harrow grain terminal before dawn on Monday, port officials said. Two warehouses burned for several hours and the terminal was closed to shipping. Firefighters brought the blaze under control by noon, according to the regional emergency office.';
    const page = `<!doctype html><html><head><title>Drones Hit Harrow Grain Terminal</title><meta property="og:site_name" content="Reuters"><meta property="og:url" content="${claimed}"><link rel="canonical" href="${claimed}"></head><body><article><h1>Drones Hit Harrow Grain Terminal</h1><p>${text}</p></article></body></html>`;
    const url = w.site.serve('/copy', page);
    genuine.serve('/world/harrow-terminal', page.replace('Three drones', 'Four drones'));
    const config = w.config('claim', { FETCH_ALLOW_PRIVATE: '127.0.0.0/8' });
    const copy = await addLink(config, url, { fetcher: fetcher(config) });
    const real = await addLink(config, claimed, { fetcher: fetcher(config) });
    const fm = copy.status === 'added' ? frontMatterOf(config, copy.file) : {};
    const checks: [string, boolean][] = [
      ['stored url is the fetched one', fm.url === url],
      ['the claimed address kept as canonical', fm.canonical === claimed],
      ['source is not the claimed name', typeof fm.source === 'string' && fm.source !== 'Reuters'],
      ['the genuine page is not taken for a duplicate', real.status === 'added'],
    ];
    const held = checks.filter(([what, ok]) => c.judge(ok, true, `a page claiming another site: not so that ${what} (front matter ${JSON.stringify(fm)}; genuine page ${ended(real)})`)).length;
    c.tally.row("a page claiming another site's canonical URL and og:site_name", checks.length, held, `stored url ${fm.url === url ? 'the fetched one' : String(fm.url)}, canonical ${fm.canonical === claimed ? 'kept aside' : String(fm.canonical)}, source "${String(fm.source)}"; genuine page ${ended(real)}`);
  } finally {
    await genuine.close();
  }
}

const ROLE = '<@&1100000000000000123>';
/** Every link and mention form of item 5, in an article's title and text. */
const POISON = `https://evil.example/p <https://evil.example/q> Wire (https://evil.example/r) <#1100000000000000002> ${ROLE} </ask:1100000000000000001> <t:0:R> @everyone`;

async function linksRow(w: Workspace, c: Cases): Promise<void> {
  const text = `At least 17 drones struck the Zorvath bridge on Sunday ${POISON}, officials said. The bridge was closed to traffic for the rest of the week, the transport ministry said in a statement.`;
  const url = w.site.serve('/zorvath', `<!doctype html><html><head><title>Zorvath bridge hit ${POISON}</title></head><body><article><h1>Zorvath bridge hit ${POISON}</h1><p>${text}</p><p>Traffic resumed on the following Monday after engineers inspected the span, officials said.</p></article></body></html>`);
  const config = w.config('links');
  const outcome = await addLink(config, url, { fetcher: fetcher(config) });
  const sitrep = await openSitrep(config, { buildIfMissing: true });
  const answer = await sitrep.answer('How many drones struck the Zorvath bridge?');
  const replies = [
    { where: '/add reply', embed: addResultEmbed({ outcome, indexed: { ok: true } }).toJSON() },
    { where: '/ask reply', embed: answerEmbed(answer).toJSON() },
  ];
  // The formatter's output as the bot sends it: allowed_mentions is the bot's, set beside the embeds.
  const problems = replies.flatMap((r) => payloadProblems({ embeds: [r.embed], allowed_mentions: { parse: [] } }, r.where));
  const quoted = (replies[1]!.embed.description ?? '').startsWith('> ') && /evil/.test(replies[1]!.embed.description ?? '');
  const poisoned = outcome.status === 'added' && /evil/.test(outcome.title);
  const ok = c.judge(poisoned && quoted && problems.length === 0, true, `links and mentions in article text: ${ended(outcome)}, ${quoted ? 'quoted' : 'the poisoned sentence not quoted'}; ${problems.join('; ')}`);
  c.tally.row('plain, <bracketed> and named URLs, channel/role/command/timestamp syntax in an added page, in the /add and /ask replies', 1, ok ? 1 : 0, `${ended(outcome)}; answer quotes the poisoned sentence: ${quoted ? 'yes' : 'no'}; ${problems.length} live link or mention`);
}

async function seenRow(w: Workspace, c: Cases): Promise<void> {
  const n = MAX_SEEN + 100;
  // No ETag: the whole feed comes back each time, and every item is a 404 (refused for good).
  const feed = w.site.serve('/big.rss', rss('Big', goneItems(w, 'seen', n)), 'application/rss+xml');
  const config = w.config('seen', { FEED_MAX_ITEMS: '10000' });
  const one = await watchLoop(() => ingestFeeds(config, [feed], { fetcher: fetcher(config) }));
  const first = hitsUnder(w, 'seen');
  const two = await watchLoop(() => ingestFeeds(config, [feed], { fetcher: fetcher(config) }));
  const again = hitsUnder(w, 'seen') - first;
  const r2: FeedReport = two.value[0]!;
  const ok = c.judge(first === n && again === 0 && r2.fresh === 0, true, `a feed of ${n} items polled twice: ${first} fetched at the first poll, ${again} at the second`);
  c.tally.row(`a feed of ${n.toLocaleString('en-US')} items (over MAX_SEEN ${MAX_SEEN}) polled twice`, 1, ok ? 1 : 0, `first poll fetched ${first} in ${s(one.tookMs)}, second ${again} in ${s(two.tookMs)}; loop ${ms(Math.max(one.stallMs, two.stallMs))}`);
}

async function besidePollRow(w: Workspace, c: Cases): Promise<void> {
  // 12 items that each time out after 1 s, 2 at a time on one host: the poll takes about 6 s.
  const config = w.config('beside', { FETCH_TIMEOUT_MS: '1000' });
  const items = Array.from({ length: 12 }, (_, i) => `<item><title>Slow ${i}</title><link>${w.site.url(`/slow?i=${i}`)}</link><guid>slow-${i}</guid></item>`);
  const feed = w.site.serve('/slow-items.rss', rss('Slow', items), 'application/rss+xml');
  const started = performance.now();
  let pollMs = 0;
  const poll = ingestFeeds(config, [feed], { fetcher: fetcher(config) }).then((r) => ((pollMs = performance.now() - started), r));
  await new Promise((resolve) => setTimeout(resolve, 200));
  const addStarted = performance.now();
  const added = await addLink(config, w.site.url('/news/a'), { fetcher: fetcher(config) });
  const addMs = performance.now() - addStarted;
  const addEnded = performance.now() - started;
  await poll;
  // The add must end before the poll does: it waited for the whole poll before (19.8 s behind 20 slow items).
  const ok = c.judge(added.status === 'added' && addEnded < pollMs, addMs < 1000, `/add beside a slow poll: ${ended(added)} after ${s(addMs)}, the poll took ${s(pollMs)}`);
  c.tally.row('/add of a fast page while a feed poll waits on 12 slow items', 1, ok ? 1 : 0, `${ended(added)} in ${ms(addMs)}, while the poll took ${s(pollMs)}`);
}

export async function runHostilePages(sizes: HostilePageSizes, root: string): Promise<HostilePagesResult> {
  const c = new Cases(new Tally('hostile pages'));
  const site = await TestSite.start();
  let n = 0;
  const w: Workspace = { site, root, config: (name, env = {}) => ingestTestConfig(path.join(root, `${name}-${n++}`), env) };
  try {
    // The page reader's worker starts once per process (about 1.5 s under tsx), as the bot's does at its first /add.
    await defaultPageReader()('<p>warm</p>', 'https://a.example/', 'https://a.example/');
    await slowRegexRows(w, sizes, c);
    await nestingRow(w, c);
    await longFeedRow(w, sizes, c);
    await claimRow(w, c);
    await linksRow(w, c);
    await seenRow(w, c);
    if (sizes.addBesidePoll) await besidePollRow(w, c);
    return { ...c.tally.result(), late: c.late };
  } finally {
    await site.close();
  }
}
