/**
 * What each reliability check hands back: rows for the one report table, and a description of every
 * case that did not hold (empty when all held). Tests assert on the failures; the report prints the rows.
 */

export interface Row {
  /** The area of the check, e.g. "crash during re-index". */
  area: string;
  /** What was tried, e.g. "SIGKILL at a random moment of a build". */
  tried: string;
  count: number;
  held: number;
  /** Measured figures and how cases ended, free text. */
  figures: string;
}

export interface CheckResult {
  rows: Row[];
  failures: string[];
}

/** Collects rows and failures while a check runs. */
export class Tally {
  readonly rows: Row[] = [];
  readonly failures: string[] = [];

  constructor(private readonly area: string) {}

  row(tried: string, count: number, held: number, figures = ''): void {
    this.rows.push({ area: this.area, tried, count, held, figures });
  }

  fail(what: string): void {
    this.failures.push(`${this.area}: ${what}`);
  }

  result(): CheckResult {
    return { rows: this.rows, failures: this.failures };
  }
}

/** Counts of labels, most frequent first: "skipped: binary file 12, not valid UTF-8 3". */
export function countsText(labels: string[], max = 6): string {
  const counts = new Map<string, number>();
  for (const l of labels) counts.set(l, (counts.get(l) ?? 0) + 1);
  const sorted = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const shown = sorted.slice(0, max).map(([l, n]) => `${l} ${n}`);
  if (sorted.length > max) shown.push(`${sorted.length - max} other kinds ${sorted.slice(max).reduce((n, [, c]) => n + c, 0)}`);
  return shown.join(', ');
}

/** A value at quantile `q` (0..1) of `values` (nearest rank). */
export function quantile(values: number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export const ms = (n: number): string => (Number.isFinite(n) ? `${n < 10 ? n.toFixed(1) : Math.round(n)} ms` : 'n/a');

/** A Markdown table (readable as plain text too) of every row. */
export function formatTable(rows: Row[]): string {
  const header = ['area', 'tried', 'count', 'held', 'figures'];
  const cells = rows.map((r) => [r.area, r.tried, String(r.count), r.held === r.count ? String(r.held) : `${r.held} ✗`, r.figures]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => `| ${c.map((x, i) => (i === 2 || i === 3 ? x.padStart(widths[i]!) : x.padEnd(widths[i]!))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (i === 2 || i === 3 ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`;
  return [line(header), rule, ...cells.map(line)].join('\n');
}
