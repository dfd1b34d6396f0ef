/**
 * Runs an index build in a child process, so /reindex never blocks the bot's event loop and a
 * build that crashes (native code included) cannot take the bot down.
 *
 * A child process rather than a worker thread: the bot runs TypeScript through tsx, and a forked
 * Node process with tsx's loader runs the same sources unchanged under `npm start` and under
 * vitest alike, whereas a worker would need its own loader set-up in each; the child also returns
 * the embedder's and the HNSW graph's memory to the system when it ends.
 */
import { fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Config } from '../config.js';
import type { IndexSummary } from '../sitrep.js';

export type BuildMessage =
  | { type: 'progress'; done: number; total: number }
  | { type: 'done'; summary: IndexSummary }
  | { type: 'error'; message: string; code?: string };

export interface BuildOptions {
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

/** Builds the index for `config`; resolves to its summary. */
export type BuildRunner = (config: Config, options?: BuildOptions) => Promise<IndexSummary>;

/** An index build that failed in the child, with the error's code when it had one (e.g. INDEX_LOCKED). */
export class BuildError extends Error {
  override readonly name = 'BuildError';
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

const STDERR_KEPT = 4000;

/** What the child needs of the config: all of it but the bot token, which an index build never uses. */
export function childConfig(config: Config): Config {
  const { DISCORD_TOKEN: _token, ...rest } = config;
  return rest;
}

/**
 * The child's environment: the bot's, with DISCORD_TOKEN empty rather than removed. The child's
 * modules load dotenv, which fills in keys that are absent from `.env`, and so would bring the token
 * back; it never replaces a key that is set, however empty. The child then deletes the key.
 */
export function childEnvironment(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return { ...env, DISCORD_TOKEN: '' };
}

function childEntry(): { file: string; execArgv: string[] } {
  const here = fileURLToPath(import.meta.url);
  const ts = here.endsWith('.ts');
  const file = here.replace(/build-in-child\.(ts|js)$/, `build-child.${ts ? 'ts' : 'js'}`);
  // Sources run as TypeScript need tsx's loader in the child too; resolved from here, not the cwd.
  const tsx = ts ? ['--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href] : [];
  return { file, execArgv: tsx };
}

export const buildInChildProcess: BuildRunner = (config, options = {}) =>
  new Promise<IndexSummary>((resolve, reject) => {
    const { file, execArgv } = childEntry();
    const child = fork(file, [], { execArgv, env: childEnvironment(), stdio: ['ignore', 'ignore', 'pipe', 'ipc'], signal: options.signal });
    let stderr = '';
    let settled = false;
    const settle = (fn: () => void) => {
      if (!settled) {
        settled = true;
        fn();
      }
    };
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-STDERR_KEPT);
    });
    child.on('message', (m: BuildMessage) => {
      if (m.type === 'progress') options.onProgress?.(m.done, m.total);
      else if (m.type === 'done') settle(() => resolve(m.summary));
      else settle(() => reject(new BuildError(m.message, m.code)));
    });
    child.on('error', (err) => settle(() => reject(err)));
    child.on('exit', (code, signal) => {
      const why = signal ? `signal ${signal}` : `exit code ${code}`;
      settle(() => reject(new BuildError(`The index build stopped (${why}) before finishing.${stderr ? `\n${stderr.trim()}` : ''}`, 'BUILD_STOPPED')));
    });
    child.send({ config: childConfig(config) });
  });
