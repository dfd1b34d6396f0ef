/**
 * A really full disk and links with credentials, through the real ingestion path (`addLink`, what
 * /add and `npm run add` call). The disk is a small tmpfs mounted for the run, filled to the brim:
 * no injected error, the kernel's own ENOSPC. Mounting needs root on Linux; where it is refused,
 * the rows say so and count nothing.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../../../src/config.js';
import { addLink, fetcherFromConfig, type Outcome } from '../../../src/ingest/index.js';
import { WRITER_LOCK } from '../../../src/ingest/session.js';
import { ingestTestConfig } from '../../ingest/ingest-config.js';
import { TestSite } from '../../ingest/site.js';
import { Tally, type CheckResult } from './report.js';

/** Size of each small disk: room for the writer lock, not for an article once it is filled. */
const DISK_BYTES = 256 * 1024;

/** Mounts a tmpfs of `bytes` at `dir`, or says why it cannot. */
function mountSmallDisk(dir: string, bytes: number): string | null {
  fs.mkdirSync(dir, { recursive: true });
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${bytes}`, 'tmpfs', dir], { stdio: 'pipe' });
    return null;
  } catch (err) {
    return ((err as { stderr?: Buffer }).stderr?.toString().trim() || (err as Error).message).split('\n')[0]!;
  }
}

function unmount(dir: string): void {
  try {
    execFileSync('umount', [dir], { stdio: 'pipe' });
  } catch {
    // Already gone: nothing to undo.
  }
}

/** Fills the disk at `dir` with one file until the kernel refuses more. */
function fill(dir: string): void {
  const fd = fs.openSync(path.join(dir, 'filler.bin'), 'w');
  const block = Buffer.alloc(4096, 1);
  try {
    for (;;) fs.writeSync(fd, block);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
  } finally {
    fs.closeSync(fd);
  }
}

/** Temporary files anywhere under `dir`: what a failed write must not leave. */
function leftovers(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((n) => /\.tmp($|-)|\.sitrep-.*\.tmp/.test(path.basename(n)));
}

const articlesIn = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).filter((n) => n.endsWith('.md')) : []);

async function outcomeOf(config: Config, url: string): Promise<{ outcome?: Outcome; error?: string }> {
  try {
    return { outcome: await addLink(config, url, { fetcher: fetcherFromConfig(config, { retries: 0 }) }) };
  } catch (err) {
    return { error: (err as Error).message };
  }
}

export async function runDiskAndLinks(root: string): Promise<CheckResult> {
  const tally = new Tally('disk and links');
  const site = await TestSite.start();
  try {
    // A corpus folder on a full disk: the /add fails with the disk's reason and leaves no temp file;
    // once space is freed, the same link is added.
    const corpusDisk = path.join(root, 'corpus-disk');
    const refused = mountSmallDisk(corpusDisk, DISK_BYTES);
    if (refused) tally.row('/add onto a full disk (a 256 KB tmpfs as the corpus folder)', 0, 0, `not run here: mount refused (${refused})`);
    else {
      try {
        const config = ingestTestConfig(root, { CORPUS_DIR: corpusDisk, INGEST_STATE_FILE: path.join(root, 'state.json') });
        fs.mkdirSync(path.join(corpusDisk, WRITER_LOCK), { recursive: true });
        fill(corpusDisk);
        const full = await outcomeOf(config, site.url('/news/a'));
        const failedClearly = full.error !== undefined && /ENOSPC|no space/i.test(full.error);
        const clean = leftovers(corpusDisk).length === 0 && articlesIn(corpusDisk).length === 0;
        fs.rmSync(path.join(corpusDisk, 'filler.bin'));
        const after = await outcomeOf(config, site.url('/news/a'));
        const addedAfter = after.outcome?.status === 'added' && articlesIn(corpusDisk).length === 1;
        const held = [failedClearly, clean, addedAfter].filter(Boolean).length;
        if (!failedClearly) tally.fail(`/add onto a full disk: ${full.error ?? `ended ${full.outcome?.status}`}`);
        if (!clean) tally.fail(`/add onto a full disk left ${[...leftovers(corpusDisk), ...articlesIn(corpusDisk)].join(', ')}`);
        if (!addedAfter) tally.fail(`/add after space was freed: ${after.error ?? after.outcome?.status}`);
        tally.row(
          '/add onto a full disk (a 256 KB tmpfs as the corpus folder), then again once space is freed',
          3,
          held,
          `full: ${full.error ? `failed: ${full.error.slice(0, 60)}` : full.outcome?.status}; temp files left ${leftovers(corpusDisk).length}; after freeing: ${after.outcome?.status ?? after.error}`,
        );
      } finally {
        unmount(corpusDisk);
      }
    }

    // The ingestion state on a full disk: the article is still added, and no temp file stays.
    const stateDisk = path.join(root, 'state-disk');
    const refusedState = mountSmallDisk(stateDisk, DISK_BYTES);
    if (refusedState) tally.row('/add with the ingestion state on a full disk', 0, 0, `not run here: mount refused (${refusedState})`);
    else {
      try {
        const config = ingestTestConfig(root, { CORPUS_DIR: path.join(root, 'corpus-state'), INGEST_STATE_FILE: path.join(stateDisk, 'state.json') });
        fill(stateDisk);
        const r = await outcomeOf(config, site.url('/news/b'));
        const added = r.outcome?.status === 'added' && articlesIn(config.CORPUS_DIR).length === 1;
        const clean = leftovers(stateDisk).length === 0 && leftovers(config.CORPUS_DIR).length === 0;
        if (!added) tally.fail(`/add with the state on a full disk: ${r.error ?? r.outcome?.status}`);
        if (!clean) tally.fail(`/add with the state on a full disk left ${leftovers(stateDisk).join(', ')}`);
        tally.row('/add with the ingestion state on a full disk (a 256 KB tmpfs)', 2, [added, clean].filter(Boolean).length, `article ${r.outcome?.status ?? r.error}; temp files left ${leftovers(stateDisk).length}`);
      } finally {
        unmount(stateDisk);
      }
    }

    // Links with a user name or password: refused before fetching, storing or logging, the password in no outcome.
    const PASSWORD = 'hunter2-secret';
    const config = ingestTestConfig(root, { CORPUS_DIR: path.join(root, 'corpus-links'), INGEST_STATE_FILE: path.join(root, 'state-links.json') });
    const links = [
      site.url('/news/a').replace('http://', `http://reader:${PASSWORD}@`),
      site.url('/news/b').replace('http://', `http://:${PASSWORD}@`),
      site.redirect('/to-credentials', site.url('/news/c').replace('http://', `http://reader:${PASSWORD}@`)),
    ];
    let held = 0;
    const endings: string[] = [];
    for (const link of links) {
      const r = await outcomeOf(config, link);
      const text = JSON.stringify(r);
      const ok = r.outcome?.status === 'skipped' && !text.includes(PASSWORD);
      endings.push(r.outcome?.status === 'skipped' ? 'refused' : (r.outcome?.status ?? 'error'));
      if (ok) held++;
      else tally.fail(`a link with credentials: ${text.slice(0, 200)}`);
    }
    const stored = articlesIn(config.CORPUS_DIR).length;
    if (stored > 0) tally.fail(`links with credentials stored ${stored} article(s)`);
    tally.row('/add of links with a user name or password (direct, password only, behind a redirect)', links.length, stored === 0 ? held : 0, `${endings.join(', ')}; articles stored ${stored}; password in no outcome`);
  } finally {
    await site.close();
  }
  return tally.result();
}
