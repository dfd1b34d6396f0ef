/**
 * The nesting guard measures what the parser builds: `<li><p>x` repeated nests without end in
 * linkedom although `li` and `p` look as if they closed each other. Such a page is refused with a
 * reason, never overflows the stack, and, arriving through a feed, is refused once and for all.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config.js';
import { blockText, MAX_TAG_DEPTH, withinSize } from '../../src/corpus/html.js';
import { readTags } from '../../src/corpus/html-depth.js';
import { extractHtml, parseCorpusFile } from '../../src/corpus/index.js';
import { fetcherFromConfig, ingestFeeds } from '../../src/ingest/index.js';
import { candidateFromPage } from '../../src/ingest/page-article.js';
import { tempDir } from '../helpers/fixtures.js';
import { TestSite } from './site.js';
import { ingestTestConfig } from './ingest-config.js';

const LI_P = '<li><p>x'.repeat(10_000);

/** Depth of the deepest element under `root` (the root itself is 0), walked without recursion. */
function domDepth(root: { firstElementChild: unknown }): number {
  let deepest = 0;
  const stack: Array<[any, number]> = [[root, 0]];
  while (stack.length > 0) {
    const [el, depth] = stack.pop()!;
    deepest = Math.max(deepest, depth);
    for (let c = el.firstElementChild; c; c = c.nextElementSibling) stack.push([c, depth + 1]);
  }
  return deepest;
}

describe('nesting measured as the parser builds it', () => {
  it('reads "<li><p>x" repeated as nesting two levels per repeat', () => {
    expect(readTags('<li><p>x'.repeat(50)).depth).toBe(100);
    expect(readTags(LI_P, MAX_TAG_DEPTH).depth).toBeGreaterThan(MAX_TAG_DEPTH);
  });

  it('agrees with linkedom on the depth of any soup of tags', () => {
    const tag = fc.constantFrom('<div>', '</div>', '<p>', '</p>', '<li>', '</li>', '<ul>', '</ul>', '<td>', '<tr>', '<table>', '</table>', '<br>', '<img src=x>', '<svg>', '</svg>', '<g/>', '<b>', '</b>', '<h1>', '<dd>', '<dt>', '<option>', '<select>', '<script><div></script>', '<!-- <div> -->', 'text', '<x-y>');
    fc.assert(
      fc.property(fc.array(tag, { maxLength: 60 }), (tags) => {
        const html = `<!doctype html><html><head></head><body>${tags.join('')}</body></html>`;
        const { document } = parseHTML(html);
        // readTags counts from the first element (html = 1); the DOM walk counts html as 0.
        expect(readTags(html).depth).toBe(domDepth(document.documentElement as never) + 1);
      }),
      { numRuns: 1000 },
    );
  });

  it('checks the parsed tree itself, without recursion', () => {
    const { document } = parseHTML('<!doctype html><html><body></body></html>');
    let node = document.body as unknown as { appendChild: (n: unknown) => unknown };
    for (let i = 0; i < 20_000; i++) node = node.appendChild(document.createElement(i % 2 ? 'li' : 'p')) as typeof node;
    (node as unknown as { textContent: string }).textContent = 'deep';
    expect(withinSize(document.documentElement as never, MAX_TAG_DEPTH)).toBe(false);
    expect(withinSize(document.documentElement as never, 30_000)).toBe(true);
    // 20,000 levels overflowed the recursive walk that blockText was.
    expect(blockText(document.body as never)).toBe('deep');
  });

  it('refuses the page with that reason, for a link and for a corpus file', () => {
    expect(extractHtml(LI_P)).toEqual({ body: '', refused: 'nested too deep (more than 2,000 levels)' });
    expect(candidateFromPage(LI_P, 'https://a.example/x', 'https://a.example/x')).toEqual({
      ok: false,
      reason: "not an article: the page's HTML is nested too deep (more than 2,000 levels)",
    });
    expect(parseCorpusFile('deep.html', Buffer.from(LI_P)).skipped).toEqual([{ file: 'deep.html', reason: 'HTML nested too deep (more than 2,000 levels)' }]);
  });

  it('reads a page nested less deep as usual', () => {
    const words = 'The convoy reached the border crossing at dawn after a night on the road, officials said.';
    const page = `<html><head><title>Convoy</title></head><body>${'<div>'.repeat(300)}<p>${words} ${words}</p><p>${words}</p></body></html>`;
    expect(extractHtml(page)).toMatchObject({ title: 'Convoy', body: `${words} ${words}\n\n${words}` });
  });
});

describe('a feed item nested too deep', () => {
  let site: TestSite;
  let root: string;
  let config: Config;

  beforeAll(async () => {
    site = await TestSite.start();
    root = tempDir('sitrep-nesting-');
    const page = site.serve('/deep', LI_P);
    const feed = `<?xml version="1.0"?><rss version="2.0"><channel><title>Deep Wire</title><link>${site.origin}/</link>
<item><title>Deep</title><link>${page}</link><guid>deep-1</guid></item></channel></rss>`;
    site.serve('/deep.rss', feed, 'application/rss+xml', '"deep-v1"');
    config = ingestTestConfig(root, { FEEDS: site.url('/deep.rss') });
  });
  afterAll(async () => {
    await site?.close();
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  it('is refused for good: remembered as seen, the ETag kept, not fetched again', async () => {
    const fetcher = fetcherFromConfig(config, { retries: 0 });
    const [first] = await ingestFeeds(config, config.FEEDS, { fetcher });
    expect(first!.outcomes).toEqual([
      { status: 'skipped', input: site.url('/deep'), reason: "not an article: the page's HTML is nested too deep (more than 2,000 levels)", transient: false },
    ]);
    const state = JSON.parse(fs.readFileSync(config.INGEST_STATE_FILE, 'utf8'));
    expect(state.feeds[site.url('/deep.rss')]).toMatchObject({ etag: '"deep-v1"', seen: ['deep-1'] });

    const [second] = await ingestFeeds(config, config.FEEDS, { fetcher });
    expect(second!.status).toBe('not-modified');
    expect(site.hits('/deep')).toBe(1);
  });
});
