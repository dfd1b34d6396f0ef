/** The /remove reply: what was taken out and whether the index without it is live, or why nothing was. */
import { EmbedBuilder } from 'discord.js';
import type { RemoveResult } from '../ingest-flow.js';
import { COLORS } from './answer-embed.js';
import { LIMITS, escapeText, fitPlain, packLines } from './limits.js';
import { sourceLine } from './sources.js';

export function removeResultEmbed({ outcome, indexed }: RemoveResult): EmbedBuilder {
  const embed = new EmbedBuilder();
  if (outcome.status === 'not-found') {
    return embed.setColor(COLORS.error).setTitle('Nothing removed').setDescription(fitPlain(`${capitalise(outcome.reason)}.`, LIMITS.description));
  }
  const lines = outcome.articles.map((a) => `${sourceLine({ title: a.title, source: a.source ?? null, published: a.published ?? null, url: a.url ?? null }, 400)} — ${escapeText(a.file)}`);
  const where =
    outcome.how === 'moved' ? `The file was moved to ${outcome.movedTo} in the corpus folder.` : 'The article stays in its file, on the list of removed articles.';
  // A whole JSONL file can hold thousands: the first that fit, and how many more.
  const chunks = packLines(lines, LIMITS.description - 600);
  const shown = chunks[0]?.split('\n').length ?? 0;
  const list = `${chunks[0] ?? ''}${shown < lines.length ? `\n…and ${lines.length - shown} more` : ''}`;
  if (indexed && !indexed.ok) {
    return embed
      .setColor(COLORS.error)
      .setTitle('Removed from the corpus, still in the index')
      .setDescription(`${list}\n\n${where} The index could not be rebuilt: ${fitPlain(indexed.reason, 400)}\nIt leaves the index with the next /reindex.`);
  }
  return embed
    .setColor(COLORS.answer)
    .setTitle(outcome.articles.length === 1 ? 'Removed: no longer searchable' : `Removed ${outcome.articles.length} articles: no longer searchable`)
    .setDescription(`${list}\n\n${where}`);
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
