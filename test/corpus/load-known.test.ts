import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCorpus, loadScanned, recordedCorpus, scanCorpus, writeRemoved, type Article, type FileRecord } from '../../src/corpus/index.js';
import { article, writeCorpus } from '../helpers/fixtures.js';

const files = {
  'a.md': article('Port strike', 'A missile hit the port of Aden on Monday.'),
  'b.md': article('Copy', 'A missile hit the port of Aden on Monday.'),
  'c.jsonl': [JSON.stringify({ title: 'One', text: 'Shelling hit the border post.' }), '{"broken":', JSON.stringify({ title: 'Two', text: 'A drone was shot down.' })].join('\n'),
  'd.md': '',
};

/** Sets a file's mtime (and atime) to `ms`. */
const setMtime = (file: string, ms: number) => fs.utimesSync(file, ms / 1000, ms / 1000);

/** Articles of a first load by file, the way a caller that still holds them answers `articlesOf`. */
function holder(first: Awaited<ReturnType<typeof loadCorpus>>) {
  const calls: string[] = [];
  const byFile = new Map(first.files.map((f) => [f.file, f.articles]));
  return {
    calls,
    articlesOf: (file: string, _record: FileRecord): Article[] | undefined => {
      calls.push(file);
      return byFile.get(file);
    },
  };
}

