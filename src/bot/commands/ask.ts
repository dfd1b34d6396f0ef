/** `/ask question:<text> [private:<bool>]`: the answer as an embed, quoted and cited. */
import { InteractionContextType, MessageFlags, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { admitQuestion } from '../ask-flow.js';
import type { BotContext } from '../command.js';
import { answerEmbed } from '../format/answer-embed.js';
import { MAX_QUESTION_LENGTH } from '../question.js';
import { NO_MENTIONS } from '../reply.js';

export const data = new SlashCommandBuilder()
  .setName('ask')
  .setDescription('Ask about an incident; the answer is a quoted sentence with its source.')
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
  .addStringOption((o) =>
    o
      .setName('question')
      .setDescription('For example: How many attacks since Oct 17?')
      .setRequired(true)
      .setMaxLength(MAX_QUESTION_LENGTH),
  )
  .addBooleanOption((o) => o.setName('private').setDescription('Show the answer to you alone'));

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const admitted = admitQuestion(ctx.limiter, interaction.user.id, interaction.options.getString('question'));
  if (!admitted.ok) {
    await interaction.reply({ content: admitted.message, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
    return;
  }
  const ephemeral = interaction.options.getBoolean('private') ?? false;
  await interaction.deferReply(ephemeral ? { flags: MessageFlags.Ephemeral } : {});
  const answer = await ctx.sitrep.answer(admitted.question);
  await interaction.editReply({ embeds: [answerEmbed(answer)], allowedMentions: NO_MENTIONS });
}
