/** Plain-text rendering of an answer, for the terminal (the bot renders its own embeds). */
import type { Answer, Quote, SourceRef } from './types.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `2023-12-06` → `6 Dec 2023`; anything else is returned as it is. */
export function formatDate(iso: string | null): string | null {
  if (!iso) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${m[1]}` : iso;
}

/** The quote with its answer span wrapped in `open`/`close` (Markdown bold by default). */
export function markSpan(quote: Quote, open = '**', close = '**', escape: (s: string) => string = (s) => s): string {
  const { text, span } = quote;
  if (!span) return escape(text);
  return escape(text.slice(0, span.start)) + open + escape(text.slice(span.start, span.end)) + close + escape(text.slice(span.end));
}

export function formatSource(s: SourceRef): string {
  const parts = [s.title, [s.source, formatDate(s.published)].filter(Boolean).join(', ')].filter(Boolean);
  return `[${s.n}] ${parts.join(' — ')}${s.url ? ` <${s.url}>` : ''} (${s.file})`;
}

export function formatAnswerText(a: Answer): string {
  const lines: string[] = [];
  if (a.abstained || !a.answer) {
    lines.push("I couldn't find that in the corpus.");
    if (a.sources.length > 0) lines.push('', 'Closest sources:', ...a.sources.map(formatSource));
  } else {
    lines.push(`${markSpan(a.answer)} [${a.answer.citation}]`);
    for (const s of a.supporting) lines.push('', `  ${markSpan(s)} [${s.citation}]`);
    if (a.earlier.length > 0) {
      lines.push('', 'Earlier figures:');
      for (const e of a.earlier) lines.push(`  ${formatDate(e.published) ?? 'undated'}: ${markSpan(e)} [${e.citation}]`);
    }
    lines.push('', ...a.sources.map(formatSource));
  }
  const asOf = a.asOf ? `as of ${formatDate(a.asOf)} · ` : '';
  lines.push('', `${asOf}confidence ${a.confidence.toFixed(2)} · ${a.ms} ms`);
  return lines.join('\n');
}
