import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, symlink, truncate, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CorpusError, dedupeArticles, loadCorpus, type SkippedInput } from '../../src/corpus/index.js';

let tmp: string;
let corpus: string;

beforeEach(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'sitrep-corpus-'));
  corpus = path.join(tmp, 'corpus');
  await mkdir(corpus);
});
afterEach(async () => {
  await rm(tmp, { recursive: true, force: true });
});

const put = async (rel: string, content: string | Buffer) => {
  const p = path.join(corpus, rel);
  await mkdir(path.dirname(p), { recursive: true });
  await writeFile(p, content);
  return p;
};
const md = (title: string, body: string) => `---\ntitle: ${title}\n---\n${body}\n`;

describe('loadCorpus', () => {
  it('walks folders recursively in sorted order and handles unusual file names', async () => {
    await put('b.md', md('B', 'Bee text.'));
    await put('a/z.txt', 'Zed\n\nZed text.');
    await put('a/-dash.md', md('Dash', 'Dash text.'));
    await put('with space é.md', md('Space', 'Space text.'));
    await put('日本/記事.md', md('Unicode', 'Unicode text.'));
    const { files, skipped } = await loadCorpus(corpus);
    expect(skipped).toEqual([]);
    expect(files.map((f) => f.file)).toEqual(['a/-dash.md', 'a/z.txt', 'b.md', 'with space é.md', '日本/記事.md']);
    expect(files.map((f) => f.articles[0].file)).toEqual(files.map((f) => f.file));
  });

  it('leaves out dotfiles and dot-folders', async () => {
    await put('.hidden.md', md('Hidden', 'Hidden text.'));
    await put('.git/notes.md', md('Git', 'Git text.'));
    await put('shown.md', md('Shown', 'Shown text.'));
    const { files, skipped } = await loadCorpus(corpus);
    expect(files.map((f) => f.file)).toEqual(['shown.md']);
    expect(skipped).toEqual([]);
  });

  it('records the sha256 of each file’s raw bytes', async () => {
    const raw = md('Hash', 'Hashed text.');
    await put('h.md', raw);
    const { files } = await loadCorpus(corpus);
    expect(files[0].hash).toBe(createHash('sha256').update(raw).digest('hex'));
  });

  it('indexes the rest when some files are bad, reporting each bad one once and listing only good files', async () => {
    await put('good.md', md('Good', 'Good text.'));
    await put('empty.md', '');
    await put('binary.txt', Buffer.from([0, 1, 2, 3]));
    await put('dated.md', '---\ntitle: T\npublished: someday\n---\nBody.');
    await put('notes.docx', 'whatever');
    const warnings: SkippedInput[] = [];
    const { files, skipped } = await loadCorpus(corpus, { onWarning: (s) => warnings.push(s) });
    expect(files.map((f) => f.file)).toEqual(['good.md']);
    expect(skipped).toEqual([
      { file: 'binary.txt', reason: 'binary file (contains NUL bytes)' },
      { file: 'dated.md', reason: 'invalid date "someday": not a recognisable date (write it as YYYY-MM-DD)' },
      { file: 'empty.md', reason: 'empty file' },
      { file: 'notes.docx', reason: expect.stringMatching(/^unsupported file type \(\.docx\)/) },
    ]);
    expect(warnings).toEqual(skipped);
  });

  it('skips a file over the default 5 MB limit without reading it', async () => {
    const big = await put('huge.md', '');
    await truncate(big, 6 * 1024 * 1024); // sparse: costs no disk
    const { files, skipped } = await loadCorpus(corpus);
    expect(files).toEqual([]);
    expect(skipped).toEqual([{ file: 'huge.md', reason: 'file too large (6 MB; the limit is 5 MB)' }]);
  });

  it('honours a smaller maxFileBytes', async () => {
    await put('small.md', md('Small', 'x'.repeat(200)));
    const { skipped } = await loadCorpus(corpus, { maxFileBytes: 100 });
    expect(skipped[0].reason).toMatch(/^file too large \(\d+ bytes; the limit is 100 bytes\)$/);
  });

  it('indexes the same text once and reports later copies as duplicates', async () => {
    await put('a.md', md('First copy', 'The same story text.'));
    await put('b.txt', 'Second copy\n\nThe same story text.');
    await put('c.jsonl', [JSON.stringify({ title: 'Other', text: 'Another story.' }), JSON.stringify({ title: 'Again', text: 'Another story.' })].join('\n'));
    const { files, skipped } = await loadCorpus(corpus);
    expect(files.map((f) => [f.file, f.articles.length])).toEqual([
      ['a.md', 1],
      ['c.jsonl', 1],
    ]);
    expect(skipped).toEqual([
      { file: 'b.txt', reason: 'duplicate of a.md' },
      { file: 'c.jsonl', line: 2, reason: 'duplicate of c.jsonl line 1' },
    ]);
  });

  it('never follows a symbolic link out of the corpus folder', async () => {
    await writeFile(path.join(tmp, 'secret.md'), md('Secret', 'Outside text.'));
    await mkdir(path.join(tmp, 'elsewhere'));
    await writeFile(path.join(tmp, 'elsewhere', 'x.md'), md('Else', 'Elsewhere text.'));
    await symlink(path.join(tmp, 'secret.md'), path.join(corpus, 'link.md'));
    await symlink(path.join(tmp, 'elsewhere'), path.join(corpus, 'linked-dir'));
    await put('inside.md', md('Inside', 'Inside text.'));
    const { files, skipped } = await loadCorpus(corpus);
    expect(files.map((f) => f.file)).toEqual(['inside.md']);
    expect(skipped).toEqual([
      { file: 'link.md', reason: 'symbolic link leads outside the corpus folder' },
      { file: 'linked-dir', reason: 'symbolic link leads outside the corpus folder' },
    ]);
  });

  it('follows links inside the folder, survives link loops, and reports broken links', async () => {
    await put('sub/real.md', md('Real', 'Real text.'));
    await symlink(path.join(corpus, 'sub', 'real.md'), path.join(corpus, 'alias.md'));
    await symlink(corpus, path.join(corpus, 'sub', 'loop'));
    await symlink(path.join(corpus, 'missing.md'), path.join(corpus, 'broken.md'));
    const { files, skipped } = await loadCorpus(corpus);
    expect(files.map((f) => f.file)).toEqual(['alias.md']);
    expect(skipped).toEqual([
      { file: 'broken.md', reason: 'broken symbolic link' },
      { file: 'sub/real.md', reason: 'duplicate of alias.md' },
    ]);
  });

  it('throws a CorpusError when the folder does not exist', async () => {
    await expect(loadCorpus(path.join(tmp, 'nope'))).rejects.toThrow(CorpusError);
    await expect(loadCorpus(path.join(tmp, 'nope'))).rejects.toThrow(/Corpus folder not found/);
  });
});

describe('dedupeArticles', () => {
  it('keeps the first copy in file order and drops files left empty', () => {
    const art = (file: string, id: string) => ({ id, file, title: 't', text: 'x' });
    const { files, duplicates } = dedupeArticles([
      { file: 'a', hash: 'h1', articles: [art('a', '1'), art('a', '2')] },
      { file: 'b', hash: 'h2', articles: [art('b', '2')] },
    ]);
    expect(files.map((f) => [f.file, f.articles.map((a) => a.id)])).toEqual([['a', ['1', '2']]]);
    expect(duplicates).toEqual([{ file: 'b', reason: 'duplicate of a' }]);
  });
});
