/**
 * A timeline as Discord shows it: a page of incidents, newest first, each with its day, kind, places
 * and figures, its quoted sentences and their numbered citations, the sources listed under them,
 * the chart as the embed's image, and Previous/Next. Everything from an article or a user is
 * escaped (no pings, no live links but Sitrep's own source links); every page fits Discord's limits.
 */
import { ActionRowBuilder, ButtonBuilder, ButtonStyle, EmbedBuilder } from 'discord.js';
import type { SourceRef } from '../../answer/types.js';
import type { TimelineFilter } from '../../incidents/timeline.js';
import type { Incident, IncidentReport, ReportedFigure } from '../../incidents/types.js';
import { formatDay, parseIsoDay } from '../../time/days.js';
import { COLORS, sourceFields } from './answer-embed.js';
import { ELLIPSIS, LIMITS, escapeText, fitPlain, fitText } from './limits.js';

export const TIMELINE_PAGE_SIZE = 5;
/** Quotes shown per incident; the others are counted ("and 3 more reports"). */
export const QUOTES_PER_INCIDENT = 2;
export const CHART_FILE = 'timeline.png';
export const TIMELINE_TITLE = "Incidents Sitrep's corpus reports";

/** Room kept for the description; the rest of the embed's 6,000 characters holds the sources. */
const DESCRIPTION_BUDGET = 3400;
const SOURCES_BUDGET = 2200;
const MAX_QUOTE = 320;

export interface TimelinePageInput {
  /** The incidents asked for, newest first (as `Sitrep.timeline` returns them). */
  incidents: Incident[];
  quote(report: IncidentReport): string;
  filter: TimelineFilter;
  /** 0-based; clamped to the pages there are. */
  page: number;
  /** The custom id of the button that shows page `p`, or null when the page cannot be linked. */
  buttonId(p: number): string | null;
  /** Whether the chart is attached (as `CHART_FILE`), or why it is not. */
  chart: { attached: true } | { attached: false; note: string | null };
}

export interface TimelinePage {
  embeds: EmbedBuilder[];
  components: ActionRowBuilder<ButtonBuilder>[];
  /** The page shown, after clamping. */
  page: number;
}

export function timelinePageCount(total: number): number {
  return Math.max(1, Math.ceil(total / TIMELINE_PAGE_SIZE));
}

function day(value: string): string {
  const d = parseIsoDay(value);
  return d === null ? value : formatDay(d);
}

/** "place Kirkuk · since 17 Oct 2023", from the user's words, escaped. */
export function filterText(filter: TimelineFilter): string {
  return [
    filter.place ? `place ${fitPlain(filter.place, 60)}` : null,
    filter.actor ? `actor ${fitPlain(filter.actor, 60)}` : null,
    filter.since ? `since ${day(filter.since)}` : null,
    filter.until ? `until ${day(filter.until)}` : null,
  ]
    .filter(Boolean)
    .join(' · ');
}

/** Disagreeing figures shown at most: the most cited ones. */
const MAX_FIGURES = 3;

function figures(label: string, fs: ReportedFigure[]): string | null {
  if (fs.length === 0) return null;
  if (fs.length === 1) return `${label} ${fs[0]!.value}`;
  // Reports disagree: the figures (most cited first), each with how many reports give it.
  const shown = fs.slice(0, MAX_FIGURES).map((f) => `${f.value} (${f.reports.length})`);
  return `${label} ${shown.join(' vs ')}${fs.length > MAX_FIGURES ? ` vs ${ELLIPSIS}` : ''}`;
}

/** Numbers the page's sources: one per article, in order of first citation. */
class Citations {
  readonly sources: SourceRef[] = [];
  private readonly byArticle = new Map<string, number>();

  of(r: IncidentReport): number {
    const known = this.byArticle.get(r.articleId);
    if (known !== undefined) return known;
    const n = this.sources.length + 1;
    this.byArticle.set(r.articleId, n);
    this.sources.push({
      n,
      title: r.title,
      source: r.source ?? null,
      published: r.published ?? null,
      url: r.url ?? null,
      file: r.line === undefined ? r.file : `${r.file}:${r.line}`,
    });
    return n;
  }
}

