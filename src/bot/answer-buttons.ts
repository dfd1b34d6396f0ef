/**
 * The buttons under an answer: Sources (the passages it quoted, each with its title, source, date and
 * link) and Earlier figures (the dated series). Both answer privately, from the stored record, so
 * they show what was answered even after a restart or a new index; an answer past ANSWER_KEEP_DAYS
 * says so.
 */
import { MessageFlags, type ButtonInteraction } from 'discord.js';
import { ANSWER_BUTTON_PREFIX, parseAnswerButton, tooOld } from './answer-reply.js';
import type { BotContext, ButtonHandler } from './command.js';
import { earlierFiguresEmbed, sourcesEmbed } from './format/answer-details.js';
import { tellPrivately, UNKNOWN_BUTTON } from './interactions.js';
import { NO_MENTIONS } from './reply.js';

async function onButton(interaction: ButtonInteraction, ctx: BotContext): Promise<void> {
  const parsed = parseAnswerButton(interaction.customId);
  if (!parsed) return tellPrivately(interaction, UNKNOWN_BUTTON);
  const record = await ctx.answers.load(parsed.id);
  if (!record) return tellPrivately(interaction, tooOld(ctx.config.ANSWER_KEEP_DAYS));
  const embed = parsed.action === 'sources' ? sourcesEmbed(record.answer, record.passages) : earlierFiguresEmbed(record.answer);
  await interaction.reply({ embeds: [embed], flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
}

export const answerButtons: ButtonHandler = { prefix: ANSWER_BUTTON_PREFIX, onButton };
