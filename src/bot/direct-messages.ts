/**
 * Questions sent to the bot by direct message: answered as a reply, the same as /ask. A message may
 * start with "as of 6 Dec 2023:" to ask as of that day.
 */
import type { Message } from 'discord.js';
import { admitQuestion } from './ask-flow.js';
import { splitMessageAsOf } from './as-of.js';
import type { BotContext } from './command.js';
import { answerEmbed } from './format/answer-embed.js';
import { helpEmbed } from './format/info-embeds.js';
import { APOLOGY, NO_MENTIONS, RESTARTING } from './reply.js';
import type { WorkTracker } from './work.js';

const HELP = /^\/?(help|\?)$/i;

export function createDirectMessageHandler(ctx: BotContext, work: WorkTracker) {
  async function handle(message: Message): Promise<void> {
    const text = message.content.trim();
    if (HELP.test(text)) {
      await message.reply({ embeds: [helpEmbed()], allowedMentions: NO_MENTIONS });
      return;
    }
    const { asOf, question } = splitMessageAsOf(text, ctx.config.TIME_ZONE);
    const admitted = admitQuestion(ctx.limiter, message.author.id, question);
    if (!admitted.ok) {
      await message.reply({ content: admitted.message, allowedMentions: NO_MENTIONS });
      return;
    }
    const answer = await ctx.sitrep.answer(admitted.question, { asOf });
    await message.reply({ embeds: [answerEmbed(answer)], allowedMentions: NO_MENTIONS });
  }

  return async (message: Message): Promise<void> => {
    // Direct messages only, and never from a bot (itself included): two bots could answer each other forever.
    if (message.author.bot || message.guildId !== null) return;
    if (work.closing) {
      await message.reply({ content: RESTARTING, allowedMentions: NO_MENTIONS }).catch(() => undefined);
      return;
    }
    await work.run(async () => {
      try {
        await handle(message);
      } catch (err) {
        ctx.logger.error({ err, message: message.id, user: message.author.id, channel: message.channelId }, 'direct message failed');
        await message.reply({ content: APOLOGY, allowedMentions: NO_MENTIONS }).catch(() => undefined);
      }
    });
  };
}
