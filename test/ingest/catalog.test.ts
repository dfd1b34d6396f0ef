import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseJsonLines } from '../../src/corpus/index.js';
import { addNewFiles, loadCatalog } from '../../src/ingest/catalog.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function line(n: number): string {
  return JSON.stringify({ title: `Invented report ${n}`, date: '2025-03-06', url: `https://news.example/story-${n}`, text: `Rockets struck an invented depot, number ${n}, on Tuesday, officials said. ${'Filler words follow here. '.repeat(20)}` });
}

describe('the duplicate catalog', () => {
  it('reads a JSON Lines file another process added line by line, its size limit holding for each article', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sitrep-catalog-'));
    dirs.push(dir);
    const maxFileBytes = 4096;
    const catalog = await loadCatalog(dir, { maxFileBytes });
    const lines = Array.from({ length: 20 }, (_, i) => line(i));
    const text = `${lines.join('\n')}\n`;
    expect(Buffer.byteLength(text)).toBeGreaterThan(maxFileBytes);
    fs.writeFileSync(path.join(dir, 'export.jsonl'), text);

    expect(await addNewFiles(catalog, dir, { maxFileBytes })).toBe(1);
    const last = parseJsonLines('export.jsonl', lines[19]!).articles[0]!;
    expect(catalog.findById(last.id)?.entry.title).toBe('Invented report 19');
    expect(catalog.findByUrl(['https://news.example/story-7'])?.entry.file).toBe('export.jsonl:8');
  });
});
