/**
 * The timeline message, as `/timeline` and the "List them" button under a counting answer send it:
 * the incidents Sitrep's corpus reports for a filter, a page at a time, with the chart attached.
 * The page buttons carry the filter itself (or, for a list opened from an answer, the answer's id),
 * so they keep working after a restart.
 */
import { AttachmentBuilder, type ActionRowBuilder, type ButtonBuilder, type EmbedBuilder } from 'discord.js';
import type { TimelineFilter } from '../incidents/timeline.js';
import { ChartError, renderTimelineChart } from '../incidents/render-chart.js';
import type { BotContext } from './command.js';
import { CHART_FILE, timelinePage } from './format/timeline-page.js';

/** Custom ids of the page buttons: `tl:<page>:f:<since>:<until>:<place>:<actor>` or `tl:<page>:a:<answer id>`. */
export const TIMELINE_BUTTON_PREFIX = 'tl:';
const MAX_CUSTOM_ID = 100;

/** Where a timeline's filter comes from: the message's own buttons, or a stored answer. */
export type TimelineRef = { kind: 'filter' } | { kind: 'answer'; id: string };

const compactDay = (d: string | undefined) => (d ? d.replace(/-/g, '') : '');
const isoFromCompact = (d: string) => (/^\d{8}$/.test(d) ? `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}` : undefined);

/** The id of the button showing page `page`; null when the filter does not fit in one (too long, or a `:` in it). */
export function timelineButtonId(filter: TimelineFilter, ref: TimelineRef, page: number): string | null {
  if (ref.kind === 'answer') return `${TIMELINE_BUTTON_PREFIX}${page}:a:${ref.id}`;
  const parts = [filter.since, filter.until, filter.place, filter.actor];
  if (parts.some((p) => p !== undefined && p.includes(':'))) return null;
  const id = `${TIMELINE_BUTTON_PREFIX}${page}:f:${compactDay(filter.since)}:${compactDay(filter.until)}:${filter.place ?? ''}:${filter.actor ?? ''}`;
  return id.length <= MAX_CUSTOM_ID ? id : null;
}

export type ParsedTimelineButton = { page: number; ref: { kind: 'filter'; filter: TimelineFilter } | { kind: 'answer'; id: string } };

/** The page and the filter (or answer) of a page button's custom id, or null when it is not one. */
export function parseTimelineButton(customId: string): ParsedTimelineButton | null {
  const answer = /^tl:(\d{1,6}):a:([a-z0-9]{1,40})$/.exec(customId);
  if (answer) return { page: Number(answer[1]), ref: { kind: 'answer', id: answer[2]! } };
  const m = /^tl:(\d{1,6}):f:(\d{8})?:(\d{8})?:([^:]*):([^:]*)$/.exec(customId);
  if (!m) return null;
  const filter: TimelineFilter = {};
  if (m[2]) filter.since = isoFromCompact(m[2]);
  if (m[3]) filter.until = isoFromCompact(m[3]);
  if (m[4]) filter.place = m[4];
  if (m[5]) filter.actor = m[5];
  return { page: Number(m[1]), ref: { kind: 'filter', filter } };
}

export interface TimelineMessage {
  embeds: EmbedBuilder[];
  components: ActionRowBuilder<ButtonBuilder>[];
  /** The chart, or none (which also removes an earlier one when the message is edited). */
  files: AttachmentBuilder[];
}

type ChartOutcome = { png: Buffer } | { png: null; note: string | null };

/** Charts drawn, by index generation and filter: paging redraws nothing. */
const charts = new Map<string, Promise<ChartOutcome>>();
const MAX_CHARTS = 32;

function chartFor(ctx: BotContext, filter: TimelineFilter, incidents: Parameters<typeof renderTimelineChart>[0]): Promise<ChartOutcome> {
  const key = JSON.stringify([ctx.sitrep.info().location, filter.place, filter.actor, filter.since, filter.until]);
  const cached = charts.get(key);
  if (cached) return cached;
  const drawn: Promise<ChartOutcome> = renderTimelineChart(incidents, filter, { fontFile: ctx.config.CHART_FONT_FILE })
    .then((png): ChartOutcome => ({ png }))
    .catch((err: unknown): ChartOutcome => {
      if (err instanceof ChartError && err.code === 'CHART_NO_INCIDENTS') return { png: null, note: incidents.length > 0 ? err.message : null };
      // The operator's problem, not the reader's: logged in full, and the list still goes out.
      ctx.logger.warn({ err }, 'could not draw the timeline chart; sending the list without it');
      return { png: null, note: err instanceof ChartError && err.code === 'CHART_NO_FONT' ? 'No chart: the bot has no font to draw it with.' : 'No chart: it could not be drawn.' };
    });
  if (charts.size >= MAX_CHARTS) charts.delete(charts.keys().next().value!);
  charts.set(key, drawn);
  return drawn;
}

/** Page `page` of the timeline for `filter`. A bad filter throws a `TimelineError`. */
export async function timelineMessage(ctx: BotContext, filter: TimelineFilter, page: number, ref: TimelineRef): Promise<TimelineMessage> {
  const { incidents, quote } = await ctx.sitrep.timeline(filter);
  const chart = await chartFor(ctx, filter, incidents);
  const view = timelinePage({
    incidents,
    quote,
    filter,
    page,
    buttonId: (p) => timelineButtonId(filter, ref, p),
    chart: chart.png ? { attached: true } : { attached: false, note: chart.note },
  });
  return { embeds: view.embeds, components: view.components, files: chart.png ? [new AttachmentBuilder(chart.png, { name: CHART_FILE })] : [] };
}
