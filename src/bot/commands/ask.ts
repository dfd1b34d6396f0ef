/** `/ask question:<text> [as_of:<date>] [private:<bool>]`: the answer as an embed, quoted and cited. */
import { InteractionContextType, MessageFlags, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { admitQuestion } from '../ask-flow.js';
import { readAsOfOption } from '../as-of.js';
import type { BotContext } from '../command.js';
import { answerReply } from '../answer-reply.js';
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
  .addStringOption((o) =>
    o
      .setName('as_of')
      .setDescription('Answer from articles published up to this date, e.g. 2023-12-06 (default: today)')
      .setMaxLength(40),
  )
  .addBooleanOption((o) => o.setName('private').setDescription('Show the answer to you alone'));

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const asOf = readAsOfOption(interaction.options.getString('as_of'), ctx.config.TIME_ZONE);
  if (!asOf.ok) {
    await interaction.reply({ content: asOf.message, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
    return;
  }
  const admitted = admitQuestion(ctx.limiter, interaction.user.id, interaction.options.getString('question'));
  if (!admitted.ok) {
    await interaction.reply({ content: admitted.message, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
    return;
  }
  const ephemeral = interaction.options.getBoolean('private') ?? false;
  await interaction.deferReply(ephemeral ? { flags: MessageFlags.Ephemeral } : {});
  const answer = await ctx.sitrep.answer(admitted.question, { asOf: asOf.asOf });
  await interaction.editReply({ ...(await answerReply(ctx, answer)), allowedMentions: NO_MENTIONS });
}
