/**
 * `npm run start:shards`: the bot past one process. discord.js's ShardingManager runs
 * `scripts/start.ts` once per shard (TOTAL_SHARDS, or Discord's recommended count); each process
 * logs in as its own shard and loads the same index. A /reindex in any shard moves the index
 * pointer, and every other shard picks the new index up from it.
 */
import { fileURLToPath } from 'node:url';
import { ShardingManager, type Shard } from 'discord.js';
import { MissingTokenError } from '../src/bot/errors.js';
import { configSchema, loadConfig, resolveDir } from '../src/config.js';
import { buildIndex } from '../src/store/build.js';
import { currentGeneration } from '../src/store/generations.js';
import { runMain, warn } from './cli.js';

/** Discord lets a bot identify once per 5 s (per max_concurrency bucket). */
const SPAWN_DELAY_MS = 5500;

await runMain(async () => {
  const config = loadConfig();
  if (!config.DISCORD_TOKEN) {
    console.error(new MissingTokenError().message);
    return 1;
  }
  if (config.TOTAL_SHARDS === 'auto' && config.DISCORD_API_URL !== configSchema.shape.DISCORD_API_URL.parse(undefined)) {
    // discord.js asks discord.com itself for the recommended count, whatever DISCORD_API_URL says.
    console.error('TOTAL_SHARDS=auto asks discord.com for the shard count; set a number when DISCORD_API_URL points elsewhere.');
    return 1;
  }
  // Built once here, so that the shards do not all try to build it at the same time.
  if (currentGeneration(resolveDir(config.INDEX_DIR)) === null) {
    console.log('No index yet: building it first.');
    await buildIndex(config, { onWarning: warn });
  }

  const manager = new ShardingManager(fileURLToPath(new URL('./start.ts', import.meta.url)), {
    token: config.DISCORD_TOKEN,
    totalShards: config.TOTAL_SHARDS,
    execArgv: ['--import', 'tsx'],
  });
  manager.on('shardCreate', (shard) => console.log(`Shard ${shard.id} of ${manager.totalShards} starting.`));
  await manager.spawn({ delay: SPAWN_DELAY_MS, timeout: 120_000 });

  await new Promise<void>((resolve) => {
    const stop = () => {
      // Each shard drains its own answers on SIGTERM; none is restarted meanwhile.
      manager.respawn = false;
      const exits = [...manager.shards.values()].map((shard: Shard) =>
        shard.process && shard.process.exitCode === null
          ? new Promise<void>((done) => {
              shard.process!.once('exit', () => done());
              shard.process!.kill('SIGTERM');
            })
          : Promise.resolve(),
      );
      void Promise.all(exits).then(() => resolve());
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  console.log('All shards stopped.');
  return 0;
});
