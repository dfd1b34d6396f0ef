/** `/help`: the commands, with example questions. */
import { InteractionContextType, MessageFlags, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { helpEmbed } from '../format/info-embeds.js';
import { NO_MENTIONS } from '../reply.js';

export const data = new SlashCommandBuilder()
  .setName('help')
  .setDescription('How to use Sitrep, with example questions.')
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM);

export async function execute(interaction: ChatInputCommandInteraction): Promise<void> {
  await interaction.reply({ embeds: [helpEmbed()], flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
}
