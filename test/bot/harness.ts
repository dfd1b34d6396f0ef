/**
 * The real bot (real discord.js Client, real `openSitrep` over a copy of the shipped corpus with its
 * index in a temp folder) logged in to the fake Discord. Helpers dispatch gateway events as
 * Discord would and wait for the REST requests the bot makes in return.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startBot, type BotOptions, type RunningBot } from '../../src/bot/bot.js';
import { createLogger } from '../../src/bot/logger.js';
import { loadConfig, type Config } from '../../src/config.js';
import { openSitrep, type Sitrep } from '../../src/sitrep.js';
import {
  ASK_CHANNEL_ID,
  buttonPress,
  messageCommand,
  GENERAL_CHANNEL_ID,
  GUILD_ID,
  OTHER_CHANNEL_ID,
  slashCommand,
  stringOption,
  textChannel,
  user,
  type CommandOption,
  type FakeInteraction,
  type FakeUser,
  type GuildMessageInput,
} from '../fake-discord/payloads.js';
import { FakeDiscord, type RecordedRequest } from '../fake-discord/server.js';
import { snowflake } from '../fake-discord/snowflake.js';

export const TOKEN = 'MTEwMDAwMDAwMDAwMDAwMDk5.GfAkEd.offline-test-token-0123456789abcdef';
export const APP_ID = '1100000000000000099';
export const OWNER_ID = '1100000000000000777';
export const SHIPPED_CORPUS = path.resolve('corpus');
export const SEED_TITLE = 'Western Troops in Iraq Targeted in Drone Attack Claimed by Pro-Iran Group';

export interface Harness {
  fake: FakeDiscord;
  bot: RunningBot;
  sitrep: Sitrep;
  config: Config;
  /** Every log line the bot wrote. */
  logs: string[];
  corpusDir: string;
  /** Dispatches a slash command; resolves with the interaction (its id and token). */
  command(name: string, options?: CommandOption[], as?: { user?: FakeUser; permissions?: string; guildId?: string | null }): FakeInteraction;
  /** Dispatches a message context-menu command ("Apps > name") on `target`, a message payload. */
  menu(name: string, target: Record<string, unknown>, as?: { user?: FakeUser }): FakeInteraction;
  /** Presses a button with `customId` on `message` (a message the bot sent: a request body, or its payload). */
  press(customId: string, message?: Record<string, any>, as?: { user?: FakeUser; channelId?: string }): FakeInteraction;
  /** Dispatches `/ask question:<q>`. */
  ask(question: string, as?: { user?: FakeUser; private?: boolean; asOf?: string }): FakeInteraction;
  callback(i: FakeInteraction): Promise<RecordedRequest>;
  /** The first edit of the interaction's original reply whose body passes `match`. */
  edit(i: FakeInteraction, match?: (body: any) => boolean): Promise<RecordedRequest>;
  /** Writes a message in the server (default channel: #general) as a member; resolves with the payload as written. */
  say(content: string, input?: Partial<GuildMessageInput>): Record<string, any>;
  /** The bot's reply to a message (a post that references it). */
  replyTo(message: Record<string, any>, timeoutMs?: number): Promise<RecordedRequest>;
  /** Stops the bot and starts a new one (a new Sitrep over the same folders) on the same fake Discord. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/** A temp folder holding a copy of the shipped corpus and an empty index folder. */
export function tempWorkspace(): { root: string; corpusDir: string; indexDir: string } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sitrep-bot-'));
  const corpusDir = path.join(root, 'corpus');
  fs.cpSync(SHIPPED_CORPUS, corpusDir, { recursive: true });
  return { root, corpusDir, indexDir: path.join(root, 'index') };
}

