/**
 * /reindex's build child gets no token: not in the config sent to it, not in its environment, and
 * not from `.env` either (dotenv runs in the child). Public error replies for /reindex and /add say
 * what failed in words; paths and the child's stderr go to the log only.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { addResultEmbed } from '../../src/bot/format/add-embed.js';
import { BuildError, buildInChildProcess, childConfig, childEnvironment } from '../../src/bot/build-in-child.js';
import { failureInWords } from '../../src/bot/errors.js';
import { tempDir, testConfig } from '../helpers/fixtures.js';

const TOKEN = 'MTEwMDAwMDAwMDAwMDAwMDAwMQ.Gabcde.secret-part-of-the-token';
const root = tempDir('sitrep-build-secrets-');
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const CONFIG_MODULE = fileURLToPath(new URL('../../src/config.ts', import.meta.url));
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/** DISCORD_TOKEN as a child with `env` sees it once the config module (and so dotenv) has loaded. */
async function tokenSeenByChild(env: NodeJS.ProcessEnv): Promise<string | null> {
  const script = `await import(${JSON.stringify(pathToFileURL(CONFIG_MODULE).href)}); process.stdout.write(JSON.stringify(process.env.DISCORD_TOKEN ?? null));`;
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', TSX, '--input-type=module', '-e', script], { env });
  return JSON.parse(stdout) as string | null;
}

/** The environment a running process was started with, from /proc. */
function startEnvironment(pid: number): Record<string, string> {
  const raw = fs.readFileSync(`/proc/${pid}/environ`, 'utf8');
  return Object.fromEntries(raw.split('\0').filter(Boolean).map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));
}

/** Child processes of this one whose command line mentions `name`. */
function childrenNamed(name: string): number[] {
  return fs
    .readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        return ppid === process.pid && fs.readFileSync(`/proc/${d}/cmdline`, 'utf8').includes(name);
      } catch {
        return false;
      }
    })
    .map(Number);
}

describe('the build child gets no token', () => {
  it('is sent the config without DISCORD_TOKEN, all else kept', () => {
    const config = testConfig({ DISCORD_TOKEN: TOKEN });
    const sent = childConfig(config);
    expect(sent).not.toHaveProperty('DISCORD_TOKEN');
    expect(JSON.stringify(sent)).not.toContain('secret-part');
    expect({ ...sent, DISCORD_TOKEN: config.DISCORD_TOKEN }).toEqual(config);
  });

  it('keeps dotenv from loading it from .env, which it would otherwise do', async () => {
    const dotenv = path.join(root, 'with-token.env');
    fs.writeFileSync(dotenv, `DISCORD_TOKEN=${TOKEN}\n`);
    const { DISCORD_TOKEN: _inherited, ...parent } = process.env;
    const env = { ...parent, DOTENV_CONFIG_PATH: dotenv, DOTENV_CONFIG_QUIET: 'true' };
    expect(await tokenSeenByChild(env)).toBe(TOKEN);
    expect(await tokenSeenByChild(childEnvironment({ ...env, DISCORD_TOKEN: TOKEN }))).toBe('');
  });

  it('starts the real /reindex child without the token in its environment', async () => {
    const corpus = path.join(root, 'corpus');
    fs.mkdirSync(corpus, { recursive: true });
    fs.writeFileSync(path.join(corpus, 'a.md'), '---\ntitle: Strike\n---\n\nA drone struck the depot on Tuesday. Nobody was hurt.\n');
    const previous = process.env.DISCORD_TOKEN;
    process.env.DISCORD_TOKEN = TOKEN;
    let seen: Record<string, string> | undefined;
    const watcher = setInterval(() => {
      for (const pid of childrenNamed('build-child')) seen ??= startEnvironment(pid);
    }, 10);
    try {
      await buildInChildProcess(testConfig({ CORPUS_DIR: corpus, INDEX_DIR: path.join(root, 'index'), DISCORD_TOKEN: TOKEN }));
    } finally {
      clearInterval(watcher);
      if (previous === undefined) delete process.env.DISCORD_TOKEN;
      else process.env.DISCORD_TOKEN = previous;
    }
    expect(seen, 'the build child was seen running').toBeDefined();
    expect(seen!.DISCORD_TOKEN).toBe('');
    expect(Object.values(seen!).join('\n')).not.toContain('secret-part');
  }, 120_000);
});

describe('public failure replies say what failed in words', () => {
  const stderr = `Error: ENOSPC: no space left on device, open '/srv/sitrep/data/index/gen-12/vectors.bin'\n    at async writeFile (node:internal/fs/promises:1)`;

  it('names known failures and nothing else of the message', () => {
    expect(failureInWords(new BuildError(`The index build stopped (exit code 1) before finishing.\n${stderr}`, 'BUILD_STOPPED'))).toBe(
      "the build process stopped before finishing (the bot's log has the details)",
    );
    expect(failureInWords(new BuildError(stderr, 'ENOSPC'))).toBe("the disk is full (the bot's log has the details)");
    expect(failureInWords(new BuildError('Corpus folder not found: /srv/sitrep/corpus', 'CORPUS_NOT_FOUND'))).toBe(
      "the corpus folder does not exist (the bot's log has the details)",
    );
    expect(failureInWords(new Error(`unexpected: ${stderr}`))).toBe("the index could not be rebuilt (the bot's log has the details)");
  });

  it('in the /add reply when the article was saved but the index not rebuilt', () => {
    const embed = addResultEmbed({
      outcome: { status: 'added', input: 'https://a.example/x', file: 'x.md', title: 'Strike', url: 'https://a.example/x' },
      indexed: { ok: false, reason: failureInWords(new BuildError(stderr, 'ENOSPC')) },
    }).toJSON();
    expect(embed.description).toContain('the disk is full');
    expect(embed.description).not.toContain('/srv/');
    expect(embed.description).not.toContain('node:internal');
  });

  it('a failed build in a real child reaches the caller as a code, its message kept for the log', async () => {
    const err = await buildInChildProcess(testConfig({ CORPUS_DIR: path.join(root, 'no-such-corpus'), INDEX_DIR: path.join(root, 'index2') })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BuildError);
    expect((err as BuildError).message).toContain('no-such-corpus');
    expect(failureInWords(err)).toBe("the corpus folder does not exist (the bot's log has the details)");
  }, 120_000);
});
