/**
 * A full disk, as an injected write error (the write stores part of its data, then fails with
 * ENOSPC): a failed /add leaves no `.sitrep-*.tmp` in the corpus, and a state file that cannot be
 * saved costs a warning, not the added article's outcome nor its re-index, and leaves no temp file.
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { BotContext } from '../../src/bot/command.js';
import { addLinkAndIndex } from '../../src/bot/ingest-flow.js';
import type { Config } from '../../src/config.js';
import { addLink, fetcherFromConfig } from '../../src/ingest/index.js';
import { addAlsoAt, writeNewArticle } from '../../src/ingest/corpus-writer.js';
import { WRITER_LOCK } from '../../src/ingest/session.js';
import { tempDir } from '../helpers/fixtures.js';
import { TestSite } from './site.js';
import { ingestTestConfig } from './ingest-config.js';

const realWriteFile = fsp.writeFile;
/** Makes writes to paths that `match` fail half-way, as on a full disk. */
function diskFullFor(match: (file: string) => boolean): void {
  vi.spyOn(fsp, 'writeFile').mockImplementation(async (file, data, options) => {
    if (!match(String(file))) return realWriteFile(file, data, options);
    await realWriteFile(file, String(data).slice(0, 16), options);
    throw Object.assign(new Error(`ENOSPC: no space left on device, write`), { code: 'ENOSPC' });
  });
}

let site: TestSite;
let root: string;
let config: Config;
const fetcher = () => fetcherFromConfig(config, { retries: 0 });
const leftovers = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).filter((n) => n.endsWith('.tmp')) : []);

beforeAll(async () => {
  site = await TestSite.start();
  root = tempDir('sitrep-disk-full-');
  config = ingestTestConfig(root, { INGEST_STATE_FILE: path.join(root, 'data', 'state.json') });
});
afterEach(() => {
  vi.restoreAllMocks();
});
afterAll(async () => {
  await site?.close();
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

describe('a full disk', () => {
  it('leaves no temporary file when an article cannot be written', async () => {
    const dir = tempDir('sitrep-disk-full-writer-');
    diskFullFor((f) => f.startsWith(dir));
    await expect(writeNewArticle(dir, 'a-story', 'x'.repeat(1000))).rejects.toThrow(/ENOSPC/);
    expect(fs.readdirSync(dir)).toEqual([]);
    vi.restoreAllMocks();
    fs.writeFileSync(path.join(dir, 'a.md'), '---\ntitle: A\n---\n\nBody.\n');
    diskFullFor((f) => f.startsWith(dir));
    await expect(addAlsoAt(path.join(dir, 'a.md'), ['https://b.example/a'])).rejects.toThrow(/ENOSPC/);
    expect(fs.readdirSync(dir)).toEqual(['a.md']);
  });

  it('fails an /add with no .sitrep-*.tmp left in the corpus', async () => {
    fs.mkdirSync(config.CORPUS_DIR, { recursive: true });
    // First the article's write fails, then the writer lock's own.
    diskFullFor((f) => f.startsWith(config.CORPUS_DIR) && !f.includes(WRITER_LOCK));
    await expect(addLink(config, site.url('/news/a'), { fetcher: fetcher() })).rejects.toThrow(/ENOSPC/);
    vi.restoreAllMocks();
    diskFullFor((f) => f.startsWith(config.CORPUS_DIR));
    await expect(addLink(config, site.url('/news/a'), { fetcher: fetcher() })).rejects.toThrow(/ENOSPC/);
    // The writer lock's folder may stay (the loader passes dot-folders over), empty of temporary files.
    expect(fs.readdirSync(config.CORPUS_DIR).filter((n) => n !== WRITER_LOCK)).toEqual([]);
    expect(fs.readdirSync(path.join(config.CORPUS_DIR, WRITER_LOCK)).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  it('under the state file: the article is added and re-indexed, with a warning and no temp file', async () => {
    diskFullFor((f) => f.startsWith(path.dirname(config.INGEST_STATE_FILE)));
    const warnings: string[] = [];
    let rebuilds = 0;
    const ctx = {
      config,
      logger: { info: () => undefined, warn: (m: string) => warnings.push(m), error: () => undefined },
      index: { rebuilding: false, rebuild: async () => (rebuilds++, {}) },
    } as unknown as BotContext;
    const result = await addLinkAndIndex(ctx, site.url('/news/b'));
    expect(result.outcome.status).toBe('added');
    expect(result.indexed).toEqual({ ok: true });
    expect(rebuilds).toBe(1);
    expect(warnings).toEqual([expect.stringMatching(/^the ingestion state could not be saved \(ENOSPC\)/)]);
    expect(leftovers(path.dirname(config.INGEST_STATE_FILE))).toEqual([]);
    expect(leftovers(config.CORPUS_DIR)).toEqual([]);
  });
});
