/**
 * A publish that fails (a full disk while the pointer is replaced) leaves no orphan, and the next
 * build's clean-up keeps whatever CURRENT named: it sorted generations by name, so an orphan, whose
 * name is newer, was kept and the generation that had just been live was deleted.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { clearLeftovers, currentGeneration, publishGeneration } from '../../src/store/generations.js';
import { tempDir } from '../helpers/fixtures.js';

const enospc = () => Object.assign(new Error('ENOSPC: no space left on device, rename'), { code: 'ENOSPC' });
const write = (label: string) => (folder: string) => fs.writeFileSync(path.join(folder, 'label'), label);
const generations = (dir: string) => fs.readdirSync(dir).filter((n) => n.startsWith('gen-')).sort();
const label = (dir: string) => fs.readFileSync(path.join(currentGeneration(dir)!, 'label'), 'utf8');

afterEach(() => {
  vi.restoreAllMocks();
});

describe('a failed publish', () => {
  it('leaves the live generation pointed to, and no orphan or temporary pointer', () => {
    const dir = tempDir('sitrep-gen-fail-');
    const live = path.basename(publishGeneration(dir, write('A')));
    const rename = fs.renameSync;
    vi.spyOn(fs, 'renameSync').mockImplementation((from, to) => {
      if (String(to).endsWith('CURRENT')) throw enospc();
      rename(from, to);
    });
    expect(() => publishGeneration(dir, write('B'))).toThrow(/ENOSPC/);
    vi.restoreAllMocks();
    expect(label(dir)).toBe('A');
    expect(generations(dir)).toEqual([live]);
    expect(fs.readdirSync(dir).filter((n) => n.includes('.tmp'))).toEqual([]);
  });

  it("is followed by a clean-up that keeps what CURRENT named, not the newest name", () => {
    const dir = tempDir('sitrep-gen-orphan-');
    publishGeneration(dir, write('A'));
    const live = path.basename(publishGeneration(dir, write('B')));
    // An orphan of a build that died between moving its folder into place and the pointer: it sorts last.
    fs.mkdirSync(path.join(dir, 'gen-9999-orphan'));
    const next = path.basename(publishGeneration(dir, write('C')));
    expect(label(dir)).toBe('C');
    expect(generations(dir)).toEqual([live, next].sort());
  });

  it('is done by a build with nothing to write too: leftovers of killed builds go, the live generation and the one before stay', () => {
    const dir = tempDir('sitrep-gen-leftovers-');
    publishGeneration(dir, write('A'));
    const before = path.basename(publishGeneration(dir, write('B')));
    const live = path.basename(publishGeneration(dir, write('C')));
    // What builds killed at various moments leave: a temporary generation (its pid has exited), an
    // orphan that never got the pointer, an older generation not yet pruned.
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    fs.mkdirSync(path.join(dir, `.tmp-gen-2026-01-01T00-00-00-000Z-${dead}-abcdef`));
    fs.mkdirSync(path.join(dir, 'gen-9999-orphan'));
    fs.mkdirSync(path.join(dir, 'gen-0000-old'));
    clearLeftovers(dir);
    expect(label(dir)).toBe('C');
    expect(generations(dir)).toEqual([before, live].sort());
    expect(fs.readdirSync(dir).filter((n) => n.includes('.tmp'))).toEqual([]);
  });

});

describe('generation names', () => {
  it('sort in the order the generations are made, even several within one millisecond', () => {
    const dir = tempDir('sitrep-gen-order-');
    // The wall clock held on one millisecond, and the fine clock stepping 50 µs a publish: at
    // millisecond resolution these names sorted by their random tails.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-02T05:41:41.702Z'));
    let now = performance.now();
    vi.spyOn(performance, 'now').mockImplementation(() => (now += 0.05));
    try {
      const names = Array.from({ length: 12 }, (_, i) => path.basename(publishGeneration(dir, write(String(i)))));
      expect([...names].sort()).toEqual(names);
    } finally {
      vi.useRealTimers();
    }
  });
});
