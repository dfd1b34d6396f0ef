/**
 * `/remove` on the real bot against the fake Discord: refused to members without Manage Server,
 * an article taken out by its link or its corpus file, the index swapped, the article no longer
 * cited, the others still answering.
 */
import fs from 'node:fs';
import path from 'node:path';
import { MessageFlags } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REFUSAL, WITH_CREDENTIALS } from '../../src/bot/commands/remove.js';
import { PERMISSIONS, stringOption, user } from '../fake-discord/payloads.js';
import { embedText, OWNER_ID, startHarness, type Harness } from './harness.js';

const DEFER = 5;
const REPLY = 4;
const owner = () => ({ user: { ...user('owner'), id: OWNER_ID }, permissions: PERMISSIONS.member });

/** Invented articles (every place in them is fictional), as a JSONL export and as one Markdown file. */
const EXPORT = [
  { id: 'l-1', title: 'Grain silo at Tarrowby hit by a drone', url: 'https://ledger.example/news/tarrowby-silo', text: 'A drone struck the grain silo at Tarrowby on Tuesday, farmers said. Four hundred tonnes of wheat burned before the fire was put out.' },
  { id: 'l-2', title: 'Checkpoint near Quellin attacked', url: 'https://ledger.example/news/quellin-checkpoint', text: 'Gunmen attacked a police checkpoint near Quellin at dawn, the interior ministry said. Six officers were wounded in the attack.' },
].map((a) => JSON.stringify({ source: 'The Harbour Ledger', published: '2031-03-04', ...a }));
const FERRY = '---\ntitle: Ferry at Ostrand struck by a rocket\nsource: The Harbour Ledger\npublished: 2031-03-06\n---\n\nA rocket struck the ferry at Ostrand harbour on Friday, the port authority said. Nineteen passengers were hurt.\n';

let h: Harness;
const remove = (input: string, as: Parameters<Harness['command']>[2] = owner()) => h.command('remove', [stringOption('url_or_file', input)], as);

beforeAll(async () => {
  h = await startHarness({}, { articles: { 'ledger-export.jsonl': `${EXPORT.join('\n')}\n`, 'ostrand-ferry.md': FERRY } });
});
afterAll(async () => {
  await h?.close();
});

describe('/remove', () => {
  it('refuses members without Manage Server, privately, and removes nothing', async () => {
    const callback = await h.callback(remove('https://ledger.example/news/tarrowby-silo', { permissions: PERMISSIONS.member }));
    expect(callback.body).toMatchObject({ type: REPLY, data: { content: REFUSAL, flags: MessageFlags.Ephemeral } });
    expect(fs.existsSync(path.join(h.corpusDir, '.sitrep-removed.json'))).toBe(false);
    expect(h.sitrep.sources().some((s) => s.title === 'Grain silo at Tarrowby hit by a drone')).toBe(true);
  });

  it('refuses a link with a password before anything is logged', async () => {
    const callback = await h.callback(remove('https://me:hunter2@ledger.example/news/tarrowby-silo'));
    expect(callback.body).toMatchObject({ type: REPLY, data: { content: WITH_CREDENTIALS, flags: MessageFlags.Ephemeral } });
    expect(h.logs.join('\n')).not.toContain('hunter2');
  });

  it('removes one article of a JSONL export by its link; /ask no longer cites it and still answers from the others', async () => {
    const before = await h.edit(h.ask('How much wheat burned at the Tarrowby silo?'));
    expect(embedText(before.body)).toContain('Grain silo at Tarrowby hit by a drone');

    const i = remove('https://ledger.example/news/tarrowby-silo');
    expect((await h.callback(i)).body.type).toBe(DEFER);
    const reply = await h.edit(i);
    expect(reply.body.embeds[0].title).toBe('Removed: no longer searchable');
    expect(embedText(reply.body)).toContain('Grain silo at Tarrowby hit by a drone');
    expect(embedText(reply.body)).toContain('ledger-export.jsonl:1');
    expect(reply.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(h.sitrep.sources().some((s) => s.title === 'Grain silo at Tarrowby hit by a drone')).toBe(false);

    const after = embedText((await h.edit(h.ask('How much wheat burned at the Tarrowby silo?'))).body);
    expect(after).not.toContain('Grain silo at Tarrowby hit by a drone');
    expect(after).not.toContain('Four hundred tonnes');
    expect(embedText((await h.edit(h.ask('How many officers were wounded at the checkpoint near Quellin?'))).body)).toContain('Checkpoint near Quellin attacked');
    expect(embedText((await h.edit(h.ask('How many attacks since Oct 17?'))).body)).toContain('78');
  });

  it('removes a Markdown article by its corpus file, moving it aside', async () => {
    const reply = await h.edit(remove('ostrand-ferry.md'));
    expect(reply.body.embeds[0].title).toBe('Removed: no longer searchable');
    expect(embedText(reply.body)).toContain('.removed/ostrand-ferry.md');
    expect(fs.existsSync(path.join(h.corpusDir, '.removed', 'ostrand-ferry.md'))).toBe(true);
    const after = embedText((await h.edit(h.ask('How many passengers were hurt on the ferry at Ostrand?'))).body);
    expect(after).not.toContain('Ferry at Ostrand struck by a rocket');
  });

  it.each([
    ['https://ledger.example/news/never-added', /^No article in the corpus is known at this URL\.$/],
    ['../../etc/passwd', /is not inside the corpus folder|no file/i],
    ['/etc/passwd', /is not inside the corpus folder|no file/i],
    ['ostrand-ferry.md', /^No file ostrand-ferry\.md in the corpus folder\.$/],
  ])('says why nothing was removed for %s', async (input, reason) => {
    const reply = await h.edit(remove(input));
    expect(reply.body.embeds[0].title).toBe('Nothing removed');
    expect(reply.body.embeds[0].description).toMatch(reason);
  });
});
