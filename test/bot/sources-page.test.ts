import { describe, expect, it } from 'vitest';
import { SOURCES_PAGE_SIZE, pageFromCustomId, sourcesPage } from '../../src/bot/format/sources-page.js';
import { LIMITS } from '../../src/bot/format/limits.js';
import type { ArticleInfo } from '../../src/sitrep.js';

function articles(n: number): ArticleInfo[] {
  return Array.from({ length: n }, (_, i) => ({
    title: `Incident report ${String(i).padStart(2, '0')}`,
    source: 'AFP',
    published: `2023-${String((i % 12) + 1).padStart(2, '0')}-10`,
    url: i % 2 ? `https://example.org/${i}` : null,
    file: `a${i}.md`,
  }));
}

describe('/sources pages', () => {
  it('lists the articles newest first with title, source and date', () => {
    const page = sourcesPage(articles(3), 0);
    const e = page.embeds[0]!.toJSON();
    expect(e.description!.split('\n')).toEqual([
      '1. **Incident report 02** — AFP, 10 Mar 2023',
      '2. [Incident report 01](<https://example.org/1>) — AFP, 10 Feb 2023',
      '3. **Incident report 00** — AFP, 10 Jan 2023',
    ]);
    expect(page.components).toEqual([]);
  });

  it('pages a long list with Previous/Next buttons disabled at the ends', () => {
    const list = articles(25);
    const first = sourcesPage(list, 0);
    const buttons = (p: typeof first) => p.components[0]!.toJSON().components as { custom_id: string; disabled?: boolean }[];
    expect(first.embeds[0]!.toJSON().description!.split('\n')).toHaveLength(SOURCES_PAGE_SIZE);
    expect(buttons(first).map((b) => [b.custom_id, b.disabled])).toEqual([
      ['sources:-1', true],
      ['sources:1', false],
    ]);
    const last = sourcesPage(list, 2);
    expect(last.embeds[0]!.toJSON().footer!.text).toBe('Page 3 of 3 · 25 articles');
    expect(buttons(last).map((b) => b.disabled)).toEqual([false, true]);
  });

  it('clamps a page past the end (the index may have shrunk since the buttons were sent)', () => {
    expect(sourcesPage(articles(12), 7).embeds[0]!.toJSON().footer!.text).toBe('Page 2 of 2 · 12 articles');
    expect(pageFromCustomId('sources:3')).toBe(3);
    expect(pageFromCustomId('other:3')).toBeNull();
  });

  it('stays under the description limit with very long titles', () => {
    const long = articles(10).map((a) => ({ ...a, title: 'Long words '.repeat(200), url: `https://example.org/${'p'.repeat(400)}` }));
    expect(sourcesPage(long, 0).embeds[0]!.toJSON().description!.length).toBeLessThanOrEqual(LIMITS.description);
  });

  it('says so when the index is empty', () => {
    expect(sourcesPage([], 0).embeds[0]!.toJSON().description).toBe('The index holds no articles yet.');
  });
});
