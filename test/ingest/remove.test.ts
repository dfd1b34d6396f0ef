/**
 * Taking articles out of the corpus: a Markdown file by its path (moved to `.removed/`), one article
 * of a JSONL file by its URL (listed, the file left as it was), each followed by the incremental
 * build; the removed article no longer answers, the others still do. `npm run remove` as a user runs it.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { REMOVED_FILE } from '../../src/corpus/index.js';
import { removeArticle } from '../../src/ingest/index.js';
import { openSitrep } from '../../src/sitrep.js';
import { buildIndex } from '../../src/store/build.js';
import { readIndex } from '../../src/store/stored-index.js';
import { tempDir, testConfig } from '../helpers/fixtures.js';

const execFileAsync = promisify(execFile);
const DISTRACTORS = path.resolve('test/fixtures/eval/distractors');

/** Invented articles (every place and group in them is fictional), one per line of a JSONL export. */
const EXPORT = [
  {
    title: 'Bridge at Olvenmark shelled overnight',
    url: 'https://ledger.example/news/olvenmark-bridge',
    published: '2031-03-02',
    text: 'Artillery shelled the river bridge at Olvenmark overnight, the regional governor said. Eleven lorries were destroyed on the bridge.\n\nEngineers said the bridge would stay closed for a month.',
  },
  {
    title: 'Grain silo at Tarrowby hit by a drone',
    url: 'https://ledger.example/news/tarrowby-silo',
    published: '2031-03-04',
    text: 'A drone struck the grain silo at Tarrowby on Tuesday, farmers said. Four hundred tonnes of wheat burned before the fire was put out.\n\nThe silo belonged to a cooperative of nine villages.',
  },
  {
    title: 'Checkpoint near Quellin attacked',
    url: 'https://ledger.example/news/quellin-checkpoint',
    published: '2031-03-05',
    text: 'Gunmen attacked a police checkpoint near Quellin at dawn, the interior ministry said. Six officers were wounded in the attack.\n\nThe road to the border was closed for the day.',
  },
].map((a, i) => JSON.stringify({ id: `ledger-${i + 1}`, source: 'The Harbour Ledger', ...a }));

function workspace() {
  const root = tempDir('sitrep-remove-');
  const corpus = path.join(root, 'corpus');
  fs.mkdirSync(corpus);
  fs.copyFileSync(path.resolve('corpus/ain-al-asad-drone-attack.md'), path.join(corpus, 'ain-al-asad-drone-attack.md'));
  for (const n of fs.readdirSync(DISTRACTORS).sort().slice(0, 6)) fs.copyFileSync(path.join(DISTRACTORS, n), path.join(corpus, n));
  fs.writeFileSync(path.join(corpus, 'ledger-export.jsonl'), `${EXPORT.join('\n')}\n`);
  const env = { CORPUS_DIR: corpus, INDEX_DIR: path.join(root, 'index'), INGEST_STATE_FILE: path.join(root, 'ingest-state.json') };
  return { root, corpus, env, config: testConfig(env) };
}

const titlesOf = (config: ReturnType<typeof testConfig>) => readIndex(config.INDEX_DIR, { efSearch: 50 }).articles.map((a) => a.title);

