/** Outcomes as lines for a terminal: one per item, then the counts. */
import type { FeedReport, Outcome } from './types.js';

function describe(o: Outcome): string {
  switch (o.status) {
    case 'added': {
      const about = [o.source, o.published ?? 'no date'].filter(Boolean).join(', ');
      return `added      ${o.title} (${about}) → ${o.file}  [${o.input}]`;
    }
    case 'duplicate':
      return `duplicate  ${o.input}: already in the corpus as ${o.file} ("${o.title}"; ${o.by === 'url' ? 'same URL' : 'same text, URL remembered'})`;
    case 'skipped':
      return `skipped    ${o.input}: ${o.reason}${o.transient ? ' (will be retried)' : ''}`;
  }
}

export function countOutcomes(outcomes: Outcome[]): Record<Outcome['status'], number> {
  const counts = { added: 0, duplicate: 0, skipped: 0 };
  for (const o of outcomes) counts[o.status]++;
  return counts;
}

export function formatOutcomes(outcomes: Outcome[]): string[] {
  const c = countOutcomes(outcomes);
  return [...outcomes.map(describe), `${c.added} added, ${c.duplicate} already in the corpus, ${c.skipped} skipped.`];
}

export function formatFeedReports(reports: FeedReport[]): string[] {
  const lines: string[] = [];
  for (const r of reports) {
    const name = r.title ? `${r.title} <${r.feed}>` : r.feed;
    if (r.status === 'failed') lines.push(`feed ${name}: could not be read: ${r.reason}`);
    else if (r.status === 'not-modified') lines.push(`feed ${name}: unchanged since the last read`);
    else lines.push(`feed ${name}: ${r.items} items, ${r.fresh} new${r.dropped ? ` (${r.dropped} older items left out, past FEED_MAX_ITEMS)` : ''}`);
    lines.push(...r.outcomes.map((o) => `  ${describe(o)}`));
  }
  const all = reports.flatMap((r) => r.outcomes);
  const c = countOutcomes(all);
  const failed = reports.filter((r) => r.status === 'failed').length;
  lines.push(`${reports.length} feeds read${failed ? ` (${failed} failed)` : ''}: ${c.added} added, ${c.duplicate} already in the corpus, ${c.skipped} skipped.`);
  return lines;
}
