/**
 * `addInputs` end to end against the invented site: what is written into the corpus, what is
 * refused and why, duplicates, and that an added article answers a question with its citation.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { splitFrontMatter } from '../../src/corpus/index.js';
import type { Config } from '../../src/config.js';
import { addInputs, fetcherFromConfig, formatOutcomes, type Outcome } from '../../src/ingest/index.js';
import { openSitrep } from '../../src/sitrep.js';
import { buildIndex } from '../../src/store/build.js';
import { tempDir } from '../helpers/fixtures.js';
import { BRIDGE, CONVOY, DEPOT, UNDATED, WIRE } from './pages.js';
import { TestSite } from './site.js';
import { ingestTestConfig } from './ingest-config.js';

let site: TestSite;
let config: Config;
let outcomes: Outcome[];
let root: string;

const corpusFiles = () => fs.readdirSync(config.CORPUS_DIR).filter((f) => f.endsWith('.md')).sort();
const frontMatter = (file: string) => {
  const fm = splitFrontMatter(fs.readFileSync(path.join(config.CORPUS_DIR, file), 'utf8'));
  if (!fm.ok) throw new Error(fm.reason);
  return fm;
};
const outcomeFor = (p: string) => outcomes.find((o) => o.input === site.url(p));

beforeAll(async () => {
  site = await TestSite.start();
  root = tempDir('sitrep-ingest-');
  config = ingestTestConfig(root, { FETCH_TIMEOUT_MS: '300' });
  const inputs = [
    '/news/a', '/news/b', '/news/c', '/news/undated', '/report.pdf', '/missing', '/to-private', '/slow', '/huge',
    '/world', '/wire/harbour', '/wire/dispatch', '/go/a', '/feed.rss',
  ].map((p) => site.url(p));
  outcomes = await addInputs(config, inputs, { fetcher: fetcherFromConfig(config, { retryDelayMs: 20 }) });
});
afterAll(async () => {
  await site?.close();
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

describe('adding links', () => {
  it('gives every input an outcome, in order', () => {
    expect(outcomes.map((o) => [new URL(o.input).pathname, o.status])).toEqual([
      ['/news/a', 'added'],
      ['/news/b', 'added'],
      ['/news/c', 'added'],
      ['/news/undated', 'added'],
      ['/report.pdf', 'skipped'],
      ['/missing', 'skipped'],
      ['/to-private', 'skipped'],
      ['/slow', 'skipped'],
      ['/huge', 'skipped'],
      ['/world', 'skipped'],
      ['/wire/harbour', 'added'],
      ['/wire/dispatch', 'duplicate'],
      ['/go/a', 'duplicate'],
      ['/feed.rss', 'skipped'],
    ]);
  });

  it('writes one Markdown file per new article, named by date and title', () => {
    expect(corpusFiles()).toEqual([
      '2031-04-08-rockets-strike-kessel-fuel-depot-outside-marrow-creek.md',
      '2031-05-02-drone-strike-destroys-the-tolvan-river-bridge.md',
      '2031-05-10-supply-convoy-ambushed-on-the-northern-highway.md',
      '2031-06-03-patrol-boat-fired-on-in-the-selk-strait.md',
      'mortar-rounds-land-near-the-orlen-market.md',
    ]);
  });

  it('takes title, site name, date and canonical URL from Open Graph and article:published_time; url is where it was fetched', () => {
    const fm = frontMatter('2031-04-08-rockets-strike-kessel-fuel-depot-outside-marrow-creek.md');
    expect(fm.data).toEqual({ title: DEPOT.title, source: DEPOT.site, published: DEPOT.published, url: site.url('/news/a'), canonical: site.url(DEPOT.canonical) });
    expect(fm.body.trimStart()).toMatch(/^Seven rockets struck the Kessel fuel depot/);
    // Page chrome stays out of the stored text.
    expect(fm.body).not.toMatch(/Related Articles|Home|About us/);
  });

  it('reads JSON-LD headline, datePublished, publisher and url', () => {
    expect(frontMatter('2031-05-02-drone-strike-destroys-the-tolvan-river-bridge.md').data).toEqual({
      title: BRIDGE.title,
      source: BRIDGE.site,
      published: BRIDGE.published,
      url: site.url('/news/b'),
      canonical: site.url(BRIDGE.canonical),
    });
  });

  it('reads the date of a <time datetime> element, and names the site by its host when the page does not', () => {
    expect(frontMatter('2031-05-10-supply-convoy-ambushed-on-the-northern-highway.md').data).toEqual({
      title: CONVOY.title,
      source: '127.0.0.1',
      published: CONVOY.published,
      url: site.url('/news/c'),
    });
  });

  it('adds a page with no date without inventing one', () => {
    const fm = frontMatter('mortar-rounds-land-near-the-orlen-market.md');
    expect(fm.data).toEqual({ title: UNDATED.title, source: 'Valley Courier', url: site.url('/news/undated') });
    expect(outcomeFor('/news/undated')).toMatchObject({ status: 'added', title: UNDATED.title });
    expect(outcomeFor('/news/undated')).not.toHaveProperty('published');
  });

  it('says why each refused link was refused', () => {
    expect(outcomeFor('/report.pdf')).toMatchObject({ reason: expect.stringMatching(/^not an article: the link serves application\/pdf/), transient: false });
    expect(outcomeFor('/missing')).toMatchObject({ reason: 'the server answered 404 Not Found', transient: false });
    expect(outcomeFor('/to-private')).toMatchObject({ reason: expect.stringMatching(/^blocked address: 10\.0\.0\.1 is a private address/) });
    expect(outcomeFor('/slow')).toMatchObject({ reason: 'timed out after 0.3 s', transient: true });
    expect(outcomeFor('/huge')).toMatchObject({ reason: 'too large: the response is over 5 MB' });
    expect(outcomeFor('/world')).toMatchObject({ reason: expect.stringMatching(/^not an article: the page has too little text/) });
    expect(outcomeFor('/feed.rss')).toMatchObject({ reason: expect.stringMatching(/this is a feed.*FEEDS/) });
  });

  it('keeps the same wire story once and remembers its other URL in also_at', () => {
    expect(outcomeFor('/wire/dispatch')).toMatchObject({ status: 'duplicate', by: 'content', file: '2031-06-03-patrol-boat-fired-on-in-the-selk-strait.md', title: WIRE.title });
    const fm = frontMatter('2031-06-03-patrol-boat-fired-on-in-the-selk-strait.md');
    expect(fm.data).toMatchObject({ source: 'The Harbour Ledger', url: site.url('/wire/harbour'), also_at: [site.url('/wire/dispatch')] });
  });

  it('recognises a link that redirects to an article already added by its URL', () => {
    expect(outcomeFor('/go/a')).toMatchObject({ status: 'duplicate', by: 'url', title: DEPOT.title });
  });

  it('is harmless to repeat: the same links again add nothing and write nothing', async () => {
    const before = corpusFiles().map((f) => fs.readFileSync(path.join(config.CORPUS_DIR, f), 'utf8'));
    const again = await addInputs(config, ['/news/a', '/news/b', '/wire/dispatch'].map((p) => site.url(p)));
    expect(again.map((o) => o.status)).toEqual(['duplicate', 'duplicate', 'duplicate']);
    expect(corpusFiles().map((f) => fs.readFileSync(path.join(config.CORPUS_DIR, f), 'utf8'))).toEqual(before);
  });

  it('adds a local HTML file, and knows it on the second try', async () => {
    const saved = path.join(root, 'saved-page.html');
    fs.writeFileSync(saved, (await import('./pages.js')).grellPage());
    const [first] = await addInputs(config, [saved]);
    expect(first).toMatchObject({ status: 'added', input: saved, file: 'power-station-at-grell-hit-by-drones.md', source: 'Northern Dispatch' });
    const [second] = await addInputs(config, [saved]);
    expect(second).toMatchObject({ status: 'duplicate', by: 'content' });
    const [missing] = await addInputs(config, [path.join(root, 'nowhere.html')]);
    expect(missing).toMatchObject({ status: 'skipped', reason: 'cannot read file (ENOENT)' });
  });

  it('prints a summary listing every item', () => {
    const lines = formatOutcomes(outcomes);
    expect(lines).toHaveLength(outcomes.length + 1);
    expect(lines[0]).toBe(
      `added      ${DEPOT.title} (${DEPOT.site}, ${DEPOT.published}) → 2031-04-08-rockets-strike-kessel-fuel-depot-outside-marrow-creek.md  [${site.url('/news/a')}]`,
    );
    expect(lines).toContain(`skipped    ${site.url('/slow')}: timed out after 0.3 s (will be retried)`);
    expect(lines.at(-1)).toBe('5 added, 2 already in the corpus, 7 skipped.');
  });

  it('answers a question about an added article, citing it', async () => {
    const summary = await buildIndex(config);
    expect(summary.skipped).toEqual([]);
    const sitrep = await openSitrep(config);
    // The invented articles are dated 2031: ask as of then, or they are still ahead.
    const answer = await sitrep.answer(DEPOT.question, { asOf: '2031-12-31' });
    expect(answer.abstained).toBe(false);
    expect(answer.answer!.span?.text ?? answer.answer!.text).toMatch(new RegExp(DEPOT.answer, 'i'));
    const cited = answer.sources.find((s) => s.n === answer.answer!.citation)!;
    expect(cited).toMatchObject({
      title: DEPOT.title,
      source: DEPOT.site,
      published: DEPOT.published,
      url: site.url('/news/a'),
      file: '2031-04-08-rockets-strike-kessel-fuel-depot-outside-marrow-creek.md',
    });
  });
});
