/** Plain-text rendering of an answer, for the terminal (the bot renders its own embeds). */
import type { Answer, Quote, SourceRef } from './types.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `2023-12-06` → `6 Dec 2023`; anything else is returned as it is. */
export function formatDate(iso: string | null): string | null {
  if (!iso) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${m[1]}` : iso;
}

/**
 * The quote with its answer span wrapped in `open`/`close` (Markdown bold by default), and each
 * relative date followed by the day it resolves to: "on Sunday (3 Dec 2023)". Only the quote's own
 * text goes through `escape`; the resolved days are Sitrep's words.
 */
export function markSpan(quote: Quote, open = '**', close = '**', escape: (s: string) => string = (s) => s): string {
  const { text, span } = quote;
  const marks: { at: number; order: number; insert: string }[] = [];
  if (span) marks.push({ at: span.start, order: 1, insert: open }, { at: span.end, order: 0, insert: close });
  for (const d of quote.dates ?? []) {
    if (d.relative && d.end <= text.length) marks.push({ at: d.end, order: 2, insert: ` (${formatDate(d.date)})` });
  }
  marks.sort((a, b) => a.at - b.at || a.order - b.order);
  let out = '';
  let from = 0;
  for (const m of marks) {
    out += escape(text.slice(from, m.at)) + m.insert;
    from = m.at;
  }
  return out + escape(text.slice(from));
}

/** "as of 6 Dec 2023 · newest source 6 Dec 2023": the day asked about, and how fresh the evidence is. */
export function datesLine(a: Answer): string {
  const newest = a.newestSource ? ` · newest source ${formatDate(a.newestSource)}` : '';
  return `as of ${formatDate(a.asOf)}${newest}`;
}

export function formatSource(s: SourceRef): string {
  const parts = [s.title, [s.source, formatDate(s.published) ?? 'undated'].filter(Boolean).join(', ')].filter(Boolean);
  return `[${s.n}] ${parts.join(' — ')}${s.url ? ` <${s.url}>` : ''} (${s.file})`;
}

export function formatAnswerText(a: Answer): string {
  const lines: string[] = [];
  if (a.abstained || !a.answer) {
    lines.push("I couldn't find that in the corpus.");
    if (a.sources.length > 0) lines.push('', 'Closest sources:', ...a.sources.map(formatSource));
  } else {
    lines.push(`${markSpan(a.answer)} [${a.answer.citation}]`);
    // Beside the article's own figure: what the corpus's incident records hold (`npm run timeline` lists them).
    if (a.incidents) lines.push('', a.incidents.line);
    for (const s of a.supporting) lines.push('', `  ${markSpan(s)} [${s.citation}]`);
    if (a.earlier.length > 0) {
      lines.push('', 'Earlier figures:');
      for (const e of a.earlier) lines.push(`  ${formatDate(e.published) ?? 'undated'}: ${markSpan(e)} [${e.citation}]`);
    }
    lines.push('', ...a.sources.map(formatSource));
  }
  lines.push('', `${datesLine(a)} · confidence ${a.confidence.toFixed(2)} · ${a.ms} ms`);
  return lines.join('\n');
}
