/**
 * Entry point of the child process that rebuilds the index for /reindex. It receives the config
 * over IPC, runs `buildIndex`, and sends back progress and then the summary or the error.
 */
import type { Config } from '../config.js';
import { buildIndex } from '../store/build.js';
import type { BuildMessage } from './build-in-child.js';

function send(message: BuildMessage): Promise<void> {
  return new Promise((resolve) => process.send!(message, undefined, {}, () => resolve()));
}

// The parent leaves DISCORD_TOKEN empty only to keep dotenv from loading it (see childEnvironment).
delete process.env.DISCORD_TOKEN;

process.once('message', async (message: { config: Config }) => {
  let progressAt = 0;
  try {
    const summary = await buildIndex(message.config, {
      onProgress: (done, total) => {
        // Throttled: a progress message per embedded batch would flood the channel for nothing.
        const now = Date.now();
        if (now - progressAt < 250 && done < total) return;
        progressAt = now;
        void send({ type: 'progress', done, total });
      },
    });
    await send({ type: 'done', summary });
  } catch (err) {
    const e = err as Error & { code?: string };
    await send({ type: 'error', message: e.message, code: typeof e.code === 'string' ? e.code : undefined });
  }
  process.exit(0);
});
