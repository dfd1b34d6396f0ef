import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../src/corpus/index.js';
import { urlKey } from '../../src/ingest/canonical-url.js';
import { addAlsoAt, pathInside, renderArticle, slugFor, writeNewArticle } from '../../src/ingest/corpus-writer.js';
import { tempDir } from '../helpers/fixtures.js';

describe('file names for added articles', () => {
  it('are the date and the title as lower-case ASCII words', () => {
    expect(slugFor('Rockets Strike Kessel Fuel Depot — Outside Marrow Creek!', '2031-04-08')).toBe('2031-04-08-rockets-strike-kessel-fuel-depot-outside-marrow-creek');
    expect(slugFor('Frappe sur le dépôt à Çanak')).toBe('frappe-sur-le-depot-a-canak');
    expect(slugFor('../../etc/passwd')).toBe('etc-passwd');
    expect(slugFor('…')).toBe('article');
  });

  it('can never name a path outside the corpus folder, whatever the title', () => {
    const dir = tempDir('sitrep-slug-');
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.option(fc.constant('2031-01-02'), { nil: undefined }), (title, date) => {
        const slug = slugFor(title, date);
        expect(slug).toMatch(/^[a-z0-9][a-z0-9-]*$/);
        expect(slug.length).toBeLessThanOrEqual(91);
        expect(path.dirname(pathInside(dir, `${slug}.md`))).toBe(path.resolve(dir));
      }),
    );
    expect(() => pathInside(dir, '../x.md')).toThrow(/not a slug/);
    expect(() => pathInside(dir, 'a/b.md')).toThrow(/not a slug/);
  });

  it('never overwrite an existing file: a second article with the same slug gets -2', async () => {
    const dir = tempDir('sitrep-write-');
    expect(await writeNewArticle(dir, 'same-title', 'one')).toBe('same-title.md');
    expect(await writeNewArticle(dir, 'same-title', 'two')).toBe('same-title-2.md');
    expect(fs.readFileSync(path.join(dir, 'same-title.md'), 'utf8')).toBe('one');
    expect(fs.readdirSync(dir).sort()).toEqual(['same-title-2.md', 'same-title.md']);
  });
});

describe('the Markdown written', () => {
  it('reads back through the corpus loader with the same metadata, quotes and colons included', () => {
    const text = renderArticle(
      { title: 'Strike: "a test" title', source: 'The Harbour Ledger', published: '2031-04-08', url: 'https://example.test/a?b=1#c' },
      'First paragraph with a colon: here.\n\nSecond paragraph.',
    );
    const { articles } = parseMarkdown('x.md', text);
    expect(articles[0]).toMatchObject({
      title: 'Strike: "a test" title',
      source: 'The Harbour Ledger',
      published: '2031-04-08',
      url: 'https://example.test/a?b=1#c',
      text: 'First paragraph with a colon: here.\n\nSecond paragraph.',
    });
  });

  it('gains also_at URLs without losing the rest of the file, and the loader still accepts it', async () => {
    const dir = tempDir('sitrep-also-');
    const file = path.join(dir, 'a.md');
    fs.writeFileSync(file, '---\ntitle: A story # a comment\nsource: Wire\n---\n\nBody text here.\n');
    expect(await addAlsoAt(file, ['https://b.example/copy'])).toBe(true);
    expect(await addAlsoAt(file, ['https://b.example/copy', 'https://c.example/copy'])).toBe(true);
    const text = fs.readFileSync(file, 'utf8');
    expect(text).toContain('# a comment');
    expect(text).toMatch(/also_at:\n\s+- https:\/\/b\.example\/copy\n\s+- https:\/\/c\.example\/copy\n/);
    expect(text.endsWith('---\n\nBody text here.\n')).toBe(true);
    expect(parseMarkdown('a.md', text).articles[0]).toMatchObject({ title: 'A story', source: 'Wire', text: 'Body text here.' });
  });
});

describe('URL keys for duplicate detection', () => {
  it('ignore scheme, www, fragment, trailing slash and tracking parameters', () => {
    const key = urlKey('https://www.example.test/news/story/?utm_source=x&id=7#top');
    expect(urlKey('http://example.test/news/story?id=7')).toBe(key);
    expect(urlKey('https://example.test/news/story?id=8')).not.toBe(key);
    expect(urlKey('mailto:a@b.c')).toBeUndefined();
  });
});
