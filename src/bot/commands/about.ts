/** `/about`: corpus size, index age and embedder. */
import { InteractionContextType, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import type { BotContext } from '../command.js';
import { aboutEmbed } from '../format/info-embeds.js';
import { NO_MENTIONS } from '../reply.js';

export const data = new SlashCommandBuilder()
  .setName('about')
  .setDescription('Corpus size, index age and embedding model.')
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM);

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  await interaction.reply({ embeds: [aboutEmbed(ctx.sitrep.info())], allowedMentions: NO_MENTIONS });
}
