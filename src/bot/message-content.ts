/**
 * The Message Content intent: needed to read messages that do not mention the bot (ask channels,
 * follow-ups in the bot's threads). It is privileged: asking for it while it is off in the
 * Developer Portal makes Discord close the connection (4014), so it is looked up first.
 */
import { ApplicationFlags, REST, Routes, type RESTGetCurrentApplicationResult } from 'discord.js';
import type { Config } from '../config.js';

/** What needs the intent, in the words of the configuration. */
export function messageContentNeeds(config: Pick<Config, 'ASK_IN_THREADS' | 'ASK_CHANNEL_IDS'>): string[] {
  const needs: string[] = [];
  if (config.ASK_CHANNEL_IDS.length > 0) needs.push('ASK_CHANNEL_IDS');
  if (config.ASK_IN_THREADS) needs.push('ASK_IN_THREADS');
  return needs;
}

export const MESSAGE_CONTENT_HOW =
  'Turn it on in the Discord Developer Portal: your application > Bot > Privileged Gateway Intents > Message Content Intent, save, then restart Sitrep.';

export function missingIntentMessage(needs: string[]): string {
  return (
    `The Message Content intent is off for this bot, but ${needs.join(' and ')} ${needs.length > 1 ? 'need' : 'needs'} it to read messages. ` +
    `${MESSAGE_CONTENT_HOW} Until then Sitrep answers mentions, direct messages and commands only.`
  );
}

/** Either Message Content flag (bots in 100+ servers after approval, or the "limited" one of smaller bots). */
const CONTENT_FLAGS = ApplicationFlags.GatewayMessageContent | ApplicationFlags.GatewayMessageContentLimited;

/**
 * Whether the application may use the intent, from its flags (GET /applications/@me); null when
 * that could not be read (the login that follows reports a bad token or an unreachable Discord).
 */
export async function messageContentAllowed(config: Pick<Config, 'DISCORD_API_URL' | 'DISCORD_TOKEN'>): Promise<boolean | null> {
  try {
    const rest = new REST({ api: config.DISCORD_API_URL, retries: 1, timeout: 10_000 }).setToken(config.DISCORD_TOKEN ?? '');
    const app = (await rest.get(Routes.currentApplication())) as RESTGetCurrentApplicationResult;
    return ((app.flags ?? 0) & CONTENT_FLAGS) !== 0;
  } catch {
    return null;
  }
}
