/**
 * Questions sent to the bot by direct message: answered as a reply, the same as /ask. A message may
 * start with "as of 6 Dec 2023:" to ask as of that day.
 */
import type { Message } from 'discord.js';
import type { BotContext } from './command.js';
import { helpEmbed } from './format/info-embeds.js';
import { answerMessage, replyTo } from './message-answer.js';
import { APOLOGY, RESTARTING } from './reply.js';
import type { WorkTracker } from './work.js';

const HELP = /^\/?(help|\?)$/i;

export function createDirectMessageHandler(ctx: BotContext, work: WorkTracker) {
  async function handle(message: Message): Promise<void> {
    const text = message.content.trim();
    if (HELP.test(text)) {
      await replyTo(message, { embeds: [helpEmbed()] });
      return;
    }
    await answerMessage(ctx, message, text);
  }

  return async (message: Message): Promise<void> => {
    // Direct messages only, and never from a bot (itself included): two bots could answer each other forever.
    if (message.author.bot || message.guildId !== null) return;
    if (work.closing) {
      await replyTo(message, { content: RESTARTING }).catch(() => undefined);
      return;
    }
    await work.run(async () => {
      try {
        await handle(message);
      } catch (err) {
        ctx.logger.error({ err, message: message.id, user: message.author.id, channel: message.channelId }, 'direct message failed');
        await replyTo(message, { content: APOLOGY }).catch(() => undefined);
      }
    });
  };
}
