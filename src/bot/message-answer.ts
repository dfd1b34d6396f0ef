/**
 * Answers a question asked in a message (a DM, a mention, an ask channel, a thread): the same
 * checks and rate limit as /ask, then the answer as a reply to the message, or in a thread
 * started on it.
 */
import { ChannelType, DiscordAPIError, type Message, type MessageCreateOptions, type MessageReplyOptions } from 'discord.js';
import { admitQuestion } from './ask-flow.js';
import { splitMessageAsOf } from './as-of.js';
import type { BotContext } from './command.js';
import { answerReply } from './answer-reply.js';
import { ELLIPSIS, fitText } from './format/limits.js';
import { NO_MENTIONS } from './reply.js';

/** Discord's longest thread name. */
const THREAD_NAME_MAX = 100;
/** "Cannot reply without permission to read message history": the answer is posted without the reference. */
const CANNOT_REPLY = 160002;

/** A thread name from the question: one line, no control or direction characters, at most 100 characters. */
export function threadName(question: string): string {
  const plain = question.replace(/[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]+/g, ' ').replace(/\s+/g, ' ').trim();
  return fitText(plain, THREAD_NAME_MAX, (p, cut) => p + (cut ? ELLIPSIS : '')) ?? (plain.slice(0, THREAD_NAME_MAX - 1) + ELLIPSIS);
}

/** Replies to `message`; when the bot may not reply (no Read Message History), posts in its channel instead. */
export async function replyTo(message: Message, payload: MessageReplyOptions): Promise<Message> {
  try {
    return await message.reply({ ...payload, allowedMentions: NO_MENTIONS, failIfNotExists: false });
  } catch (err) {
    if (!(err instanceof DiscordAPIError && err.code === CANNOT_REPLY) || !message.channel.isSendable()) throw err;
    return message.channel.send({ ...(payload as MessageCreateOptions), allowedMentions: NO_MENTIONS });
  }
}

export interface MessageAnswerOptions {
  /** Start a thread on the message, named after the question, and answer there. */
  thread?: boolean;
}

export async function answerMessage(ctx: BotContext, message: Message, text: string, options: MessageAnswerOptions = {}): Promise<void> {
  const { asOf, question } = splitMessageAsOf(text, ctx.config.TIME_ZONE);
  const admitted = admitQuestion(ctx.limiter, message.author.id, question);
  if (!admitted.ok) {
    await replyTo(message, { content: admitted.message });
    return;
  }
  const answer = await ctx.sitrep.answer(admitted.question, { asOf });
  const payload = await answerReply(ctx, answer);
  if (options.thread && (message.channel.type === ChannelType.GuildText || message.channel.type === ChannelType.GuildAnnouncement) && !message.hasThread) {
    try {
      const thread = await message.startThread({ name: threadName(admitted.question) });
      await thread.send({ ...payload, allowedMentions: NO_MENTIONS });
      return;
    } catch (err) {
      // Without the Create Public Threads permission (or in a channel that has none), a reply still answers.
      ctx.logger.warn({ err, channel: message.channelId, message: message.id }, 'could not answer in a thread; replying instead');
    }
  }
  await replyTo(message, payload);
}