describe('loading with the records of an earlier load', () => {
  it('records every file it read, with the articles it yielded before duplicates and its own skips', async () => {
    const corpus = writeCorpus(files);
    const first = await loadCorpus(corpus);
    expect([...first.records.keys()]).toEqual(['a.md', 'b.md', 'c.jsonl', 'd.md']);
    const c = first.records.get('c.jsonl')!;
    expect(c.articles.map((a) => a.line)).toEqual([1, 3]);
    expect(c.skipped).toEqual([{ file: 'c.jsonl', line: 2, reason: expect.stringMatching(/^invalid JSON/) }]);
    // b.md's article is a duplicate of a.md's: the record still lists it, the load does not keep it.
    expect(first.records.get('b.md')!.articles).toHaveLength(1);
    expect(first.records.get('b.md')!.size).toBe(fs.statSync(path.join(corpus, 'b.md')).size);
    expect(first.parsed).toBe(4);
  });

  it('does not read a file whose size and mtime match its record', async () => {
    const corpus = writeCorpus(files);
    const a = path.join(corpus, 'a.md');
    const mtimeMs = 1_700_000_000_000; // a whole second: utimes keeps it exactly
    setMtime(a, mtimeMs);
    const first = await loadCorpus(corpus);
    // Same size, same mtime, other bytes: only a read could tell, and the scan does not read.
    fs.writeFileSync(a, fs.readFileSync(a, 'utf8').replace('Monday', 'Sunday'));
    setMtime(a, mtimeMs);
    const scan = await scanCorpus(corpus, { known: first.records });
    expect(scan.hashed).toBe(0);
    expect(scan.items.every((i) => 'reason' in i || i.known !== undefined)).toBe(true);
  });

  it('hashes a file whose mtime changed but not its size, and does not parse it when its hash is the same', async () => {
    const corpus = writeCorpus(files);
    const first = await loadCorpus(corpus);
    const c = path.join(corpus, 'c.jsonl');
    setMtime(c, fs.statSync(c).mtimeMs + 60_000);
    const scan = await scanCorpus(corpus, { known: first.records });
    expect(scan.hashed).toBe(1);
    const { calls, articlesOf } = holder(first);
    const second = await loadScanned(scan, { articlesOf });
    // Parsed again: b.md, whose one article was a duplicate (the caller holds none of it), and d.md,
    // which yielded none. The others come from the caller.
    expect(second.parsed).toBe(2);
    expect(second.reused).toBe(2);
    expect(calls).toEqual(['a.md', 'b.md', 'c.jsonl', 'd.md']);
    expect(second.files).toEqual(first.files);
    expect(second.skipped).toEqual(first.skipped);
    expect(second.records.get('c.jsonl')!.mtimeMs).toBe(fs.statSync(c).mtimeMs);
  });

  it('reads and parses again a file whose size or bytes changed', async () => {
    const corpus = writeCorpus(files);
    const first = await loadCorpus(corpus);
    const c = path.join(corpus, 'c.jsonl');
    fs.appendFileSync(c, `\n${JSON.stringify({ title: 'Three', text: 'Rockets hit the airport.' })}`);
    const a = path.join(corpus, 'a.md');
    fs.writeFileSync(a, fs.readFileSync(a, 'utf8').replace('Monday', 'Sunday'));
    setMtime(a, fs.statSync(a).mtimeMs + 60_000);
    const scan = await scanCorpus(corpus, { known: first.records });
    expect(scan.items.filter((i) => !('reason' in i) && !i.known).map((i) => (i as { file: string }).file)).toEqual(['a.md', 'c.jsonl']);
    expect(recordedCorpus(scan)).toBeNull();
    const second = await loadScanned(scan, holder(first));
    expect(second.files.find((f) => f.file === 'c.jsonl')!.articles.map((x) => x.title)).toEqual(['One', 'Two', 'Three']);
    expect(second.files.find((f) => f.file === 'a.md')!.articles[0]!.text).toContain('Sunday');
  });

  it('tells from the records alone what a load would find, duplicates and skips included', async () => {
    const corpus = writeCorpus(files);
    const first = await loadCorpus(corpus);
    const scan = await scanCorpus(corpus, { known: first.records });
    expect(recordedCorpus(scan)).toEqual({
      files: Object.fromEntries(first.files.map((f) => [f.file, f.hash])),
      articles: first.files.reduce((n, f) => n + f.articles.length, 0),
      skipped: first.skipped,
      removed: [],
    });
    expect(first.skipped.map((s) => s.reason)).toEqual(['duplicate of a.md', expect.stringMatching(/^invalid JSON/), 'empty file']);
  });

  it('leaves out the articles on the removed list, whether the file is read or known, and keeps another file\'s copy', async () => {
    const corpus = writeCorpus(files);
    const first = await loadCorpus(corpus);
    const idOf = (file: string, title: string) => first.files.find((f) => f.file === file)!.articles.find((a) => a.title === title)!.id;
    const port = idOf('a.md', 'Port strike');
    const two = idOf('c.jsonl', 'Two');
    await writeRemoved(corpus, [
      { file: 'a.md', id: port, title: 'Port strike', removedAt: '2031-03-01T00:00:00Z' },
      { file: 'c.jsonl', id: two, line: 3, title: 'Two', removedAt: '2031-03-01T00:00:00Z' },
    ]);
    const read = await loadCorpus(corpus);
    const scan = await scanCorpus(corpus, { known: first.records });
    const known = await loadScanned(scan, holder(first));
    for (const load of [read, known]) {
      expect(load.files.map((f) => [f.file, f.articles.map((a) => a.title)])).toEqual([
        // b.md was a duplicate of a.md's article: with a.md's copy removed, b.md's is the one.
        ['b.md', ['Copy']],
        ['c.jsonl', ['One']],
      ]);
      expect(load.removed).toEqual([{ file: 'a.md', id: port }, { file: 'c.jsonl', id: two }]);
      // The records still describe the files as they are.
      expect(load.records.get('c.jsonl')!.articles.map((a) => a.id)).toEqual(first.records.get('c.jsonl')!.articles.map((a) => a.id));
    }
    // a.md and c.jsonl come from the holder; b.md (whose one article was a duplicate) and the empty d.md are read.
    expect([known.reused, known.parsed]).toEqual([2, 2]);
    expect(recordedCorpus(scan)).toEqual({
      files: Object.fromEntries(read.files.map((f) => [f.file, f.hash])),
      articles: 2,
      skipped: read.skipped,
      removed: read.removed,
    });
  });
});
