/** `/remove url_or_file:<link or corpus file>`: takes an article out of the corpus and the index (Manage Server or bot owners). */
import { InteractionContextType, MessageFlags, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import type { BotContext } from '../command.js';
import { removeResultEmbed } from '../format/remove-embed.js';
import { hasCredentials } from '../../ingest/credentials.js';
import { removeAndIndex } from '../ingest-flow.js';
import { NO_MENTIONS } from '../reply.js';
import { mayReindex } from './reindex.js';

const MAX_INPUT_LENGTH = 2000;

export const data = new SlashCommandBuilder()
  .setName('remove')
  .setDescription('Take an article out of the corpus, by its link or corpus file (Manage Server or bot owners).')
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
  .addStringOption((o) =>
    o
      .setName('url_or_file')
      .setDescription('The article\'s link, or its file in the corpus folder (e.g. export.jsonl:12)')
      .setRequired(true)
      .setMaxLength(MAX_INPUT_LENGTH),
  );

export const REFUSAL = "Only members with the Manage Server permission, or the bot's owners, can remove articles.";
export const WITH_CREDENTIALS = 'Give the link without a user name or password: Sitrep would show and log them.';

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const privately = (content: string) => interaction.reply({ content, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
  // The same people who may rebuild the index and grow the corpus may shrink it.
  if (!mayReindex(interaction, ctx.config)) return void (await privately(REFUSAL));
  const input = interaction.options.getString('url_or_file')?.trim() ?? '';
  // Refused before anything is logged: the log would keep the password.
  if (hasCredentials(input)) return void (await privately(WITH_CREDENTIALS));

  await interaction.deferReply();
  ctx.logger.info({ user: interaction.user.id, input }, '/remove started');
  const result = await removeAndIndex(ctx, input);
  await interaction.editReply({ embeds: [removeResultEmbed(result)], allowedMentions: NO_MENTIONS });
}
