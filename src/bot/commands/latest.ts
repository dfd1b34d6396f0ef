/** `/latest [topic] [days]`: the newest stories, each once, with their lead sentences. */
import { InteractionContextType, MessageFlags, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import type { BotContext } from '../command.js';
import { latestEmbed } from '../format/latest-embed.js';
import { latestStories } from '../latest.js';
import { retryMessage } from '../rate-limit.js';
import { NO_MENTIONS } from '../reply.js';

export const DEFAULT_DAYS = 7;
export const MAX_DAYS = 3650;

export const data = new SlashCommandBuilder()
  .setName('latest')
  .setDescription('The newest stories, each once, with their lead sentences.')
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
  .addStringOption((o) => o.setName('topic').setDescription('Only stories about this, e.g. drone attacks Iraq').setMaxLength(100))
  .addIntegerOption((o) => o.setName('days').setDescription(`How many days back (default ${DEFAULT_DAYS})`).setMinValue(1).setMaxValue(MAX_DAYS));

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const topic = interaction.options.getString('topic')?.trim() || null;
  const days = interaction.options.getInteger('days') ?? DEFAULT_DAYS;
  // A listing searches the index as a question does, so it counts against the same per-user limit.
  const decision = ctx.limiter.take(interaction.user.id);
  if (!decision.allowed) {
    await interaction.reply({ content: retryMessage(decision.retryAfterMs), flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
    return;
  }
  await interaction.deferReply();
  const stories = await latestStories(ctx, { topic, days });
  await interaction.editReply({ embeds: [latestEmbed(stories, { topic, days })], allowedMentions: NO_MENTIONS });
}
