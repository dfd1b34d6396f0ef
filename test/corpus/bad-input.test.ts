import { describe, expect, it } from 'vitest';
import { parseCorpusFile } from '../../src/corpus/index.js';

const skippedFor = (file: string, bytes: Buffer | string, maxFileBytes?: number) => {
  const r = parseCorpusFile(file, typeof bytes === 'string' ? Buffer.from(bytes) : bytes, { maxFileBytes });
  expect(r.articles).toEqual([]);
  return r.skipped;
};

describe('bad input is skipped with a reason naming the file', () => {
  it('an empty file', () => {
    expect(skippedFor('e.md', '')).toEqual([{ file: 'e.md', reason: 'empty file' }]);
  });

  it('a whitespace-only file', () => {
    expect(skippedFor('w.txt', ' \n\t\r\n \u00a0 ')).toEqual([{ file: 'w.txt', reason: 'empty file (only whitespace)' }]);
  });

  it('a binary file with NUL bytes', () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]);
    expect(skippedFor('photo.md', png)).toEqual([{ file: 'photo.md', reason: 'binary file (contains NUL bytes)' }]);
  });

  it('a binary file made mostly of control characters', () => {
    const bytes = Buffer.from(Array.from({ length: 200 }, (_, i) => (i % 3 === 0 ? 0x41 : 0x01 + (i % 7))));
    expect(skippedFor('blob.txt', bytes)).toEqual([{ file: 'blob.txt', reason: 'binary file (mostly control characters)' }]);
  });

  it('a UTF-16 file', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Title\n\nText.', 'utf16le')]);
    expect(skippedFor('u16.txt', bytes)).toEqual([{ file: 'u16.txt', reason: 'UTF-16 encoded text; save it as UTF-8' }]);
  });

  it('text that is not valid UTF-8 (Latin-1)', () => {
    const latin1 = Buffer.from('Caf\xe9 bomb\xe9\n\nLe caf\xe9 a \xe9t\xe9 touch\xe9.', 'latin1');
    expect(skippedFor('fr.txt', latin1)).toEqual([{ file: 'fr.txt', reason: 'not valid UTF-8 text' }]);
  });

  it('a file over the size limit', () => {
    expect(skippedFor('big.md', 'x'.repeat(3000), 2048)).toEqual([
      { file: 'big.md', reason: 'file too large (2.9 KB; the limit is 2 KB)' },
    ]);
  });

  it('unreadable front matter', () => {
    expect(skippedFor('fm.md', '---\ntitle: [unclosed\n---\nBody.')[0].reason).toMatch(/^bad front matter: /);
  });

  it('front matter that never closes', () => {
    expect(skippedFor('fm.md', '---\ntitle: T\nBody.')).toEqual([{ file: 'fm.md', reason: 'bad front matter: no closing "---" line' }]);
  });

  it('front matter that is a list, not key: value pairs', () => {
    expect(skippedFor('fm.md', '---\n- a\n- b\n---\nBody.')).toEqual([
      { file: 'fm.md', reason: 'bad front matter: expected "key: value" lines' },
    ]);
  });

  it('a Markdown file with no title anywhere', () => {
    expect(skippedFor('nt.md', '---\nsource: AFP\n---\nJust a body, no heading.')).toEqual([{ file: 'nt.md', reason: 'missing title' }]);
  });

  it('an unparseable date, naming the value', () => {
    expect(skippedFor('d.md', '---\ntitle: T\npublished: 32/13/2023\n---\nBody.')).toEqual([
      { file: 'd.md', reason: 'invalid date "32/13/2023": no such day (write it as YYYY-MM-DD)' },
    ]);
  });

  it('a text file whose only line is the title', () => {
    expect(skippedFor('t.txt', 'Only a title\n\n')).toEqual([{ file: 't.txt', reason: 'no text after cleaning' }]);
  });

  it('a file whose body is nothing but page furniture', () => {
    expect(skippedFor('f.md', '# Title\n\nRelated Articles\n\nBack to top button\n')).toEqual([{ file: 'f.md', reason: 'no text after cleaning' }]);
  });

  it('an unsupported file type', () => {
    expect(skippedFor('report.pdf', '%PDF-1.4')).toEqual([
      { file: 'report.pdf', reason: 'unsupported file type (.pdf); supported: .md, .markdown, .txt, .html, .htm, .jsonl' },
    ]);
  });

  it('a file without an extension', () => {
    expect(skippedFor('LICENSE', 'MIT')[0].reason).toMatch(/^unsupported file type; supported:/);
  });
});
