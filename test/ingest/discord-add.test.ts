/**
 * Ingestion from Discord: the real bot on the fake Discord, `/add` then `/ask`, and feeds polled by
 * the running bot with the new index swapped in, against the invented site on loopback.
 */
import fs from 'node:fs';
import path from 'node:path';
import { MessageFlags } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOT_A_LINK, REFUSAL } from '../../src/bot/commands/add.js';
import { PERMISSIONS, stringOption, user } from '../fake-discord/payloads.js';
import { embedText, OWNER_ID, startHarness, type Harness } from '../bot/harness.js';
import { tempDir } from '../helpers/fixtures.js';
import { DEPOT, FEED_ONLY } from './pages.js';
import { TestSite } from './site.js';

const DEFER = 5;
const REPLY = 4;
const owner = () => ({ user: { ...user('owner'), id: OWNER_ID }, permissions: PERMISSIONS.member });

let site: TestSite;
let h: Harness;
let stateDir: string;

beforeAll(async () => {
  site = await TestSite.start();
  stateDir = tempDir('sitrep-bot-ingest-');
  h = await startHarness({
    FETCH_ALLOW_PRIVATE: '127.0.0.1',
    INGEST_STATE_FILE: path.join(stateDir, 'ingest-state.json'),
    FEEDS: site.url('/feed.rss'),
    FEED_POLL_MINUTES: '60',
  });
});
afterAll(async () => {
  await h?.close();
  await site?.close();
  if (stateDir) fs.rmSync(stateDir, { recursive: true, force: true });
});

async function until(check: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

const add = (url: string, as: Parameters<Harness['command']>[2] = owner()) => h.command('add', [stringOption('url', url)], as);

describe('feeds followed by the running bot', () => {
  it('reads FEEDS at start and answers from the new articles without a restart', async () => {
    await until(() => h.sitrep.sources().some((s) => s.title === FEED_ONLY.title));
    expect(site.hits('/feed.rss')).toBe(1);
    const edit = await h.edit(h.ask('How many lorries did the gunmen burn on the northern highway?'));
    // The quoted sentence comes from the article the feed brought in.
    expect(edit.body.embeds[0].description).toContain('Gunmen ambushed a supply convoy on the northern highway');
    expect(embedText(edit.body)).toContain('Supply Convoy Ambushed on the Northern Highway');
  });
});

describe('/add', () => {
  it('refuses members without Manage Server, privately', async () => {
    const callback = await h.callback(add(site.url('/news/a'), { permissions: PERMISSIONS.member }));
    expect(callback.body).toMatchObject({ type: REPLY, data: { content: REFUSAL, flags: MessageFlags.Ephemeral } });
    expect(site.hits('/news/a')).toBe(0);
  });

  it('asks for a web link when given something else', async () => {
    const callback = await h.callback(add('/etc/passwd'));
    expect(callback.body).toMatchObject({ type: REPLY, data: { content: NOT_A_LINK, flags: MessageFlags.Ephemeral } });
  });

  it('adds a page, replies with its title, source and date once searchable, and /ask then cites it', async () => {
    const i = add(site.url('/news/a'));
    expect((await h.callback(i)).body.type).toBe(DEFER);
    const reply = await h.edit(i);
    const text = embedText(reply.body);
    expect(reply.body.embeds[0].title).toBe('Added, and searchable now');
    expect(text).toContain(DEPOT.title);
    expect(text).toContain('The Harbour Ledger, 8 Apr 2031');
    expect(reply.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(h.sitrep.sources().some((s) => s.title === DEPOT.title)).toBe(true);

    const answer = await h.edit(h.ask(DEPOT.question));
    expect(answer.body.embeds[0].description).toMatch(/\*\*Seven\b[^*]*\*\*/);
    expect(embedText(answer.body)).toContain(DEPOT.title);
    expect(fs.readdirSync(h.corpusDir)).toContain('2031-04-08-rockets-strike-kessel-fuel-depot-outside-marrow-creek.md');
  });

  it('says when the article is already in the corpus', async () => {
    const reply = await h.edit(add(site.url('/go/a')));
    expect(reply.body.embeds[0].title).toBe('Already in the corpus');
    expect(embedText(reply.body)).toContain(DEPOT.title);
  });

  it.each([
    ['/to-private', /^Blocked address: 10\.0\.0\.1 is a private address/],
    ['/report.pdf', /^Not an article: the link serves application\/pdf/],
    ['/huge-declared', /^Too large: the response is over 5 MB/],
    ['/missing', /^The server answered 404 Not Found/],
  ])('gives the reason when %s cannot be added', async (p, reason) => {
    const reply = await h.edit(add(site.url(p)));
    expect(reply.body.embeds[0].title).toBe('Not added');
    expect(reply.body.embeds[0].description).toMatch(reason);
  });
});
