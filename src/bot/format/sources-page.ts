/** `/sources`: the indexed articles, newest first, a page at a time with Previous/Next buttons. */
import { ActionRowBuilder, ButtonBuilder, ButtonStyle, EmbedBuilder } from 'discord.js';
import type { ArticleInfo } from '../../sitrep.js';
import { COLORS } from './answer-embed.js';
import { LIMITS, packLines } from './limits.js';
import { sourceLine } from './sources.js';

export const SOURCES_PAGE_SIZE = 10;
/** Ten lines of this size stay under the description limit. */
const LINE_MAX = 400;
/** Custom ids of the page buttons: `sources:<page>`. */
export const SOURCES_BUTTON_PREFIX = 'sources:';

export interface SourcesPage {
  embeds: EmbedBuilder[];
  components: ActionRowBuilder<ButtonBuilder>[];
}

/** Newest first; undated articles last; then by title. */
export function sortArticles(articles: ArticleInfo[]): ArticleInfo[] {
  return [...articles].sort(
    (a, b) => (b.published ?? '').localeCompare(a.published ?? '') || a.title.localeCompare(b.title),
  );
}

export function pageCount(total: number): number {
  return Math.max(1, Math.ceil(total / SOURCES_PAGE_SIZE));
}

/** Page `page` (0-based, clamped to the pages there are) of the sorted articles. */
export function sourcesPage(articles: ArticleInfo[], page: number): SourcesPage {
  const sorted = sortArticles(articles);
  const pages = pageCount(sorted.length);
  const p = Math.min(Math.max(0, Math.trunc(page) || 0), pages - 1);
  const first = p * SOURCES_PAGE_SIZE;
  const lines = sorted
    .slice(first, first + SOURCES_PAGE_SIZE)
    .map((a, i) => `${first + i + 1}. ${sourceLine(a, LINE_MAX)}`);
  const description = lines.length > 0 ? packLines(lines, LIMITS.description)[0]! : 'The index holds no articles yet.';
  const embed = new EmbedBuilder()
    .setColor(COLORS.notice)
    .setTitle('Indexed articles')
    .setDescription(description)
    .setFooter({ text: `Page ${p + 1} of ${pages} · ${sorted.length} article${sorted.length === 1 ? '' : 's'}` });
  if (pages === 1) return { embeds: [embed], components: [] };
  const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
    new ButtonBuilder()
      .setCustomId(`${SOURCES_BUTTON_PREFIX}${p - 1}`)
      .setLabel('Previous')
      .setStyle(ButtonStyle.Secondary)
      .setDisabled(p === 0),
    new ButtonBuilder()
      .setCustomId(`${SOURCES_BUTTON_PREFIX}${p + 1}`)
      .setLabel('Next')
      .setStyle(ButtonStyle.Secondary)
      .setDisabled(p === pages - 1),
  );
  return { embeds: [embed], components: [row] };
}

/** The page a button's custom id asks for, or null when the id is not a sources button. */
export function pageFromCustomId(customId: string): number | null {
  if (!customId.startsWith(SOURCES_BUTTON_PREFIX)) return null;
  const n = Number(customId.slice(SOURCES_BUTTON_PREFIX.length));
  return Number.isInteger(n) ? n : null;
}
