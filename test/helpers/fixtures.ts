/** Small shared fixtures: temp folders, a config over them, and a deterministic embedder. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../../src/config.js';
import type { Embedder } from '../../src/embed/types.js';

export function tempDir(prefix = 'sitrep-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Writes `{ name: content }` into a new temp corpus folder. */
export function writeCorpus(files: Record<string, string>, dir = tempDir('sitrep-corpus-')): string {
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

export function article(title: string, body: string, meta: Record<string, string> = {}): string {
  const front = Object.entries({ title, ...meta })
    .map(([k, v]) => `${k}: ${JSON.stringify(v)}`)
    .join('\n');
  return `---\n${front}\n---\n\n${body}\n`;
}

export function testConfig(env: Record<string, string>): Config {
  return loadConfig({ MODEL_CACHE_DIR: path.resolve('data/models'), ...env });
}

/**
 * A deterministic bag-of-words embedder: each word hashes to a fixed random direction. Enough to test
 * the store's plumbing without loading a model.
 */
export function hashEmbedder(dim = 16, id = 'hash-test'): Embedder & { calls: number } {
  const e = {
    id,
    dim,
    removesCommonComponent: false,
    calls: 0,
    async embed(texts: string[]) {
      e.calls += texts.length;
      return texts.map((t) => {
        const v = new Float32Array(dim);
        for (const w of t.toLowerCase().match(/\p{L}+/gu) ?? []) {
          let h = 2166136261;
          for (const c of w) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
          for (let i = 0; i < dim; i++) {
            h = Math.imul(h ^ (h >>> 15), 2246822507);
            v[i]! += ((h >>> 0) / 2 ** 32) - 0.5;
          }
        }
        const n = Math.hypot(...v);
        return n > 0 ? v.map((x) => x / n) : v;
      });
    },
  };
  return e;
}
