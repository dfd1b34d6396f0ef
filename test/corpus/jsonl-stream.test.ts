import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JsonLinesReader, loadCorpus, parseCorpusFile, readCorpusFile, sha256Hex, type SkippedInput } from '../../src/corpus/index.js';

let tmp: string;
let corpus: string;

beforeEach(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'sitrep-jsonl-'));
  corpus = path.join(tmp, 'corpus');
  await mkdir(corpus);
});
afterEach(async () => {
  await rm(tmp, { recursive: true, force: true });
});

const line = (title: string, text: string) => JSON.stringify({ title, source: 'Wire', text });

describe('JSON Lines, read line by line', () => {
  it('loads a .jsonl file larger than the limit when each article is within it', async () => {
    // 200 articles of about 130 bytes: 26 KB, five times a 5 KB limit.
    const lines = Array.from({ length: 200 }, (_, i) => line(`Report ${i}`, `Shelling hit district ${i} on Monday, officials said, and ${i} homes were damaged.`));
    await writeFile(path.join(corpus, 'export.jsonl'), `${lines.join('\n')}\n`);
    const { files, skipped } = await loadCorpus(corpus, { maxFileBytes: 5 * 1024 });
    expect(skipped).toEqual([]);
    expect(files).toHaveLength(1);
    expect(files[0]!.articles.map((a) => a.line)).toEqual(lines.map((_, i) => i + 1));
    expect(files[0]!.articles[199]!.title).toBe('Report 199');
  });

  it('skips a line over the limit with its file, line number and reason, and loads the others', async () => {
    const big = line('Huge', 'word '.repeat(400));
    expect(Buffer.byteLength(big)).toBeGreaterThan(2000); // "2 KB" below
    const text = [line('First', 'A convoy was hit near the border.'), big, line('Third', 'Two drones were shot down overnight.')].join('\n');
    await writeFile(path.join(corpus, 'feed.jsonl'), text);
    const warnings: SkippedInput[] = [];
    const { files, skipped } = await loadCorpus(corpus, { maxFileBytes: 1024, onWarning: (s) => warnings.push(s) });
    expect(files[0]!.articles.map((a) => [a.line, a.title])).toEqual([
      [1, 'First'],
      [3, 'Third'],
    ]);
    expect(skipped).toEqual([{ file: 'feed.jsonl', line: 2, reason: 'article too large (2 KB; the limit is 1 KB per article)' }]);
    expect(warnings).toEqual(skipped);
  });

  it('keeps the per-file limit for the other formats', async () => {
    await writeFile(path.join(corpus, 'long.md'), `---\ntitle: Long\n---\n${'Text. '.repeat(400)}\n`);
    const { files, skipped } = await loadCorpus(corpus, { maxFileBytes: 1024 });
    expect(files).toEqual([]);
    expect(skipped).toEqual([{ file: 'long.md', reason: expect.stringMatching(/^file too large \(2\.\d KB; the limit is 1 KB\)$/) }]);
  });

  it('gives the same articles whether the file comes in one piece or split at every byte', () => {
    const text = `\uFEFF${line('Ünïcode', 'Strikes hit Kharkiv — «again».')}\r\n\n{"title":"Bad"\n${line('Last', 'A ceasefire held.')}`;
    const bytes = Buffer.from(text, 'utf8');
    const whole = parseCorpusFile('x.jsonl', bytes);
    const reader = new JsonLinesReader('x.jsonl');
    for (let i = 0; i < bytes.length; i++) reader.push(bytes.subarray(i, i + 1));
    const split = reader.end();
    expect(split).toEqual(whole);
    expect(whole.articles.map((a) => [a.line, a.title])).toEqual([
      [1, 'Ünïcode'],
      [4, 'Last'],
    ]);
    expect(whole.skipped).toEqual([{ file: 'x.jsonl', line: 3, reason: expect.stringMatching(/^invalid JSON/) }]);
  });

  it('skips a line with a NUL byte or invalid UTF-8 on its own, and a file that is binary or UTF-16 whole', () => {
    const good = line('Good', 'Fine text.');
    const bytes = Buffer.concat([Buffer.from(`${good}\n{"title":"N\u0000","text":"x"}\n`), Buffer.from([0x7b, 0xff, 0xfe, 0x7d, 0x0a])]);
    const parsed = parseCorpusFile('mixed.jsonl', bytes);
    expect(parsed.articles.map((a) => a.line)).toEqual([1]);
    expect(parsed.skipped).toEqual([
      { file: 'mixed.jsonl', line: 2, reason: 'binary content (contains NUL bytes)' },
      { file: 'mixed.jsonl', line: 3, reason: 'not valid UTF-8 text' },
    ]);
    expect(parseCorpusFile('b.jsonl', Buffer.from([1, 2, 3, 4, 5, 6, 7, 8])).skipped).toEqual([{ file: 'b.jsonl', reason: 'binary file (mostly control characters)' }]);
    expect(parseCorpusFile('u.jsonl', Buffer.from([0xff, 0xfe, 0x7b, 0x00])).skipped).toEqual([{ file: 'u.jsonl', reason: 'UTF-16 encoded text; save it as UTF-8' }]);
    expect(parseCorpusFile('e.jsonl', Buffer.alloc(0)).skipped).toEqual([{ file: 'e.jsonl', reason: 'empty file' }]);
    expect(parseCorpusFile('w.jsonl', Buffer.from('\n  \n')).skipped).toEqual([{ file: 'w.jsonl', reason: 'empty file (only whitespace)' }]);
  });

  it('hashes the whole file as it streams, and can stop at one line', async () => {
    const text = [line('One', 'First story text.'), line('Two', 'Second story text.'), line('Three', 'Third story text.')].join('\n');
    const abs = path.join(corpus, 'three.jsonl');
    await writeFile(abs, text);
    const all = await readCorpusFile(abs, 'three.jsonl');
    expect(all.hash).toBe(sha256Hex(text));
    const one = await readCorpusFile(abs, 'three.jsonl', { onlyLine: 2 });
    expect(one.articles.map((a) => [a.line, a.title])).toEqual([[2, 'Two']]);
    expect(one.skipped).toEqual([]);
  });
});
