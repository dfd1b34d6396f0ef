/** What every command-line entry point shares: error reporting, warnings and a progress bar. */
import cliProgress from 'cli-progress';
import { ConfigError } from '../src/config.js';
import { IndexError } from '../src/store/errors.js';
import { AsOfError } from '../src/time/days.js';

/**
 * What a failed command prints: the message alone for a known error (a config, index or as-of error,
 * or any error that carries a `code`, which Sitrep's errors and Node's system errors do), else the
 * whole error with its stack, which only a bug should produce.
 */
export function errorReport(err: unknown): string | unknown {
  const known =
    err instanceof ConfigError ||
    err instanceof IndexError ||
    err instanceof AsOfError ||
    (err instanceof Error && typeof (err as { code?: unknown }).code === 'string' && (err as unknown as { code: string }).code !== '');
  return known ? (err as Error).message : err;
}

/** Runs a command; known errors print their message alone, unknown ones their stack. */
export async function runMain(main: () => Promise<number>): Promise<void> {
  try {
    process.exitCode = await main();
  } catch (err) {
    console.error(errorReport(err));
    process.exitCode = 1;
  }
}

export function warn(s: { file: string; line?: number; reason: string }): void {
  console.error(`warning: skipped ${s.file}${s.line ? `:${s.line}` : ''}: ${s.reason}`);
}

/** A progress bar on stderr, created on the first update; off a terminal, one line instead. */
export function progressReporter(label: string): { update: (done: number, total: number) => void; stop: () => void } {
  let bar: cliProgress.SingleBar | null = null;
  let announced = false;
  return {
    update(done, total) {
      if (!process.stderr.isTTY) {
        if (!announced) console.error(`${label}…`);
        announced = true;
        return;
      }
      if (!bar) {
        bar = new cliProgress.SingleBar(
          { format: `${label} [{bar}] {percentage}% | {value}/{total}`, stream: process.stderr },
          cliProgress.Presets.shades_classic,
        );
        bar.start(total, 0);
      }
      bar.setTotal(total);
      bar.update(done);
    },
    stop() {
      bar?.stop();
    },
  };
}
