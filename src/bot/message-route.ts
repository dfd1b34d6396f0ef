/**
 * Which messages in a server are questions, and where their answer goes. A pure function of the
 * message and the configuration, so the rules can be read (and tested) in one place:
 *
 * - a message that mentions the bot: the question is its text without the mention; with
 *   ASK_IN_THREADS the answer opens a thread on it;
 * - a message in a thread the bot started (ASK_IN_THREADS): a follow-up question, answered there;
 * - a message in an ask channel (ASK_CHANNEL_IDS), or in a thread inside one: a question.
 *
 * Bots (this one included), webhooks and system messages are never questions; outside a mention,
 * neither is small talk (see `looksLikeQuestion`).
 */
import { looksLikeQuestion } from './is-question.js';

export interface GuildMessageFacts {
  botId: string;
  authorId: string;
  authorIsBot: boolean;
  /** Joins, pins, boosts and other messages Discord writes itself. */
  system: boolean;
  content: string;
  channelId: string;
  /** When the message is in a thread: who started it and the channel it is in. */
  thread: { ownerId: string | null; parentId: string | null } | null;
}

export interface RouteConfig {
  ASK_IN_THREADS: boolean;
  ASK_CHANNEL_IDS: string[];
}

export type Route =
  /** A question; `thread`: start a thread on the message and answer there (else reply to it). */
  | { kind: 'question'; text: string; thread: boolean; via: 'mention' | 'thread' | 'channel' }
  /** A mention with nothing to ask: the short help. */
  | { kind: 'help' };

export function mentionPattern(botId: string): RegExp {
  return new RegExp(`<@!?${botId}>`, 'g');
}

/** The route of a message, or null when it is not for the bot. */
export function routeGuildMessage(m: GuildMessageFacts, config: RouteConfig): Route | null {
  if (m.authorIsBot || m.system || m.authorId === m.botId) return null;
  const inThread = m.thread !== null;
  const mention = mentionPattern(m.botId);
  if (mention.test(m.content)) {
    const text = m.content.replace(mention, ' ').replace(/[ \t]+/g, ' ').trim();
    if (!/[\p{L}\p{N}]/u.test(text)) return { kind: 'help' };
    return { kind: 'question', text, thread: config.ASK_IN_THREADS && !inThread, via: 'mention' };
  }
  if (!looksLikeQuestion(m.content)) return null;
  const text = m.content.trim();
  if (m.thread && config.ASK_IN_THREADS && m.thread.ownerId === m.botId) return { kind: 'question', text, thread: false, via: 'thread' };
  const channel = m.thread ? m.thread.parentId : m.channelId;
  if (channel !== null && config.ASK_CHANNEL_IDS.includes(channel)) return { kind: 'question', text, thread: config.ASK_IN_THREADS && !inThread, via: 'channel' };
  return null;
}
