/**
 * What the buttons under an answer show, privately: the passages it quoted (Sources) and the dated
 * series of figures (Earlier figures), both from the stored record, as answered.
 */
import { EmbedBuilder } from 'discord.js';
import { formatDate } from '../../answer/format.js';
import type { Answer } from '../../answer/types.js';
import type { QuotedPassage } from '../answer-store.js';
import { COLORS, renderQuote, sourceFields } from './answer-embed.js';
import { ELLIPSIS, LIMITS, fitText, escapeText } from './limits.js';
import { sourceLine } from './sources.js';

/** A passage is cut rather than shown in fewer characters than this; past it, the rest are left out with a note. */
const MIN_PASSAGE = 200;

function passageQuote(text: string, max: number): string | null {
  return fitText(text.replace(/\s*\n\s*/g, ' '), max, (p, cut) => `> ${escapeText(p)}${cut ? ELLIPSIS : ''}`);
}

/** Sources: each cited source's line, then the passage(s) quoted from it. */
export function sourcesEmbed(answer: Answer, passages: QuotedPassage[]): EmbedBuilder {
  const cited = answer.sources.filter((s) => passages.some((p) => p.n === s.n));
  const blocks: string[] = [];
  let used = 0;
  let left = 0;
  const budget = LIMITS.description - 60;
  for (const [i, s] of cited.entries()) {
    const head = `**[${s.n}]** ${sourceLine(s, 400)}`;
    const texts = passages.filter((p) => p.n === s.n).map((p) => p.text);
    // An even share of what is left for each source still to come.
    const share = Math.floor((budget - used) / (cited.length - i)) - head.length - 2;
    if (share < MIN_PASSAGE) {
      left = cited.length - i;
      break;
    }
    const each = Math.floor(share / texts.length) - 1;
    const quoted = texts.map((t) => passageQuote(t, each)).filter((q): q is string => q !== null);
    const block = [head, ...quoted].join('\n');
    blocks.push(block);
    used += block.length + 2;
  }
  const note = left > 0 ? `\n\n… and ${left} more source${left === 1 ? '' : 's'}.` : '';
  return new EmbedBuilder()
    .setColor(COLORS.notice)
    .setTitle('Sources')
    .setDescription((blocks.join('\n\n') || 'This answer quoted no passage.') + note)
    .setFooter({ text: `The passages as quoted when answered · as of ${formatDate(answer.asOf)}` });
}

/** Earlier figures: the answer's figure and the older ones of its series, newest first, each dated. */
export function earlierFiguresEmbed(answer: Answer): EmbedBuilder {
  const lines: string[] = [];
  let room = LIMITS.description - 100;
  const add = (line: string | null) => {
    if (line && line.length + 1 <= room) {
      lines.push(line);
      room -= line.length + 1;
    }
  };
  if (answer.answer) add(renderQuote(answer.answer, Math.min(room, 1000), `• **${formatDate(answer.answerPublished) ?? 'undated'}** (the answer): `));
  for (const e of answer.earlier) add(renderQuote(e, Math.min(room, 800), `• **${formatDate(e.published) ?? 'undated'}**: `));
  const cited = new Set([answer.answer?.citation, ...answer.earlier.map((e) => e.citation)]);
  const fields = sourceFields(answer.sources.filter((s) => cited.has(s.n)), 'Sources', LIMITS.embedTotal - LIMITS.description - 300);
  return new EmbedBuilder()
    .setColor(COLORS.notice)
    .setTitle(fitText(`Earlier figures: ${answer.question}`, LIMITS.title, (p, cut) => escapeText(p) + (cut ? ELLIPSIS : '')) ?? 'Earlier figures')
    .setDescription(lines.join('\n') || 'This answer has no earlier figures.')
    .addFields(fields);
}
