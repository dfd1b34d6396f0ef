/** The incident scores as `npm run eval -- --incidents` prints them. */
import { SCORED_FIELDS, type IncidentScores, type PrecisionRecall } from './incident-scores.js';

const pct = (x: number | null) => (x === null ? '   –' : x.toFixed(2).padStart(4));

function row(name: string, s: PrecisionRecall): string {
  return `${name.padEnd(22)} ${pct(s.precision)}  ${pct(s.recall)}  ${pct(s.f1)}   ${String(s.correct).padStart(4)} / ${String(s.predicted).padStart(4)} found / ${String(s.labelled).padStart(4)} labelled`;
}

export function formatIncidentScores(s: IncidentScores): string {
  const lines = [`Incident extraction, ${s.articles} hand-labelled real-news articles`, '', `${''.padEnd(22)}    P     R    F1`];
  lines.push(row('reports (by sentence)', s.reports));
  for (const f of SCORED_FIELDS) lines.push(row(`  ${f}`, s.fields[f]));
  lines.push(row('incidents', s.incidents));
  lines.push(row('grouping (pairs)', s.grouping));
  lines.push('', 'By stratum:');
  for (const [k, v] of Object.entries(s.byStratum)) {
    lines.push(row(`  ${k} (${v.articles}) reports`, v.reports), row(`  ${k} incidents`, v.incidents));
  }
  lines.push('', `Of the reports found: day right (±1) ${pct(s.foundDateRight)}, place right ${pct(s.foundPlaceRight)} (where the label gives one).`);
  if (s.outOfRange.length) lines.push(`warning: ${s.outOfRange.length} labelled sentence(s) beyond their article's sentences (the splitter changed?): ${s.outOfRange.slice(0, 5).join(', ')}`);
  return lines.join('\n');
}
