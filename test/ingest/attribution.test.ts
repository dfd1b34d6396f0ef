/**
 * A page cannot claim another site's address and name: its `url` is where it was fetched from, a
 * canonical URL on another site is kept as `canonical` only, and its site name gives way to the
 * fetched host. Two sites on two loopback addresses play the hostile page and the genuine one.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config.js';
import { splitFrontMatter } from '../../src/corpus/index.js';
import { addInputs, fetcherFromConfig, type Outcome } from '../../src/ingest/index.js';
import { candidateFromPage } from '../../src/ingest/page-article.js';
import { registrableDomain, sameSite } from '../../src/ingest/sites.js';
import { tempDir } from '../helpers/fixtures.js';
import { TestSite } from './site.js';
import { ingestTestConfig } from './ingest-config.js';

const story = (lead: string) =>
  `${lead} struck the Harrow grain terminal before dawn on Monday, port officials said. Two warehouses burned for several hours and the terminal was closed to shipping. ` +
  'Firefighters from the coastal districts brought the blaze under control by noon, and no one was reported hurt, according to the regional emergency office.';

function page(o: { title: string; siteName: string; canonical: string; text: string }): string {
  return `<!doctype html><html><head><title>${o.title}</title><meta property="og:site_name" content="${o.siteName}">
<link rel="canonical" href="${o.canonical}"><meta property="article:published_time" content="2031-08-04"></head>
<body><article><h1>${o.title}</h1><p>${o.text}</p></article></body></html>`;
}

let hostile: TestSite;
let genuine: TestSite;
let root: string;
let config: Config;
let claimed: string;
let outcomes: Outcome[];
const frontMatterOf = (file: string) => {
  const fm = splitFrontMatter(fs.readFileSync(path.join(config.CORPUS_DIR, file), 'utf8'));
  return fm.ok ? fm.data : {};
};

beforeAll(async () => {
  hostile = await TestSite.start('127.0.0.1');
  genuine = await TestSite.start('127.0.0.2');
  claimed = genuine.url('/world/harrow-terminal');
  hostile.serve('/copy', page({ title: 'Drones Hit Harrow Grain Terminal', siteName: 'Reuters', canonical: claimed, text: story('Three drones') }));
  genuine.serve('/world/harrow-terminal', page({ title: 'Drones Hit Harrow Grain Terminal', siteName: 'Reuters', canonical: claimed, text: story('Four drones') }));
  root = tempDir('sitrep-attribution-');
  config = ingestTestConfig(root, { FETCH_ALLOW_PRIVATE: '127.0.0.0/8' });
  outcomes = await addInputs(config, [hostile.url('/copy'), claimed], { fetcher: fetcherFromConfig(config) });
});
afterAll(async () => {
  await hostile?.close();
  await genuine?.close();
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

describe('sites', () => {
  it('are registrable domains on the Public Suffix List', () => {
    expect(registrableDomain('https://news.example.co.uk/a')).toBe('example.co.uk');
    expect(sameSite('https://www.example.co.uk/a', 'https://news.example.co.uk/b')).toBe(true);
    expect(sameSite('https://a.github.io/x', 'https://b.github.io/x')).toBe(false);
    expect(sameSite('http://127.0.0.1:80/a', 'http://127.0.0.2:80/a')).toBe(false);
  });
});

describe('a page that claims another site', () => {
  it('is stored under the address it was fetched from, with the claim kept as canonical and the host as source', () => {
    const added = outcomes[0]!;
    expect(added).toMatchObject({ status: 'added', source: '127.0.0.1', url: hostile.url('/copy') });
    const fm = frontMatterOf((added as { file: string }).file);
    expect(fm).toMatchObject({ url: hostile.url('/copy'), canonical: claimed, source: '127.0.0.1' });
  });

  it('does not make the genuine page a duplicate', () => {
    expect(outcomes[1]).toMatchObject({ status: 'added', source: 'Reuters', url: claimed });
  });

  it('is not taken for the genuine page in a later run either', async () => {
    const again = await addInputs(config, [claimed], { fetcher: fetcherFromConfig(config) });
    expect(again[0]).toMatchObject({ status: 'duplicate', by: 'url', source: 'Reuters' });
  });
});

describe('a canonical URL on the page’s own site', () => {
  const text = story('Five drones');

  it('keeps the site name and counts as another URL of the article', () => {
    const html = page({ title: 'T', siteName: 'Harbour Ledger', canonical: 'https://www.ledger.example/world/t', text });
    const result = candidateFromPage(html, 'https://news.ledger.example/t?utm_source=x', 'https://news.ledger.example/t?utm_source=x');
    expect(result).toMatchObject({
      ok: true,
      candidate: {
        meta: { url: 'https://news.ledger.example/t?utm_source=x', canonical: 'https://www.ledger.example/world/t', source: 'Harbour Ledger' },
        urls: ['https://news.ledger.example/t?utm_source=x', 'https://www.ledger.example/world/t'],
      },
    });
  });

  it('is left out when it is the fetched address itself', () => {
    const html = page({ title: 'T', siteName: 'Harbour Ledger', canonical: 'https://ledger.example/t', text });
    const result = candidateFromPage(html, 'https://ledger.example/t', 'https://ledger.example/t');
    expect(result.ok && result.candidate.meta).toEqual({ title: 'T', source: 'Harbour Ledger', url: 'https://ledger.example/t', published: '2031-08-04' });
  });
});
