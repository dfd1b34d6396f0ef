/** A story as an alert (and a line of /latest): its lead sentence quoted, the citation, and who else reported it. */
import { EmbedBuilder } from 'discord.js';
import { alsoReportedBy, type Story } from '../stories.js';
import { COLORS } from './answer-embed.js';
import { ELLIPSIS, LIMITS, escapeText, fitPlain, fitText } from './limits.js';
import { sourceLine } from './sources.js';

/** At most this many other outlets are named; the rest are counted. */
const MAX_OUTLETS = 12;

export function quoteLine(sentence: string, max: number): string {
  return fitText(sentence.replace(/\s*\n\s*/g, ' '), max, (p, cut) => `> ${escapeText(p)}${cut ? ELLIPSIS : ''} [1]`) ?? `> ${ELLIPSIS} [1]`;
}

export function outletsLine(story: Story): string | null {
  const others = alsoReportedBy(story);
  if (others.length === 0) return null;
  const named = others.slice(0, MAX_OUTLETS).map((o) => fitPlain(o, 80));
  const more = others.length > MAX_OUTLETS ? ` and ${others.length - MAX_OUTLETS} more` : '';
  return `Also reported by ${named.join(', ')}${more}.`;
}

export function alertEmbed(story: Story): EmbedBuilder {
  const first = story.reports[0]!;
  const also = outletsLine(story);
  const description = [quoteLine(story.sentence, 2000), `**[1]** ${sourceLine(first, 600)}`, also].filter(Boolean).join('\n\n');
  return new EmbedBuilder()
    .setColor(COLORS.notice)
    .setTitle(fitPlain(first.title, LIMITS.title) || 'New story')
    .setDescription(description)
    .setFooter({ text: `${story.reports.length} report${story.reports.length === 1 ? '' : 's'} · Sitrep alert` });
}
