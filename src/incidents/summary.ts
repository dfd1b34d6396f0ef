/**
 * One incident from its reports: its head (id, kind, day, places), worked out from the little of each
 * report a count keeps as much as from whole reports, and its figures. Split from the grouping so
 * that a reader of stored incidents can give an incident's head without its reports (the serving
 * catalogue, `src/store/incident-catalogue.ts`).
 */
import type { DateBasis, Incident, IncidentKind, IncidentReport, ReportedFigure } from './types.js';

/** What an incident's head is worked out from: a whole report, or the part of one a count keeps. */
export interface HeadReport {
  articleId: string;
  sentence: number;
  event?: 1 | 2;
  kind: { value: IncidentKind };
  eventDay: { day: string; basis: DateBasis } | null;
  place: { value: string } | null;
  otherPlaces: ReadonlyArray<{ value: string }>;
}

export type IncidentHead = Pick<Incident, 'id' | 'kind' | 'day' | 'places'>;

/** The head of the incident of `reports` (in the order given): the kind and day most of them give, the places most cited first. */
export function incidentHead(reports: readonly HeadReport[]): IncidentHead {
  const named = reports.map((r) => r.kind.value).filter((k) => k !== 'other');
  const dated = reports.filter((r) => r.eventDay && r.eventDay.basis !== 'published').map((r) => r.eventDay!.day);
  const anyDay = reports.filter((r) => r.eventDay).map((r) => r.eventDay!.day);
  const placeCounts = new Map<string, number>();
  // The main place counts twice; the others a report names count only beside a main one.
  for (const r of reports) if (r.place) for (const p of [r.place, ...r.otherPlaces]) placeCounts.set(p.value, (placeCounts.get(p.value) ?? 0) + (p === r.place ? 2 : 1));
  const first = reports[0]!;
  return {
    // The second incident a sentence tells of has an id of its own.
    id: `${first.articleId}:${first.sentence}${first.event === 2 ? '.2' : ''}`,
    kind: mode(named) ?? 'other',
    day: mode(dated) ?? mode(anyDay) ?? null,
    places: [...placeCounts.entries()].sort((a, b) => b[1] - a[1]).map(([p]) => p),
  };
}

/** The figures of an incident's reports: every distinct one, most cited first. */
export function incidentFigures(reports: readonly IncidentReport[]): Pick<Incident, 'killed' | 'injured'> {
  return {
    killed: mostCited(reports.flatMap((r, i): Array<[number, number]> => (r.killed ? [[r.killed.value, i]] : []))),
    injured: mostCited(reports.flatMap((r, i): Array<[number, number]> => (r.injured ? [[r.injured.value, i]] : []))),
  };
}

/** One incident from its reports (in the order given). */
export function summarise(reports: IncidentReport[]): Incident {
  return { ...incidentHead(reports), reports, ...incidentFigures(reports) };
}

function mostCited(values: Array<[number, number]>): ReportedFigure[] {
  const by = new Map<number, number[]>();
  for (const [value, report] of values) {
    const list = by.get(value);
    if (list) list.push(report);
    else by.set(value, [report]);
  }
  return [...by.entries()].map(([value, reports]) => ({ value, reports })).sort((a, b) => b.reports.length - a.reports.length || b.value - a.value);
}

function mode<T>(items: T[]): T | undefined {
  const counts = new Map<T, number>();
  for (const x of items) counts.set(x, (counts.get(x) ?? 0) + 1);
  let best: T | undefined;
  let n = 0;
  for (const [x, c] of counts) if (c > n) [best, n] = [x, c];
  return best;
}
