/**
 * Questions asked in servers without a command: messages that mention the bot, follow-ups in the
 * threads it started, and messages in ask channels (see `routeGuildMessage` for the rules).
 */
import type { Message } from 'discord.js';
import type { BotContext } from './command.js';
import { shortHelpText } from './format/info-embeds.js';
import { answerMessage, replyTo } from './message-answer.js';
import { routeGuildMessage, type Route } from './message-route.js';
import { APOLOGY, RESTARTING } from './reply.js';
import type { WorkTracker } from './work.js';

function route(message: Message, ctx: BotContext): Route | null {
  const botId = message.client.user.id;
  const channel = message.channel;
  return routeGuildMessage(
    {
      botId,
      authorId: message.author.id,
      authorIsBot: message.author.bot || message.webhookId !== null,
      system: message.system,
      content: message.content,
      channelId: message.channelId,
      thread: channel.isThread() ? { ownerId: channel.ownerId, parentId: channel.parentId } : null,
    },
    ctx.config,
  );
}

export function createGuildMessageHandler(ctx: BotContext, work: WorkTracker) {
  async function handle(message: Message, r: Route): Promise<void> {
    if (r.kind === 'help') {
      await replyTo(message, { content: shortHelpText(message.client.user.username) });
      return;
    }
    ctx.logger.debug({ via: r.via, message: message.id, channel: message.channelId, user: message.author.id }, 'question in a server');
    await answerMessage(ctx, message, r.text, { thread: r.thread });
  }

  return async (message: Message): Promise<void> => {
    if (!message.inGuild()) return;
    const r = route(message, ctx);
    if (!r) return;
    if (work.closing) {
      await replyTo(message, { content: RESTARTING }).catch(() => undefined);
      return;
    }
    await work.run(async () => {
      try {
        await handle(message, r);
      } catch (err) {
        ctx.logger.error({ err, message: message.id, user: message.author.id, channel: message.channelId, guild: message.guildId }, 'server message failed');
        await replyTo(message, { content: APOLOGY }).catch(() => undefined);
      }
    });
  };
}
