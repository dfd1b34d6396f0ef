import { mkdir, mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// Tests run as root here, where chmod 000 does not stop a read; so the EACCES comes from a mocked readFile.
const readCalls: string[] = [];
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  return {
    ...real,
    readFile: async (p: string, ...rest: unknown[]) => {
      readCalls.push(String(p));
      if (String(p).endsWith('locked.md')) {
        throw Object.assign(new Error(`EACCES: permission denied, open '${p}'`), { code: 'EACCES' });
      }
      return (real.readFile as (...a: unknown[]) => Promise<Buffer>)(p, ...rest);
    },
  };
});

const { loadCorpus } = await import('../../src/corpus/index.js');

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'sitrep-unreadable-'));
  await mkdir(tmp, { recursive: true });
  await writeFile(path.join(tmp, 'locked.md'), '# Locked\n\nLocked text.');
  await writeFile(path.join(tmp, 'open.md'), '# Open\n\nOpen text.');
  await writeFile(path.join(tmp, 'huge.md'), '');
  await truncate(path.join(tmp, 'huge.md'), 6 * 1024 * 1024);
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('loadCorpus with files it cannot or should not read', () => {
  it('turns a permission error into a skip and loads the rest', async () => {
    const { files, skipped } = await loadCorpus(tmp);
    expect(files.map((f) => f.file)).toEqual(['open.md']);
    expect(skipped).toContainEqual({ file: 'locked.md', reason: 'cannot read file (EACCES)' });
  });

  it('never reads an oversized file', async () => {
    readCalls.length = 0;
    await loadCorpus(tmp);
    expect(readCalls.some((p) => p.endsWith('open.md'))).toBe(true);
    expect(readCalls.some((p) => p.endsWith('huge.md'))).toBe(false);
  });
});