describe('removing an article', () => {
  it('takes one article of a JSONL file out by its URL at the cost of that article, leaving the file and its other articles', async () => {
    const { corpus, config } = workspace();
    await buildIndex(config);
    const before = readIndex(config.INDEX_DIR, { efSearch: 50 });
    const exportBytes = fs.readFileSync(path.join(corpus, 'ledger-export.jsonl'));
    const sitrep = await openSitrep(config);
    expect((await sitrep.answer('How much wheat burned at the Tarrowby silo?')).sources.map((s) => s.title)).toContain('Grain silo at Tarrowby hit by a drone');

    const outcome = await removeArticle(config, 'https://ledger.example/news/tarrowby-silo');
    expect(outcome).toMatchObject({ status: 'removed', how: 'listed', articles: [{ title: 'Grain silo at Tarrowby hit by a drone', file: 'ledger-export.jsonl:2' }] });
    expect(fs.readFileSync(path.join(corpus, 'ledger-export.jsonl')).equals(exportBytes)).toBe(true);
    expect(JSON.parse(fs.readFileSync(path.join(corpus, REMOVED_FILE), 'utf8')).removed).toMatchObject([{ file: 'ledger-export.jsonl', line: 2 }]);

    const summary = await buildIndex(config);
    // No file parsed, nothing embedded: the build dropped that article's passages and kept the rest.
    expect(summary.filesParsed).toBe(0);
    expect(summary.reused).toBe(summary.passages);
    const after = readIndex(config.INDEX_DIR, { efSearch: 50 });
    const gone = before.passages.filter((p) => before.articles[p.article]!.title === 'Grain silo at Tarrowby hit by a drone').length;
    expect(gone).toBeGreaterThan(0);
    expect(after.passages.length).toBe(before.passages.length - gone);
    expect(after.articles.map((a) => a.title)).not.toContain('Grain silo at Tarrowby hit by a drone');
    expect(after.manifest.removed).toHaveLength(1);

    await sitrep.reload();
    const asked = await sitrep.answer('How much wheat burned at the Tarrowby silo?');
    expect(asked.sources.map((s) => s.title)).not.toContain('Grain silo at Tarrowby hit by a drone');
    expect(JSON.stringify(asked)).not.toContain('Four hundred tonnes');
    const other = await sitrep.answer('How many officers were wounded at the checkpoint near Quellin?');
    expect(other.answer?.text).toContain('Six officers were wounded');

    // Nothing changed since: the next build writes nothing; a build from scratch leaves it out too.
    expect((await buildIndex(config)).unchanged).toBe(true);
    expect((await buildIndex(config, { rebuild: 'refit' })).articles).toBe(after.articles.length);
    expect(titlesOf(config)).not.toContain('Grain silo at Tarrowby hit by a drone');
  });

  it('moves a Markdown article aside by its path; the index drops it and still answers from the others', async () => {
    const { corpus, config } = workspace();
    await buildIndex(config);
    const outcome = await removeArticle(config, path.join(corpus, 'ain-al-asad-drone-attack.md'));
    expect(outcome).toMatchObject({ status: 'removed', how: 'moved', movedTo: '.removed/ain-al-asad-drone-attack.md' });
    expect(fs.existsSync(path.join(corpus, '.removed/ain-al-asad-drone-attack.md'))).toBe(true);
    expect(fs.existsSync(path.join(corpus, 'ain-al-asad-drone-attack.md'))).toBe(false);

    const summary = await buildIndex(config);
    expect(summary.filesParsed).toBe(0);
    const sitrep = await openSitrep(config);
    const asked = await sitrep.answer('How many attacks have American troops faced since mid-October?');
    expect(asked.sources.every((s) => s.file !== 'ain-al-asad-drone-attack.md')).toBe(true);
    const other = await sitrep.answer('How many attacks have been counted on security forces in Veimoshish since February 22?');
    expect(other.answer?.text).toContain('107 attacks');
  });

  it('says why when nothing matches, and changes nothing', async () => {
    const { root, corpus, config } = workspace();
    fs.writeFileSync(path.join(root, 'outside.md'), '---\ntitle: Outside\n---\n\nNot in the corpus.\n');
    fs.writeFileSync(path.join(corpus, '.draft.md'), '---\ntitle: Draft\n---\n\nNot read by the loader.\n');
    // The writer lock's folder appears with the first removal tried: the articles are what must not change.
    const listing = () => fs.readdirSync(corpus).filter((n) => n !== '.sitrep-writer.lock').sort();
    const was = listing();
    const cases: Array<[string, RegExp, boolean?]> = [
      ['https://ledger.example/news/never-added', /no article in the corpus is known at this URL/],
      ['https://user:secret@ledger.example/news/x', /user name or password/],
      [path.join(root, 'outside.md'), /is not inside the corpus folder/],
      ['no-such-file.md', /no file no-such-file\.md in the corpus folder/],
      ['ledger-export.jsonl:9', /line 9 of ledger-export\.jsonl holds no article/],
      ['.draft.md', /dot-files/],
      ['../outside.md', /is not inside the corpus folder/],
    ];
    for (const [input, reason] of cases) {
      const outcome = await removeArticle(config, input, { fromChat: true });
      expect(outcome.status, input).toBe('not-found');
      expect(outcome.status === 'not-found' && outcome.reason, input).toMatch(reason);
      expect(JSON.stringify(outcome)).not.toContain('secret');
    }
    expect(listing()).toEqual(was);
    expect(fs.existsSync(path.join(root, 'outside.md'))).toBe(true);
    // The same line twice: the second time it was removed before.
    expect((await removeArticle(config, 'ledger-export.jsonl:3')).status).toBe('removed');
    expect(await removeArticle(config, 'ledger-export.jsonl:3')).toMatchObject({ status: 'not-found', reason: 'ledger-export.jsonl:3 was removed before' });
  });

  it('refuses to build on a damaged removed list rather than bring its articles back', async () => {
    const { corpus, config } = workspace();
    await buildIndex(config);
    await removeArticle(config, 'ledger-export.jsonl:1');
    fs.writeFileSync(path.join(corpus, REMOVED_FILE), '{"version":1,"removed":[{"file":');
    await expect(buildIndex(config)).rejects.toThrow(/list of articles taken out with `npm run remove`, is damaged/);
  });
});

describe('npm run remove', () => {
  it('removes by corpus path and re-indexes; says why and exits 1 when nothing matches', async () => {
    const { corpus, env, config } = workspace();
    await buildIndex(config);
    const run = (...args: string[]) =>
      execFileAsync(process.execPath, ['--import', 'tsx', 'scripts/remove.ts', ...args], { env: { ...process.env, ...env } }).then(
        (r) => ({ code: 0, ...r }),
        (e: { code: number; stdout: string; stderr: string }) => e,
      );
    const ok = await run(path.join(corpus, 'ledger-export.jsonl:1'));
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('removed    Bridge at Olvenmark shelled overnight (The Harbour Ledger, 2031-03-02) ← ledger-export.jsonl:1');
    expect(ok.stdout).toMatch(/Index updated: \d+ articles/);
    expect(titlesOf(config)).not.toContain('Bridge at Olvenmark shelled overnight');

    const none = await run('https://ledger.example/news/never-added');
    expect(none.code).toBe(1);
    expect(none.stdout).toContain('Nothing removed: https://ledger.example/news/never-added: no article in the corpus is known at this URL.');
  });
});
