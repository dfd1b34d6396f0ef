/** `/timeline [place] [actor] [since] [until]`: the incidents Sitrep's corpus reports, newest first, quoted and cited, a page at a time, with a chart per week. */
import { InteractionContextType, MessageFlags, SlashCommandBuilder, type ButtonInteraction, type ChatInputCommandInteraction } from 'discord.js';
import { TimelineError, type TimelineFilter } from '../../incidents/timeline.js';
import { tooOld } from '../answer-reply.js';
import type { BotContext } from '../command.js';
import { tellPrivately, UNKNOWN_BUTTON } from '../interactions.js';
import { retryMessage } from '../rate-limit.js';
import { NO_MENTIONS } from '../reply.js';
import { MAX_FILTER_WORDS, readTimelineFilter } from '../timeline-filter.js';
import { parseTimelineButton, timelineMessage, TIMELINE_BUTTON_PREFIX } from '../timeline-view.js';

export const data = new SlashCommandBuilder()
  .setName('timeline')
  .setDescription("Incidents Sitrep's corpus reports, newest first, each quoted and cited, with a chart per week.")
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
  .addStringOption((o) => o.setName('place').setDescription('Only incidents at this place or in this country, e.g. Kirkuk').setMaxLength(MAX_FILTER_WORDS))
  .addStringOption((o) => o.setName('actor').setDescription('Only incidents by or claimed by this actor, e.g. Houthi').setMaxLength(MAX_FILTER_WORDS))
  .addStringOption((o) => o.setName('since').setDescription('From this day on, e.g. 2023-10-17 or 17 Oct 2023').setMaxLength(40))
  .addStringOption((o) => o.setName('until').setDescription('Up to this day, e.g. 2023-12-06').setMaxLength(40));

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const read = readTimelineFilter(
    {
      place: interaction.options.getString('place'),
      actor: interaction.options.getString('actor'),
      since: interaction.options.getString('since'),
      until: interaction.options.getString('until'),
    },
    ctx.config.TIME_ZONE,
  );
  if (!read.ok) {
    await interaction.reply({ content: read.message, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
    return;
  }
  // A timeline reads the corpus's incidents as a question reads the index: the same per-user limit.
  const decision = ctx.limiter.take(interaction.user.id);
  if (!decision.allowed) {
    await interaction.reply({ content: retryMessage(decision.retryAfterMs), flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
    return;
  }
  await interaction.deferReply();
  await interaction.editReply({ ...(await timelineMessage(ctx, read.filter, 0, { kind: 'filter' })), allowedMentions: NO_MENTIONS });
}

export const buttonPrefix = TIMELINE_BUTTON_PREFIX;

/** Previous/Next: the same message shows the asked page (clamped, as the corpus may have changed). */
export async function onButton(interaction: ButtonInteraction, ctx: BotContext): Promise<void> {
  const parsed = parseTimelineButton(interaction.customId);
  if (!parsed) return tellPrivately(interaction, UNKNOWN_BUTTON);
  let filter: TimelineFilter;
  if (parsed.ref.kind === 'answer') {
    const record = await ctx.answers.load(parsed.ref.id);
    if (!record) return tellPrivately(interaction, tooOld(ctx.config.ANSWER_KEEP_DAYS));
    if (!record.answer.incidents) return tellPrivately(interaction, UNKNOWN_BUTTON);
    filter = record.answer.incidents.filter;
  } else filter = parsed.ref.filter;
  await interaction.deferUpdate();
  try {
    await interaction.editReply({ ...(await timelineMessage(ctx, filter, parsed.page, parsed.ref)), allowedMentions: NO_MENTIONS });
  } catch (err) {
    // A filter that does not read (a button forged by hand, an answer's filter gone bad): a dead button, not an error.
    if (err instanceof TimelineError) return tellPrivately(interaction, UNKNOWN_BUTTON);
    throw err;
  }
}
