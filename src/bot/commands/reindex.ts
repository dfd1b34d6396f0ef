/** `/reindex`: re-reads the corpus folder in a child process, then swaps to the new index. */
import {
  InteractionContextType,
  MessageFlags,
  PermissionFlagsBits,
  SlashCommandBuilder,
  type ChatInputCommandInteraction,
} from 'discord.js';
import type { Config } from '../../config.js';
import type { BotContext } from '../command.js';
import { noticeEmbed, reindexEmbed } from '../format/info-embeds.js';
import { fitPlain } from '../format/limits.js';
import { failureInWords } from '../errors.js';
import { NO_MENTIONS } from '../reply.js';

export const data = new SlashCommandBuilder()
  .setName('reindex')
  .setDescription('Re-read the corpus folder and rebuild the index (Manage Server or bot owners).')
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM);

export const REFUSAL = "Only members with the Manage Server permission, or the bot's owners, can re-index.";
/** Progress edits at most this often: each one is a request to Discord. */
const PROGRESS_EVERY_MS = 3000;

/** Members with Manage Server (in a server) and the ids in OWNER_IDS (anywhere). */
export function mayReindex(interaction: Pick<ChatInputCommandInteraction, 'memberPermissions' | 'user'>, config: Pick<Config, 'OWNER_IDS'>): boolean {
  return (
    config.OWNER_IDS.includes(interaction.user.id) ||
    (interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false)
  );
}

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  if (!mayReindex(interaction, ctx.config)) {
    await interaction.reply({ content: REFUSAL, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
    return;
  }
  if (ctx.index.rebuilding) {
    await interaction.reply({
      content: 'A re-index is already running. Its result will be posted where it was started.',
      flags: MessageFlags.Ephemeral,
      allowedMentions: NO_MENTIONS,
    });
    return;
  }
  await interaction.deferReply();
  ctx.logger.info({ user: interaction.user.id }, 're-index started');

  // Edits go out one after another, so a late progress edit can never overwrite the result.
  let edits: Promise<unknown> = Promise.resolve();
  let lastEdit = Date.now();
  const edit = (embed: ReturnType<typeof noticeEmbed>) => {
    edits = edits.then(() => interaction.editReply({ embeds: [embed], allowedMentions: NO_MENTIONS })).catch(() => undefined);
    return edits;
  };
  const onProgress = (done: number, total: number) => {
    if (Date.now() - lastEdit < PROGRESS_EVERY_MS || total === 0) return;
    lastEdit = Date.now();
    void edit(noticeEmbed(`Re-indexing… ${Math.round((100 * done) / total)}%`));
  };

  try {
    const { summary, swapped } = await ctx.index.rebuild(onProgress);
    ctx.logger.info({ summary: { ...summary, skipped: summary.skipped.length }, swapped }, 're-index finished');
    await edits;
    await interaction.editReply({ embeds: [reindexEmbed(summary, swapped)], allowedMentions: NO_MENTIONS });
  } catch (err) {
    ctx.logger.error({ err }, 're-index failed');
    await edits;
    // The message can hold paths and the child's stderr: the log has it, the channel gets words.
    const reason = fitPlain(failureInWords(err), 1500);
    await interaction.editReply({
      embeds: [noticeEmbed(`Re-index failed: ${reason}\nSitrep keeps answering from the current index.`, 'error')],
      allowedMentions: NO_MENTIONS,
    });
  }
}