function quoteLine(text: string, citation: number, max: number): string | null {
  const suffix = ` [${citation}]`;
  return fitText(text, max, (prefix, cut) => `> “${escapeText(prefix).replace(/\s*\n\s*/g, ' ')}${cut ? ELLIPSIS : ''}”${suffix}`);
}

/** One incident's block: its head line, then its first quotes, each cited, in at most `max` characters. */
function incidentBlock(inc: Incident, n: number, quote: (r: IncidentReport) => string, citations: Citations, max: number): string {
  const head = [
    `**${n}. ${inc.day ? day(inc.day) : 'day unknown'}**`,
    inc.kind,
    inc.places.length > 0 ? fitPlain(inc.places.slice(0, 3).join(' / '), 120) : 'place not named',
    figures('killed', inc.killed),
    figures('injured', inc.injured),
  ]
    .filter(Boolean)
    .join(' · ');
  const lines = [head];
  const shown = inc.reports.slice(0, QUOTES_PER_INCIDENT);
  const room = Math.max(80, Math.min(MAX_QUOTE, Math.floor((max - head.length - 40) / Math.max(1, shown.length))));
  for (const r of shown) {
    const text = quote(r);
    const line = text ? quoteLine(text, citations.of(r), room) : `> (sentence not kept) [${citations.of(r)}]`;
    if (line) lines.push(line);
  }
  const more = inc.reports.length - shown.length;
  if (more > 0) lines.push(`${ELLIPSIS} and ${more} more report${more === 1 ? '' : 's'}`);
  return lines.join('\n');
}

/** Page `page` of a timeline: the embed (with the chart as its image when attached) and the page buttons. */
export function timelinePage(input: TimelinePageInput): TimelinePage {
  const { incidents, filter } = input;
  const pages = timelinePageCount(incidents.length);
  const p = Math.min(Math.max(0, Math.trunc(input.page) || 0), pages - 1);
  const first = p * TIMELINE_PAGE_SIZE;
  const shown = incidents.slice(first, first + TIMELINE_PAGE_SIZE);
  const asked = filterText(filter);
  const count = `${incidents.length.toLocaleString('en-US')} incident${incidents.length === 1 ? '' : 's'}`;
  const intro =
    incidents.length === 0
      ? `Sitrep's corpus reports no incident${asked ? ` matching ${asked}` : ''}.`
      : `Sitrep's corpus reports ${count}${asked ? ` matching ${asked}` : ''}, newest first. What the corpus holds, not a true count.`;

  const citations = new Citations();
  const perIncident = Math.floor((DESCRIPTION_BUDGET - intro.length) / Math.max(1, shown.length)) - 2;
  const blocks = shown.map((inc, i) => incidentBlock(inc, first + i + 1, input.quote, citations, perIncident));
  const chartNote = input.chart.attached ? null : input.chart.note;
  const description = [intro, ...blocks, ...(chartNote ? [`*${escapeText(chartNote)}*`] : [])].join('\n\n').slice(0, LIMITS.description);
  // On the first and last page the disabled button carries the id of a page next to it: ids must differ.
  const prevId = pages > 1 ? input.buttonId(Math.max(p - 1, 0)) : null;
  const nextId = pages > 1 ? input.buttonId(Math.min(p + 1, pages - 1)) : null;
  const linked = prevId !== null && nextId !== null && prevId !== nextId;
  const footer = `Page ${p + 1} of ${pages} · ${count}${pages > 1 && !linked ? ' · narrow the search to page through them' : ''}`;

  const embed = new EmbedBuilder()
    .setColor(COLORS.notice)
    .setTitle(TIMELINE_TITLE)
    .setDescription(description)
    .addFields(sourceFields(citations.sources, 'Sources', Math.min(SOURCES_BUDGET, LIMITS.embedTotal - TIMELINE_TITLE.length - description.length - footer.length)))
    .setFooter({ text: footer });
  if (input.chart.attached) embed.setImage(`attachment://${CHART_FILE}`);

  if (!linked) return { embeds: [embed], components: [], page: p };
  const button = (id: string, label: string, disabled: boolean) =>
    new ButtonBuilder().setCustomId(id).setLabel(label).setStyle(ButtonStyle.Secondary).setDisabled(disabled);
  const row = new ActionRowBuilder<ButtonBuilder>().addComponents(button(prevId!, 'Previous', p === 0), button(nextId!, 'Next', p === pages - 1));
  return { embeds: [embed], components: [row], page: p };
}
