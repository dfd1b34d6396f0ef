/**
 * Writers of one corpus folder and state file in separate processes (add-child.ts), released at
 * the same moment: `npm run add` twice, or cron beside the bot.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Outcome } from '../../../src/ingest/index.js';

const CHILD = path.resolve('test/ingest/lib/add-child.ts');

export interface WriterWorkspace {
  env: { CORPUS_DIR: string; INDEX_DIR: string; INGEST_STATE_FILE: string; MODEL_CACHE_DIR: string; FETCH_ALLOW_PRIVATE: string };
  /** One process per entry (`['add', url…]` or `['feeds', feed…]`), all released at once; their outcomes. */
  runAtOnce(runs: string[][]): Promise<Outcome[][]>;
  /** The Markdown files in the corpus, sorted. */
  articles(): string[];
}

/** A fresh corpus folder and state file under `root`/`name`, fetching from loopback. */
export function writerWorkspace(root: string, name: string): WriterWorkspace {
  const dir = path.join(root, name);
  const env = {
    CORPUS_DIR: path.join(dir, 'corpus'),
    INDEX_DIR: path.join(dir, 'index'),
    INGEST_STATE_FILE: path.join(dir, 'state.json'),
    MODEL_CACHE_DIR: path.resolve('data/models'),
    FETCH_ALLOW_PRIVATE: '127.0.0.1',
  };
  const runAtOnce = async (runs: string[][]): Promise<Outcome[][]> => {
    fs.mkdirSync(dir, { recursive: true });
    const work = fs.mkdtempSync(path.join(dir, 'work-'));
    const children = runs.map((args) => spawn(process.execPath, ['--import', 'tsx', CHILD, work, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] }));
    const results = children.map(
      (c) =>
        new Promise<Outcome[]>((resolve, reject) => {
          let out = '';
          c.stdout.on('data', (d) => (out += d));
          c.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as Outcome[]) : reject(new Error(`writer exited ${code}`))));
        }),
    );
    const ready = path.join(work, 'ready');
    while ((fs.existsSync(ready) ? fs.readdirSync(ready).length : 0) < runs.length) await new Promise((r) => setTimeout(r, 20));
    fs.writeFileSync(path.join(work, 'go'), '');
    return Promise.all(results);
  };
  const articles = () => (fs.existsSync(env.CORPUS_DIR) ? fs.readdirSync(env.CORPUS_DIR).filter((n) => n.endsWith('.md')).sort() : []);
  return { env, runAtOnce, articles };
}
