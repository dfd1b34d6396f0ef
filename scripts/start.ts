/** `npm start`: runs the Discord bot, building the index first when there is none. */
import { MissingTokenError } from '../src/bot/errors.js';
import { ConfigError, loadConfig } from '../src/config.js';
import { IndexError } from '../src/store/errors.js';
import { ReaderError } from '../src/answer/neural-reader.js';

async function main(): Promise<number> {
  const config = loadConfig();
  if (!config.DISCORD_TOKEN) throw new MissingTokenError();
  // Loaded only once the configuration is known to be usable, so a mistake there is reported at once.
  const [{ startBot }, { createLogger }, { openSitrep }] = await Promise.all([
    import('../src/bot/bot.js'),
    import('../src/bot/logger.js'),
    import('../src/sitrep.js'),
  ]);
  const logger = createLogger(config);
  // One bad interaction must never end the bot: a stray rejection is logged, not fatal.
  process.on('unhandledRejection', (err) => logger.error({ err }, 'unhandled rejection'));

  logger.info({ corpus: config.CORPUS_DIR, index: config.INDEX_DIR }, 'opening the index');
  const sitrep = await openSitrep(config, {
    buildIfMissing: true,
    onWarning: (s) => logger.warn({ file: s.file, line: s.line, reason: s.reason }, 'skipped a corpus input'),
  });
  logger.info({ index: sitrep.info() }, 'index loaded');
  const bot = await startBot({ config, sitrep, logger });

  await new Promise<void>((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      // A second signal while draining exits at once.
      process.once(signal, () => process.exit(1));
      void bot.stop(signal).then(resolve, (err) => {
        logger.error({ err }, 'shutdown failed');
        resolve();
      });
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  });
  return 0;
}

try {
  process.exitCode = await main();
} catch (err) {
  if (err instanceof ConfigError || err instanceof IndexError || err instanceof ReaderError || err instanceof MissingTokenError) console.error(err.message);
  else if ((err as { code?: unknown }).code === 'TokenInvalid') {
    console.error('Discord refused the token. Check DISCORD_TOKEN: see "Discord setup" in the README (README.md#discord-setup).');
  }
  else console.error(err);
  process.exitCode = 1;
}
// Whatever still holds the event loop (a closing socket, a timer) must not keep a stopped bot alive.
process.exit();
