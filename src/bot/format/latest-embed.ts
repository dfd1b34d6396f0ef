/** `/latest`: the newest stories, each with its lead sentence, its first report and how many outlets carried it. */
import { EmbedBuilder } from 'discord.js';
import { alsoReportedBy, type Story } from '../stories.js';
import { COLORS } from './answer-embed.js';
import { quoteLine } from './alert-embed.js';
import { LIMITS, fitPlain } from './limits.js';
import { sourceLine } from './sources.js';

export function latestEmbed(stories: Story[], options: { topic: string | null; days: number }): EmbedBuilder {
  const about = options.topic ? ` about ${fitPlain(options.topic, 100)}` : '';
  const title = fitPlain(`Latest stories${options.topic ? ` about ${options.topic}` : ''}, last ${options.days} day${options.days === 1 ? '' : 's'}`, LIMITS.title);
  const share = Math.floor((LIMITS.description - 100) / Math.max(1, stories.length));
  const blocks = stories.map((s, i) => {
    const others = alsoReportedBy(s).length;
    const head = `**${i + 1}.** ${sourceLine(s.reports[0]!, Math.min(400, share - 120))}${others > 0 ? ` (+${others} outlet${others === 1 ? '' : 's'})` : ''}`;
    // The [1] of an alert's quote means nothing in a list: the source is the line above.
    const quote = quoteLine(s.sentence, Math.max(60, share - head.length - 2)).replace(/ \[1\]$/, '');
    return `${head}\n${quote}`;
  });
  return new EmbedBuilder()
    .setColor(COLORS.notice)
    .setTitle(title)
    .setDescription(blocks.join('\n\n') || `No stories${about} in the last ${options.days} day${options.days === 1 ? '' : 's'}.`);
}
