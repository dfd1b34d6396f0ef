/**
 * An `Answer` as a Discord embed: the quote with its answer span in bold and its citation, the
 * supporting sentences and earlier figures as room allows, the numbered sources, and a footer.
 * Everything from an article or a user is Markdown-escaped; everything fits Discord's limits.
 */
import { EmbedBuilder } from 'discord.js';
import { datesLine, formatDate, markSpan } from '../../answer/format.js';
import type { Answer, EarlierFigure, Quote, SourceRef } from '../../answer/types.js';
import { ELLIPSIS, LIMITS, escapeText, fitPlain, fitText, packLines } from './limits.js';
import { sourceLine } from './sources.js';

export const ABSTAIN_TEXT = "I couldn't find that in the corpus.";
export const COLORS = { answer: 0x2f9e44, abstain: 0x868e96, notice: 0x1c7ed6, error: 0xe03131 } as const;

/** Room kept for the description when sources are many, so the answer itself always shows. */
const MIN_DESCRIPTION = 1000;
/** A supporting sentence is left out rather than shown in fewer characters than this. */
const MIN_EXTRA = 80;

/**
 * The span that lies inside `text` (a prefix of the quote), without surrounding spaces: bold
 * markers next to a space would not render. Null when nothing of it is left.
 */
function spanWithin(text: string, span: Quote['span']): Quote['span'] {
  if (!span) return null;
  let start = Math.max(0, span.start);
  let end = Math.min(span.end, text.length);
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return start < end ? { start, end, text: text.slice(start, end) } : null;
}

/** One quote, escaped, span in bold, citation after it, cut at a sentence or word to fit `max`. */
export function renderQuote(quote: Quote, max: number, prefix = '> '): string | null {
  const suffix = ` [${quote.citation}]`;
  return fitText(quote.text, max, (text, cut) => {
    const body = markSpan({ ...quote, text, span: spanWithin(text, quote.span), dates: quote.dates.filter((d) => d.end <= text.length) }, '**', '**', escapeText);
    // A line break inside an article's sentence would end the block quote.
    return prefix + body.replace(/\s*\n\s*/g, ' ') + (cut ? ELLIPSIS : '') + suffix;
  });
}

function renderEarlier(e: EarlierFigure, max: number): string | null {
  return renderQuote(e, max, `• ${formatDate(e.published) ?? 'undated'}: `);
}

/** How fresh the corpus was when a question was answered. */
export interface CorpusFreshness {
  articles: number;
  /** ISO time the index answering was built. */
  updatedAt: string;
  /** ISO time of the answer (default: now). */
  at?: string;
}

/** "just now", "12 min ago", "3 h ago", "5 days ago": the time from `from` to `to`. */
export function ago(from: string, to: string): string | null {
  const ms = Date.parse(to) - Date.parse(from);
  if (Number.isNaN(ms)) return null;
  const min = Math.floor(Math.max(0, ms) / 60_000);
  if (min < 1) return 'just now';
  if (min < 60) return `${min} min ago`;
  const hours = Math.floor(min / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.floor(hours / 24)} days ago`;
}

/** "corpus updated 12 min ago, 6,293 articles": what "latest" can mean. */
export function freshnessText(c: CorpusFreshness): string {
  const when = ago(c.updatedAt, c.at ?? new Date().toISOString());
  const count = `${c.articles.toLocaleString('en-US')} article${c.articles === 1 ? '' : 's'}`;
  return when ? `corpus updated ${when}, ${count}` : count;
}

export function footerText(a: Answer, corpus?: CorpusFreshness): string {
  const base = `${datesLine(a)} · confidence ${a.confidence.toFixed(2)} · ${Math.round(a.ms)} ms`;
  return corpus ? `${base} · ${freshnessText(corpus)}` : base;
}

/** Source lines packed into fields, dropping the last ones (with a note) past `budget` characters. */
export function sourceFields(sources: SourceRef[], name: string, budget: number): { name: string; value: string }[] {
  const lines = sources.map((s) => {
    const label = `**[${s.n}]** `;
    return label + sourceLine(s, LIMITS.fieldValue - label.length);
  });
  for (let kept = lines.length; kept >= 0; kept--) {
    const shown = lines.slice(0, kept);
    if (kept < lines.length) shown.push(`${ELLIPSIS} and ${lines.length - kept} more`);
    const fields = packLines(shown, LIMITS.fieldValue)
      .slice(0, LIMITS.fields)
      .map((value, i) => ({ name: i === 0 ? name : `${name} (continued)`, value }));
    if (fields.reduce((n, f) => n + f.name.length + f.value.length, 0) <= budget) return fields;
  }
  return [];
}

/** A description filled block by block; a block that would leave too little room is left out. */
class Description {
  text = '';
  constructor(private readonly budget: number) {}

  /** Adds what `render(room)` returns after `separator`; false when it did not fit. */
  add(separator: string, render: (room: number) => string | null): boolean {
    const sep = this.text ? separator : '';
    const room = this.budget - this.text.length - sep.length;
    if (room < MIN_EXTRA && this.text) return false;
    const block = render(room);
    if (!block || block.length > room) return false;
    this.text += sep + block;
    return true;
  }
}

function addEarlierFigures(d: Description, earlier: EarlierFigure[]): void {
  const heading = '**Earlier figures**';
  const [first, ...rest] = earlier;
  if (!first) return;
  const shown = d.add('\n\n', (room) => {
    const line = renderEarlier(first, room - heading.length - 1);
    return line ? `${heading}\n${line}` : null;
  });
  if (shown) for (const e of rest) d.add('\n', (room) => renderEarlier(e, room));
}

/** The embed for an answer or an abstention; with `corpus`, the footer says how fresh the corpus was. */
export function answerEmbed(a: Answer, corpus?: CorpusFreshness): EmbedBuilder {
  const title = fitPlain(a.question, LIMITS.title) || 'Question';
  const footer = footerText(a, corpus);
  const fixed = title.length + footer.length;
  const answered = !a.abstained && a.answer !== null;
  const fields = sourceFields(a.sources, answered ? 'Sources' : 'Closest sources', LIMITS.embedTotal - fixed - MIN_DESCRIPTION);
  const budget = Math.min(
    LIMITS.description,
    LIMITS.embedTotal - fixed - fields.reduce((n, f) => n + f.name.length + f.value.length, 0),
  );

  const d = new Description(budget);
  // What the corpus's incident records count, beside the figure the articles give ("List them" shows them).
  const counted = (d: Description) => {
    if (a.incidents) d.add('\n\n', (room) => fitPlain(a.incidents!.line, room) || null);
  };
  if (!answered) {
    d.add('', () => ABSTAIN_TEXT);
    counted(d);
  } else {
    if (!d.add('', (room) => renderQuote(a.answer!, room))) d.add('', () => ELLIPSIS);
    counted(d);
    for (const s of a.supporting) d.add('\n\n', (room) => renderQuote(s, room));
    addEarlierFigures(d, a.earlier);
  }

  return new EmbedBuilder()
    .setColor(answered ? COLORS.answer : COLORS.abstain)
    .setTitle(title)
    .setDescription(d.text)
    .addFields(fields)
    .setFooter({ text: footer });
}
