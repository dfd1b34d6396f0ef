/** Sitrep on Discord: wires the client, the commands, direct messages and the index keeper together. */
import { Events, type Client } from 'discord.js';
import { resolveDir, type Config } from '../config.js';
import type { Sitrep } from '../sitrep.js';
import { AlertKeeper } from './alerts.js';
import { answerButtons } from './answer-buttons.js';
import { AnswerStore } from './answer-store.js';
import { FeedbackStore } from './feedback-store.js';
import type { BuildRunner } from './build-in-child.js';
import { createDiscordClient, intentsFor } from './client.js';
import type { BotContext, Command } from './command.js';
import { createDirectMessageHandler } from './direct-messages.js';
import { startFeedPoller } from './feed-poller.js';
import { createGuildMessageHandler } from './guild-messages.js';
import { messageContentAllowed, messageContentNeeds, missingIntentMessage } from './message-content.js';
import { MissingTokenError } from './errors.js';
import { DEFAULT_WATCH_INTERVAL_MS, IndexKeeper } from './index-keeper.js';
import { createInteractionHandler } from './interactions.js';
import { loadCommands } from './load-commands.js';
import type { Logger } from './logger.js';
import { RateLimiter } from './rate-limit.js';
import { WorkTracker } from './work.js';

export interface BotOptions {
  config: Config;
  sitrep: Sitrep;
  logger: Logger;
  /** Default: the modules under `commands/`. */
  commands?: Command[];
  /** How /reindex builds. Default: a child process running `buildIndex`. */
  buildRunner?: BuildRunner;
  /** How often the index pointer is checked for a generation built elsewhere. Default 2000 ms. */
  watchIntervalMs?: number;
  /** How long shutdown waits for answers in flight. Default 10 s. */
  drainTimeoutMs?: number;
}

export interface RunningBot {
  client: Client;
  index: IndexKeeper;
  /** Posts new stories to ALERT_CHANNEL_IDS; null when none are set, or on a shard other than 0. */
  alerts: AlertKeeper | null;
  /** Whether the bot logged in with the Message Content intent (wanted by the config, and switched on). */
  messageContent: boolean;
  /** Stops taking new work, waits for work in flight, stops the index keeper and closes the connection. */
  stop(reason?: string): Promise<void>;
}

export async function startBot(options: BotOptions): Promise<RunningBot> {
  const { config, sitrep, logger } = options;
  if (!config.DISCORD_TOKEN) throw new MissingTokenError();
  const commands = options.commands ?? (await loadCommands());
  const index = new IndexKeeper(sitrep, config, logger, options.buildRunner);
  const limiter = new RateLimiter({ max: config.RATE_LIMIT_QUESTIONS, windowMs: config.RATE_LIMIT_WINDOW_SECONDS * 1000 });
  const answers = new AnswerStore({ dir: resolveDir(config.ANSWERS_DIR), keepDays: config.ANSWER_KEEP_DAYS });
  const feedback = config.FEEDBACK_SECRET ? new FeedbackStore({ dir: resolveDir(config.FEEDBACK_DIR), keepDays: config.FEEDBACK_DAYS }) : null;
  if (!feedback) logger.info('votes under answers are off: set FEEDBACK_SECRET to collect them');
  const ctx: BotContext = { config, sitrep, logger, limiter, index, answers, feedback };
  const work = new WorkTracker();
  const messageContent = await checkMessageContent(config, logger);
  const client = createDiscordClient(config, intentsFor(messageContent));

  client.on(Events.InteractionCreate, createInteractionHandler(commands, ctx, work, [answerButtons]));
  client.on(Events.MessageCreate, createDirectMessageHandler(ctx, work));
  client.on(Events.MessageCreate, createGuildMessageHandler(ctx, work));
  client.on(Events.Error, (err) => logger.error({ err }, 'discord client error'));
  client.on(Events.Warn, (msg) => logger.warn({ msg }, 'discord client warning'));
  client.on(Events.ShardDisconnect, (event, shard) => logger.warn({ shard, code: event.code }, 'gateway disconnected'));
  client.on(Events.ShardReconnecting, (shard) => logger.info({ shard }, 'gateway reconnecting'));
  client.on(Events.ShardResume, (shard, replayed) => logger.info({ shard, replayed }, 'gateway resumed'));

  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  try {
    await client.login(config.DISCORD_TOKEN);
    await ready;
  } catch (err) {
    await client.destroy();
    throw err;
  }
  logger.info({ user: client.user?.tag, commands: commands.map((c) => c.data.name), messageContent }, 'bot ready');
  index.watch(options.watchIntervalMs ?? DEFAULT_WATCH_INTERVAL_MS);
  const pruning = startPruning(ctx);
  // One process posts alerts: the one holding shard 0 (or the only one).
  const alerts = config.ALERT_CHANNEL_IDS.length > 0 && (client.shard?.ids.includes(0) ?? true) ? new AlertKeeper(ctx, client) : null;
  if (alerts) {
    // Recorded before the first feed poll can bring anything, so nothing new is taken for old.
    await alerts.start();
    index.onSwap(() => void alerts.check());
  }
  const feeds = config.FEED_POLL_MINUTES && config.FEEDS.length > 0 ? startFeedPoller(ctx, config.FEED_POLL_MINUTES * 60_000) : null;

  let stopping: Promise<void> | null = null;
  return {
    client,
    index,
    alerts,
    messageContent,
    stop(reason = 'stop') {
      stopping ??= (async () => {
        logger.info({ reason, inFlight: work.size }, 'shutting down: finishing answers in flight');
        const drained = await work.close(options.drainTimeoutMs ?? 10_000);
        if (!drained) logger.warn({ inFlight: work.size }, 'some work was still running at shutdown');
        feeds?.stop();
        clearInterval(pruning);
        index.stop();
        await client.destroy();
        logger.info('bot stopped');
      })();
      return stopping;
    },
  };
}

/**
 * Whether to ask for the Message Content intent: only when the config needs it, and only when it is
 * switched on for the application (asking for it otherwise would make Discord refuse the login).
 * When it is needed and off, says so, with how to turn it on; the bot still starts.
 */
async function checkMessageContent(config: Config, logger: Logger): Promise<boolean> {
  const needs = messageContentNeeds(config);
  if (needs.length === 0) return false;
  const allowed = await messageContentAllowed(config);
  if (allowed) return true;
  if (allowed === null) logger.warn({ needs }, 'could not read the application\'s intents from Discord; logging in without Message Content');
  else logger.warn({ needs }, missingIntentMessage(needs));
  return false;
}

const PRUNE_EVERY_MS = 6 * 3600_000;

/** Removes expired answers and votes at start and every six hours; a failure is logged, never fatal. */
function startPruning(ctx: BotContext): NodeJS.Timeout {
  const prune = () => {
    void ctx.answers
      .prune()
      .then((days) => days > 0 && ctx.logger.info({ days }, 'removed expired answers'))
      .catch((err: unknown) => ctx.logger.warn({ err }, 'could not remove expired answers'));
    void ctx.feedback
      ?.prune()
      .then((days) => days > 0 && ctx.logger.info({ days }, 'removed expired votes'))
      .catch((err: unknown) => ctx.logger.warn({ err }, 'could not remove expired votes'));
  };
  prune();
  const timer = setInterval(prune, PRUNE_EVERY_MS);
  timer.unref();
  return timer;
}
