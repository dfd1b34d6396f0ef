/**
 * Links with a user name or password (`http://user:pass@host/…`) are refused before anything is
 * fetched, stored, shown or logged: by /add, by `npm run add`, in feed items, as a redirect target
 * and as a page's canonical link.
 */
import fs from 'node:fs';
import path from 'node:path';
import { MessageFlags } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WITH_CREDENTIALS } from '../../src/bot/commands/add.js';
import { safeUrl, sourceLine } from '../../src/bot/format/sources.js';
import type { Config } from '../../src/config.js';
import { extractHtml } from '../../src/corpus/index.js';
import { CREDENTIALS_REFUSED, hasCredentials, withoutCredentials } from '../../src/ingest/credentials.js';
import { addInputs, fetcherFromConfig, formatOutcomes, ingestFeeds, parseFeedItems } from '../../src/ingest/index.js';
import { WRITER_LOCK } from '../../src/ingest/session.js';
import { OWNER_ID, startHarness, type Harness } from '../bot/harness.js';
import { PERMISSIONS, stringOption, user } from '../fake-discord/payloads.js';
import { tempDir } from '../helpers/fixtures.js';
import { TestSite } from './site.js';
import { ingestTestConfig } from './ingest-config.js';

const PASSWORD = 'hunter2secret';
let site: TestSite;
let root: string;
let config: Config;
const withPassword = (p: string) => site.url(p).replace('http://', `http://reader:${PASSWORD}@`);
const corpusFiles = () => (fs.existsSync(config.CORPUS_DIR) ? fs.readdirSync(config.CORPUS_DIR).filter((n) => n !== WRITER_LOCK) : []);

beforeAll(async () => {
  site = await TestSite.start();
  root = tempDir('sitrep-credentials-');
  config = ingestTestConfig(root);
});
afterAll(async () => {
  await site?.close();
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

describe('links with credentials', () => {
  it('are recognised, and shown without them', () => {
    expect(hasCredentials('http://u:p@a.example/x')).toBe(true);
    expect(hasCredentials('https://u@a.example/x')).toBe(true);
    expect(hasCredentials('https://a.example/x?user=u&password=p')).toBe(false);
    expect(withoutCredentials('http://u:p@a.example/x')).toBe('http://a.example/x');
  });

  it('are refused by npm run add without a request, a file or the password in what it prints', async () => {
    const outcomes = await addInputs(config, [withPassword('/news/a')], { fetcher: fetcherFromConfig(config) });
    expect(outcomes).toEqual([{ status: 'skipped', input: site.url('/news/a'), reason: CREDENTIALS_REFUSED, transient: false }]);
    expect(formatOutcomes(outcomes).join('\n')).not.toContain(PASSWORD);
    expect(site.hits('/news/a')).toBe(0);
    expect(corpusFiles()).toEqual([]);
  });

  it('are refused as a redirect target, never followed', async () => {
    const from = site.redirect('/to-credentials', withPassword('/news/a'));
    const [outcome] = await addInputs(config, [from], { fetcher: fetcherFromConfig(config, { retries: 0 }) });
    expect(outcome).toMatchObject({ status: 'skipped', reason: expect.stringContaining('redirected to a link with a user name or password') });
    expect(JSON.stringify(outcome)).not.toContain(PASSWORD);
    expect(site.hits('/news/a')).toBe(0);
  });

  it('are passed over in feeds: the item is not fetched', async () => {
    const feed = `<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><link>${site.origin}/</link>
<item><title>Secret</title><link>${withPassword('/news/b')}</link><guid>secret-1</guid></item></channel></rss>`;
    expect(parseFeedItems(feed, site.url('/f.rss'))).toMatchObject({ items: [], ignored: 1 });
    const url = site.serve('/credentials.rss', feed, 'application/rss+xml');
    const [report] = await ingestFeeds(config, [url], { fetcher: fetcherFromConfig(config) });
    expect(report).toMatchObject({ status: 'read', items: 0, outcomes: [] });
    expect(site.hits('/news/b')).toBe(0);
    expect(fs.readFileSync(config.INGEST_STATE_FILE, 'utf8')).not.toContain(PASSWORD);
  });

  it('are never a page canonical url, nor linked in a reply', () => {
    const page = `<html><head><title>T</title><link rel="canonical" href="https://u:${PASSWORD}@a.example/story"></head><body><p>x</p></body></html>`;
    expect(extractHtml(page, { url: 'https://a.example/story' }).url).toBe('https://a.example/story');
    expect(safeUrl(`https://u:${PASSWORD}@a.example/x`)).toBeNull();
    expect(sourceLine({ title: 'T', source: null, published: null, url: `https://u:${PASSWORD}@a.example/x` })).toBe('**T**');
  });
});

describe('/add with a link with credentials', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ FETCH_ALLOW_PRIVATE: '127.0.0.1', INGEST_STATE_FILE: path.join(root, 'bot-state.json') });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('is refused privately, before anything is fetched or logged', async () => {
    const as = { user: { ...user('owner'), id: OWNER_ID }, permissions: PERMISSIONS.member };
    const callback = await h.callback(h.command('add', [stringOption('url', withPassword('/news/c'))], as));
    expect(callback.body).toMatchObject({ type: 4, data: { content: WITH_CREDENTIALS, flags: MessageFlags.Ephemeral } });
    expect(site.hits('/news/c')).toBe(0);
    expect(h.logs.join('\n')).not.toContain(PASSWORD);
  });
});
