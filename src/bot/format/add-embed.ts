/** The /add reply: the article now searchable (title, source, date), already there, or why not. */
import { EmbedBuilder } from 'discord.js';
import type { LinkResult } from '../ingest-flow.js';
import { COLORS } from './answer-embed.js';
import { LIMITS, fitPlain } from './limits.js';
import { sourceLine } from './sources.js';

const line = (o: { title: string; source?: string; published?: string; url?: string }) =>
  sourceLine({ title: o.title, source: o.source ?? null, published: o.published ?? null, url: o.url ?? null }, LIMITS.description - 200);

export function addResultEmbed({ outcome, indexed }: LinkResult): EmbedBuilder {
  const embed = new EmbedBuilder();
  switch (outcome.status) {
    case 'added':
      if (indexed && !indexed.ok) {
        return embed
          .setColor(COLORS.error)
          .setTitle('Saved, not searchable yet')
          .setDescription(`${line(outcome)}\n\nThe article is in the corpus, but the index could not be rebuilt: ${fitPlain(indexed.reason, 1500)}\nIt becomes searchable with the next /reindex.`);
      }
      return embed
        .setColor(COLORS.answer)
        .setTitle('Added, and searchable now')
        .setDescription(`${line(outcome)}${outcome.published ? '' : '\n\nThe page gave no publication date.'}`)
        .setFooter({ text: fitPlain(`Saved as ${outcome.file}`, LIMITS.footer) });
    case 'duplicate':
      return embed
        .setColor(COLORS.notice)
        .setTitle('Already in the corpus')
        .setDescription(
          `${line(outcome)}\n\n${outcome.by === 'url' ? 'This link was added before.' : 'The same article was added from another link; this one is now remembered with it.'}`,
        );
    case 'skipped':
      return embed.setColor(COLORS.error).setTitle('Not added').setDescription(fitPlain(`${capitalise(outcome.reason)}.`, LIMITS.description));
  }
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
