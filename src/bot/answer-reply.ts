/**
 * An answer as the bot sends it: the embed, and under it the buttons that work from the stored
 * record of the answer (see AnswerStore): Sources, Earlier figures, List them (the incidents a counting
 * answer counted) and 👍/👎 (see answer-buttons.ts),
 * and "Post in channel" under a private answer. Every way of asking sends its answer through here.
 */
import { ActionRowBuilder, ButtonBuilder, ButtonStyle, type EmbedBuilder } from 'discord.js';
import type { Answer } from '../answer/types.js';
import type { AnswerRecord } from './answer-store.js';
import type { BotContext } from './command.js';
import { answerEmbed, type CorpusFreshness } from './format/answer-embed.js';
import { quotedPassages, quotesOf } from './quoted-passages.js';

/** Custom id of "Post in channel" under a private answer: `post:<answer id>`. */
export const POST_BUTTON_PREFIX = 'post:';
/** Custom ids of the buttons under an answer: `ans:<answer id>:<action>`. */
export const ANSWER_BUTTON_PREFIX = 'ans:';
export type AnswerAction = 'sources' | 'earlier' | 'incidents' | 'up' | 'down';

export function answerButtonId(id: string, action: AnswerAction): string {
  return `${ANSWER_BUTTON_PREFIX}${id}:${action}`;
}

/** The answer id and action of an answer button's custom id, or null. */
export function parseAnswerButton(customId: string): { id: string; action: AnswerAction } | null {
  const m = /^ans:([a-z0-9]{1,40}):(sources|earlier|incidents|up|down)$/.exec(customId);
  return m ? { id: m[1]!, action: m[2] as AnswerAction } : null;
}

export interface AnswerView {
  embeds: EmbedBuilder[];
  components: ActionRowBuilder<ButtonBuilder>[];
}

export interface ViewOptions {
  /** A private answer: add "Post in channel". */
  post?: boolean;
  /** Add 👍 / 👎 (when feedback is on). */
  votes?: boolean;
}

export function tooOld(keepDays: number): string {
  return `This answer is too old to expand: answers are kept for ${keepDays} days. Ask again for a fresh one.`;
}

/** The message for a stored answer; without an id (it could not be stored), the embed alone. */
export function answerView(record: { id: string | null; answer: Answer; corpus?: CorpusFreshness }, options: ViewOptions = {}): AnswerView {
  const { id, answer } = record;
  const embeds = [answerEmbed(answer, record.corpus)];
  if (id === null) return { embeds, components: [] };
  const buttons: ButtonBuilder[] = [];
  if (quotesOf(answer).length > 0) {
    buttons.push(new ButtonBuilder().setCustomId(answerButtonId(id, 'sources')).setLabel('Sources').setStyle(ButtonStyle.Secondary));
  }
  if (answer.earlier.length > 0) {
    buttons.push(new ButtonBuilder().setCustomId(answerButtonId(id, 'earlier')).setLabel('Earlier figures').setStyle(ButtonStyle.Secondary));
  }
  if (answer.incidents) {
    buttons.push(new ButtonBuilder().setCustomId(answerButtonId(id, 'incidents')).setLabel('List them').setStyle(ButtonStyle.Secondary));
  }
  if (options.votes) {
    buttons.push(
      new ButtonBuilder().setCustomId(answerButtonId(id, 'up')).setEmoji('👍').setStyle(ButtonStyle.Secondary),
      new ButtonBuilder().setCustomId(answerButtonId(id, 'down')).setEmoji('👎').setStyle(ButtonStyle.Secondary),
    );
  }
  if (options.post) {
    buttons.push(new ButtonBuilder().setCustomId(`${POST_BUTTON_PREFIX}${id}`).setLabel('Post in channel').setStyle(ButtonStyle.Primary));
  }
  return { embeds, components: buttons.length > 0 ? [new ActionRowBuilder<ButtonBuilder>().addComponents(buttons)] : [] };
}

/**
 * Stores the answer with the passages it quoted, then returns its message. When it cannot be stored
 * (a full disk, a folder that is not writable) the answer still goes out, without its buttons.
 */
export async function answerReply(ctx: BotContext, answer: Answer, options: ViewOptions = {}): Promise<AnswerView> {
  const info = ctx.sitrep.info();
  const corpus: CorpusFreshness = { articles: info.articles, updatedAt: info.createdAt, at: new Date().toISOString() };
  let id: string | null = null;
  try {
    id = await ctx.answers.save(answer, await quotedPassages(ctx.sitrep, answer), corpus);
  } catch (err) {
    ctx.logger.warn({ err }, 'could not store the answer; sending it without buttons');
  }
  return answerView({ id, answer, corpus }, { votes: ctx.feedback !== null, ...options });
}

export type { AnswerRecord };
