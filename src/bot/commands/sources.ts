/** `/sources`: the indexed articles, paginated with buttons. */
import { InteractionContextType, SlashCommandBuilder, type ButtonInteraction, type ChatInputCommandInteraction } from 'discord.js';
import type { BotContext } from '../command.js';
import { SOURCES_BUTTON_PREFIX, pageFromCustomId, sourcesPage } from '../format/sources-page.js';
import { NO_MENTIONS } from '../reply.js';

export const data = new SlashCommandBuilder()
  .setName('sources')
  .setDescription('List the articles Sitrep answers from.')
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM);

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  await interaction.reply({ ...sourcesPage(ctx.sitrep.sources(), 0), allowedMentions: NO_MENTIONS });
}

export const buttonPrefix = SOURCES_BUTTON_PREFIX;

/** Previous/Next: the same message shows the asked page (clamped, as the index may have changed). */
export async function onButton(interaction: ButtonInteraction, ctx: BotContext): Promise<void> {
  const page = pageFromCustomId(interaction.customId) ?? 0;
  await interaction.update({ ...sourcesPage(ctx.sitrep.sources(), page), allowedMentions: NO_MENTIONS });
}
