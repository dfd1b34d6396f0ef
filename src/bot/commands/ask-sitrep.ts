/**
 * "Ask Sitrep" on a message (Apps > Ask Sitrep): answers the message's text as a question, privately,
 * with a button that posts the answer in the channel for everyone.
 */
import {
  ApplicationCommandType,
  ContextMenuCommandBuilder,
  InteractionContextType,
  MessageFlags,
  type ButtonInteraction,
  type MessageContextMenuCommandInteraction,
} from 'discord.js';
import { admitQuestion } from '../ask-flow.js';
import { splitMessageAsOf } from '../as-of.js';
import { POST_BUTTON_PREFIX, answerReply, answerView, tooOld } from '../answer-reply.js';
import type { BotContext } from '../command.js';
import { tellPrivately } from '../interactions.js';
import { NO_MENTIONS } from '../reply.js';
import { questionFromMessage } from '../target-question.js';

export const data = new ContextMenuCommandBuilder()
  .setName('Ask Sitrep')
  .setType(ApplicationCommandType.Message)
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM);

export const ALREADY_POSTED = 'This answer is already posted in the channel.';

export async function execute(interaction: MessageContextMenuCommandInteraction, ctx: BotContext): Promise<void> {
  const privately = (content: string) => interaction.reply({ content, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
  const picked = questionFromMessage(interaction.targetMessage.content, interaction.client.user.id);
  if (!picked.ok) return void (await privately(picked.message));
  const { asOf, question } = splitMessageAsOf(picked.text, ctx.config.TIME_ZONE);
  const admitted = admitQuestion(ctx.limiter, interaction.user.id, question);
  if (!admitted.ok) return void (await privately(admitted.message));

  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const answer = await ctx.sitrep.answer(admitted.question, { asOf });
  await interaction.editReply({ ...(await answerReply(ctx, answer, { post: true })), allowedMentions: NO_MENTIONS });
}

export const buttonPrefix = POST_BUTTON_PREFIX;

/** "Post in channel": the stored answer, posted for everyone, once. */
export async function onButton(interaction: ButtonInteraction, ctx: BotContext): Promise<void> {
  const id = interaction.customId.slice(POST_BUTTON_PREFIX.length);
  const record = await ctx.answers.load(id);
  if (!record) return tellPrivately(interaction, tooOld(ctx.config.ANSWER_KEEP_DAYS));
  if (record.postedAt) return tellPrivately(interaction, ALREADY_POSTED);
  await ctx.answers.update(id, { postedAt: new Date().toISOString() });
  await interaction.reply({ ...answerView(record, { votes: ctx.feedback !== null }), allowedMentions: NO_MENTIONS });
}
