/** `/add url:<link>`: fetches a page into the corpus and makes it searchable (Manage Server or bot owners). */
import { InteractionContextType, MessageFlags, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import type { BotContext } from '../command.js';
import { addResultEmbed } from '../format/add-embed.js';
import { hasCredentials } from '../../ingest/credentials.js';
import { addLinkAndIndex } from '../ingest-flow.js';
import { NO_MENTIONS } from '../reply.js';
import { mayReindex } from './reindex.js';

const MAX_URL_LENGTH = 2000;

export const data = new SlashCommandBuilder()
  .setName('add')
  .setDescription('Add a news article by its link (Manage Server or bot owners).')
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
  .addStringOption((o) =>
    o.setName('url').setDescription('The article, e.g. https://example.com/news/story.html').setRequired(true).setMaxLength(MAX_URL_LENGTH),
  );

export const REFUSAL = "Only members with the Manage Server permission, or the bot's owners, can add articles.";
export const NOT_A_LINK = 'Give the full link of an article, starting with http:// or https://.';
export const WITH_CREDENTIALS = 'Give the link without a user name or password: Sitrep would store, show and log them.';

function webLink(input: string | null): string | null {
  const s = input?.trim() ?? '';
  return URL.canParse(s) && /^https?:$/.test(new URL(s).protocol) ? s : null;
}

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const privately = (content: string) => interaction.reply({ content, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
  // The same people who may rebuild the index may grow the corpus.
  if (!mayReindex(interaction, ctx.config)) return void (await privately(REFUSAL));
  const url = webLink(interaction.options.getString('url'));
  if (!url) return void (await privately(NOT_A_LINK));
  // Refused before anything is logged: the log would keep the password.
  if (hasCredentials(url)) return void (await privately(WITH_CREDENTIALS));

  await interaction.deferReply();
  ctx.logger.info({ user: interaction.user.id, url }, '/add started');
  const result = await addLinkAndIndex(ctx, url);
  await interaction.editReply({ embeds: [addResultEmbed(result)], allowedMentions: NO_MENTIONS });
}
