/** The discord.js client Sitrep runs on. */
import { Client, GatewayIntentBits, Partials } from 'discord.js';
import type { Config } from '../config.js';
import { NO_MENTIONS } from './reply.js';

/**
 * Intents: Guilds (slash commands in servers) and DirectMessages (questions by DM). Neither is
 * privileged; MessageContent is not needed, as Discord delivers the text of direct messages anyway.
 * Partials.Channel lets a DM arrive in a channel the client has not cached yet.
 */
export const INTENTS = [GatewayIntentBits.Guilds, GatewayIntentBits.DirectMessages];

export function createDiscordClient(config: Pick<Config, 'DISCORD_API_URL'>): Client {
  return new Client({
    intents: INTENTS,
    partials: [Partials.Channel],
    rest: { api: config.DISCORD_API_URL },
    allowedMentions: NO_MENTIONS,
  });
}
