/**
 * An answer as the bot sends it: the embed, with the buttons that work on the stored record of the
 * answer (see AnswerStore). Every way of asking sends its answer through here.
 */
import { ActionRowBuilder, ButtonBuilder, ButtonStyle, type EmbedBuilder } from 'discord.js';
import type { Answer } from '../answer/types.js';
import type { AnswerRecord } from './answer-store.js';
import type { BotContext } from './command.js';
import { answerEmbed } from './format/answer-embed.js';

/** Custom id of "Post in channel" under a private answer: `post:<answer id>`. */
export const POST_BUTTON_PREFIX = 'post:';

export interface AnswerView {
  embeds: EmbedBuilder[];
  components: ActionRowBuilder<ButtonBuilder>[];
}

export interface ViewOptions {
  /** A private answer: add "Post in channel". */
  post?: boolean;
}

export function tooOld(keepDays: number): string {
  return `This answer is too old to expand: answers are kept for ${keepDays} days. Ask again for a fresh one.`;
}

/** The message for a stored answer. */
export function answerView(record: Pick<AnswerRecord, 'id' | 'answer'>, options: ViewOptions = {}): AnswerView {
  const buttons: ButtonBuilder[] = [];
  if (options.post) {
    buttons.push(new ButtonBuilder().setCustomId(`${POST_BUTTON_PREFIX}${record.id}`).setLabel('Post in channel').setStyle(ButtonStyle.Primary));
  }
  const components = buttons.length > 0 ? [new ActionRowBuilder<ButtonBuilder>().addComponents(buttons)] : [];
  return { embeds: [answerEmbed(record.answer)], components };
}

/** Stores the answer, then returns its message. */
export async function answerReply(ctx: BotContext, answer: Answer, options: ViewOptions = {}): Promise<AnswerView> {
  const id = await ctx.answers.save(answer, []);
  return answerView({ id, answer }, options);
}