export async function startHarness(
  env: Record<string, string> = {},
  options: Partial<Pick<BotOptions, 'watchIntervalMs' | 'drainTimeoutMs' | 'buildRunner'>> & {
    /** Instruments the real Sitrep (e.g. to hold answers back); the answers stay the pipeline's own. */
    wrapSitrep?: (s: Sitrep) => Sitrep;
    /** Whether the Message Content intent is switched on for the application. Default false. */
    messageContent?: boolean;
    /** More articles for the corpus, by file name, written before the index is built. */
    articles?: Record<string, string>;
  } = {},
): Promise<Harness> {
  const { root, corpusDir, indexDir } = tempWorkspace();
  for (const [name, text] of Object.entries(options.articles ?? {})) fs.writeFileSync(path.join(corpusDir, name), text);
  const fake = await FakeDiscord.start({ token: TOKEN, applicationId: APP_ID, messageContent: options.messageContent });
  const config = loadConfig({
    CORPUS_DIR: corpusDir,
    INDEX_DIR: indexDir,
    ANSWERS_DIR: path.join(root, 'answers'),
    FEEDBACK_DIR: path.join(root, 'feedback'),
    ALERT_STATE_FILE: path.join(root, 'alerts.json'),
    INGEST_STATE_FILE: path.join(root, 'ingest-state.json'),
    DISCORD_TOKEN: TOKEN,
    DISCORD_APPLICATION_ID: APP_ID,
    DISCORD_API_URL: fake.apiUrl,
    OWNER_IDS: OWNER_ID,
    LOG_LEVEL: 'debug',
    ...env,
  });
  const logs: string[] = [];
  const logger = createLogger(config, { write: (line: string) => logs.push(line) });
  const { wrapSitrep, messageContent: _, articles: __, ...botOptions } = options;
  const opened = await openSitrep(config, { buildIfMissing: true });
  const sitrep = wrapSitrep ? wrapSitrep(opened) : opened;
  let bot = await startBot({ config, sitrep, logger, ...botOptions });
  // A server with three text channels, as Discord sends it once the bot is connected.
  fake.addGuild([textChannel(GENERAL_CHANNEL_ID, 'general'), textChannel(ASK_CHANNEL_ID, 'ask-sitrep'), textChannel(OTHER_CHANNEL_ID, 'random')]);
  await until(() => bot.client.guilds.cache.has(GUILD_ID));

  const command: Harness['command'] = (name, opts = [], as = {}) => {
    const i = slashCommand({ applicationId: APP_ID, name, options: opts, user: as.user, permissions: as.permissions, guildId: as.guildId });
    fake.gateway.dispatch('INTERACTION_CREATE', i.payload);
    return i;
  };
  const menu: Harness['menu'] = (name, target, as = {}) => {
    const i = messageCommand({ applicationId: APP_ID, name, target, user: as.user, channelId: String(target.channel_id ?? GENERAL_CHANNEL_ID) });
    fake.gateway.dispatch('INTERACTION_CREATE', i.payload);
    return i;
  };
  const press: Harness['press'] = (customId, message = {}, as = {}) => {
    const channelId = as.channelId ?? GENERAL_CHANNEL_ID;
    const i = buttonPress({
      applicationId: APP_ID,
      customId,
      user: as.user,
      channelId,
      message: {
        id: message.id ?? snowflake(),
        channel_id: channelId,
        author: fake.botUser,
        content: message.content ?? '',
        timestamp: new Date().toISOString(),
        embeds: message.embeds ?? [],
        components: message.components ?? [],
        attachments: [],
        mentions: [],
        mention_roles: [],
        type: 0,
        flags: message.flags ?? 0,
      },
    });
    fake.gateway.dispatch('INTERACTION_CREATE', i.payload);
    return i;
  };
  const h: Harness = {
    fake,
    bot,
    menu,
    press,
    sitrep,
    config,
    logs,
    corpusDir,
    command,
    ask: (question, as = {}) =>
      command(
        'ask',
        [
          stringOption('question', question),
          ...(as.asOf !== undefined ? [stringOption('as_of', as.asOf)] : []),
          ...(as.private ? [{ name: 'private', type: 5, value: true }] : []),
        ],
        { user: as.user ?? user() },
      ),
    callback: (i) => fake.waitForRequest((r) => r.method === 'POST' && r.path === `/interactions/${i.id}/${i.token}/callback`),
    edit: (i, match = () => true) =>
      fake.waitForRequest((r) => r.method === 'PATCH' && r.path === `/webhooks/${APP_ID}/${i.token}/messages/@original` && match(r.body)),
    say: (content, input = {}) => fake.sendGuildMessage({ channelId: GENERAL_CHANNEL_ID, ...input, content }),
    replyTo: (message, timeoutMs) =>
      fake.waitForRequest((r) => r.method === 'POST' && r.path.startsWith('/channels/') && r.body?.message_reference?.message_id === message.id, timeoutMs),
    async restart() {
      await h.bot.stop('restart');
      const reopened = await openSitrep(config);
      h.sitrep = wrapSitrep ? wrapSitrep(reopened) : reopened;
      h.bot = bot = await startBot({ config, sitrep: h.sitrep, logger, ...botOptions });
      fake.sendGuildCreate();
      await until(() => h.bot.client.guilds.cache.has(GUILD_ID));
    },
    async close() {
      await h.bot.stop('test finished');
      await fake.close();
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
  return h;
}

/** All the text of a message body's embeds (title, description, fields, footer), for assertions. */
export function embedText(body: any): string {
  return (body?.embeds ?? [])
    .map((e: any) => [e.title, e.description, ...(e.fields ?? []).flatMap((f: any) => [f.name, f.value]), e.footer?.text].filter(Boolean).join('\n'))
    .join('\n');
}

/** Waits for `condition`, polling every 20 ms. */
export async function until(condition: () => boolean, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The custom ids of a message body's buttons, in order. */
export function buttonIds(body: any): string[] {
  return (body?.components ?? []).flatMap((row: any) => (row.components ?? []).map((c: any) => c.custom_id));
}

/** The labels of a message body's buttons, in order. */
export function buttonLabels(body: any): string[] {
  return (body?.components ?? []).flatMap((row: any) => (row.components ?? []).map((c: any) => c.label ?? c.emoji?.name));
}
