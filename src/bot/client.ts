/** The discord.js client Sitrep runs on. */
import { Client, GatewayIntentBits, Partials } from 'discord.js';
import type { Config } from '../config.js';
import { NO_MENTIONS } from './reply.js';

/**
 * Intents: Guilds (slash commands in servers), GuildMessages (messages that mention the bot) and
 * DirectMessages (questions by DM). None is privileged: Discord delivers the text of direct
 * messages and of messages that mention the bot without the Message Content intent.
 * Partials.Channel lets a DM arrive in a channel the client has not cached yet.
 */
export const INTENTS = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages];

/** The intents to log in with; Message Content (privileged) only when it is wanted and switched on. */
export function intentsFor(messageContent: boolean): GatewayIntentBits[] {
  return messageContent ? [...INTENTS, GatewayIntentBits.MessageContent] : INTENTS;
}

export function createDiscordClient(config: Pick<Config, 'DISCORD_API_URL'>, intents: GatewayIntentBits[] = INTENTS): Client {
  return new Client({
    intents,
    partials: [Partials.Channel],
    rest: { api: config.DISCORD_API_URL },
    allowedMentions: NO_MENTIONS,
  });
}
