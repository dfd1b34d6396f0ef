/** The embeds of /help, /about and /reindex, and short notices. */
import { EmbedBuilder, TimestampStyles, time } from 'discord.js';
import type { IndexInfo, IndexSummary } from '../../sitrep.js';
import { COLORS } from './answer-embed.js';
import { LIMITS, escapeText, fitPlain, packLines } from './limits.js';

export const EXAMPLE_QUESTIONS = [
  'How many attacks since Oct 17?',
  'Who claimed the drone attack on Ain al-Asad?',
  'How many militants were killed in the Kirkuk strike?',
];

export function helpEmbed(): EmbedBuilder {
  const examples = EXAMPLE_QUESTIONS.map((q) => `• \`/ask question:${q}\``).join('\n');
  return new EmbedBuilder()
    .setColor(COLORS.notice)
    .setTitle('Sitrep')
    .setDescription(
      'Sitrep answers questions about armed incidents with the exact sentence from a news article, ' +
        'the answer in bold, and its source. It never makes up text: no quote, no answer.',
    )
    .addFields(
      { name: '/ask question:<text> [private:true]', value: `Ask a question. \`private:true\` shows the answer to you alone.\n${examples}` },
      { name: 'Direct messages', value: 'Send me a question as a direct message and I reply with the answer. Send `help` for this text.' },
      { name: 'Buttons under an answer', value: '**Sources**: the passages it quoted. **Earlier figures**: the older values of a running figure, dated. **List them**: the incidents a count of incidents counted.' },
      { name: 'Apps > Ask Sitrep', value: 'On any message: I answer its text as a question, privately, with a button to post the answer in the channel.' },
      { name: 'Mentions', value: 'In a server, mention me with a question (`@Sitrep How many attacks since Oct 17?`) and I reply to it.' },
      { name: '/sources', value: 'The articles I answer from, newest first.' },
      { name: '/timeline [place] [actor] [since] [until]', value: "The incidents my corpus reports, newest first, each quoted and cited, a page at a time, with a chart of them per week. Dates as 2023-10-17 or 17 Oct 2023." },
      { name: '/latest [topic] [days]', value: 'The newest stories (default: the last 7 days), each once however many outlets reported it, with its lead sentence.' },
      { name: '/about', value: 'Corpus size, index age and the embedding model.' },
      { name: '/reindex', value: 'Re-read the corpus folder (members with Manage Server, or the bot owners).' },
      { name: '/add url:<link>', value: 'Add a news article by its link; it is searchable once I reply (members with Manage Server, or the bot owners).' },
      { name: '/remove url_or_file:<link or file>', value: 'Take an article out (a correction, a retraction): it no longer answers once I reply (members with Manage Server, or the bot owners).' },
    );
}

/** The reply to a mention with no question in it. */
export function shortHelpText(botName: string): string {
  const name = escapeText(botName);
  return `Ask me after the mention, for example: @${name} ${EXAMPLE_QUESTIONS[0]} — or use \`/ask\`. \`/help\` lists everything.`;
}

export function aboutEmbed(info: IndexInfo): EmbedBuilder {
  const built = new Date(info.createdAt);
  const when = Number.isNaN(built.getTime())
    ? escapeText(info.createdAt)
    : `${time(built, TimestampStyles.LongDateTime)} (${time(built, TimestampStyles.RelativeTime)})`;
  return new EmbedBuilder()
    .setColor(COLORS.notice)
    .setTitle('About this Sitrep')
    .addFields(
      { name: 'Articles', value: String(info.articles), inline: true },
      { name: 'Files', value: String(info.files), inline: true },
      { name: 'Passages', value: String(info.passages), inline: true },
      { name: 'Index built', value: when },
      { name: 'Embedder', value: fitPlain(info.embedder, LIMITS.fieldValue) || 'unknown' },
    );
}

/** Skipped inputs, one per line, as many as fit in one field. */
function skippedLines(skipped: IndexSummary['skipped']): string {
  const lines = skipped.map((s) => fitPlain(`${s.file}${s.line ? `:${s.line}` : ''}: ${s.reason}`, 300));
  const [first] = packLines(lines, LIMITS.fieldValue - 40);
  const shown = first ? first.split('\n').length : 0;
  return shown < lines.length ? `${first}\n… and ${lines.length - shown} more` : (first ?? '');
}

/** The /reindex result; `swapped` says whether the bot now answers from a new index. */
export function reindexEmbed(summary: IndexSummary, swapped: boolean): EmbedBuilder {
  const status = summary.unchanged
    ? 'No corpus file changed: the index is up to date.'
    : swapped
      ? 'The new index is live.'
      : 'The new index is built; the bot already uses it.';
  const embed = new EmbedBuilder()
    .setColor(COLORS.answer)
    .setTitle('Re-index finished')
    .setDescription(status)
    .addFields(
      { name: 'Files', value: String(summary.files), inline: true },
      { name: 'Articles', value: String(summary.articles), inline: true },
      { name: 'Passages', value: `${summary.passages} (${summary.reused} reused)`, inline: true },
      { name: 'Time', value: `${summary.seconds.toFixed(1)} s`, inline: true },
    );
  if (summary.skipped.length > 0) {
    embed.addFields({ name: `Skipped (${summary.skipped.length})`, value: skippedLines(summary.skipped) });
  }
  return embed;
}

export function noticeEmbed(text: string, kind: 'notice' | 'error' = 'notice'): EmbedBuilder {
  return new EmbedBuilder().setColor(COLORS[kind]).setDescription(text);
}
