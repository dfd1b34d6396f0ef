/**
 * The buttons under an answer: Sources (the passages it quoted, each with its title, source, date and
 * link), Earlier figures (the dated series), List them (the timeline of the incidents a counting answer
 * counted, paged, with its chart) and 👍/👎 (a vote, stored). All answer privately, from the
 * stored record, so they show what was answered even after a restart or a new index; an answer past
 * ANSWER_KEEP_DAYS says so.
 */
import { MessageFlags, type ButtonInteraction } from 'discord.js';
import { ANSWER_BUTTON_PREFIX, parseAnswerButton, tooOld } from './answer-reply.js';
import type { BotContext, ButtonHandler } from './command.js';
import { voteOn, voterId } from './feedback-store.js';
import { earlierFiguresEmbed, sourcesEmbed } from './format/answer-details.js';
import { tellPrivately, UNKNOWN_BUTTON } from './interactions.js';
import { NO_MENTIONS } from './reply.js';
import { timelineMessage } from './timeline-view.js';

export const FEEDBACK_OFF = 'Votes are not being collected on this bot any more. Thanks all the same.';
const thanks = (vote: 'up' | 'down') =>
  `Thanks: your ${vote === 'up' ? '👍' : '👎'} is recorded. Press the other one to change it.`;

async function onButton(interaction: ButtonInteraction, ctx: BotContext): Promise<void> {
  const parsed = parseAnswerButton(interaction.customId);
  if (!parsed) return tellPrivately(interaction, UNKNOWN_BUTTON);
  const record = await ctx.answers.load(parsed.id);
  if (!record) return tellPrivately(interaction, tooOld(ctx.config.ANSWER_KEEP_DAYS));
  if (parsed.action === 'up' || parsed.action === 'down') {
    if (!ctx.feedback || !ctx.config.FEEDBACK_SECRET) return tellPrivately(interaction, FEEDBACK_OFF);
    const voter = voterId(ctx.config.FEEDBACK_SECRET, interaction.user.id);
    await ctx.feedback.add(voteOn(record.answer, record.id, voter, parsed.action, new Date()));
    return tellPrivately(interaction, thanks(parsed.action));
  }
  if (parsed.action === 'incidents') {
    const counted = record.answer.incidents;
    if (!counted) return tellPrivately(interaction, UNKNOWN_BUTTON);
    // Reading the incidents can take a while on a large corpus: acknowledge within Discord's 3 seconds.
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    await interaction.editReply({ ...(await timelineMessage(ctx, counted.filter, 0, { kind: 'answer', id: record.id })), allowedMentions: NO_MENTIONS });
    return;
  }
  const embed = parsed.action === 'sources' ? sourcesEmbed(record.answer, record.passages) : earlierFiguresEmbed(record.answer);
  await interaction.reply({ embeds: [embed], flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
}

export const answerButtons: ButtonHandler = { prefix: ANSWER_BUTTON_PREFIX, onButton };
