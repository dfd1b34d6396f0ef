/**
 * The chart of a timeline: incidents per week (ISO weeks, Monday to Sunday), stacked by kind, as a
 * vega-lite spec. Pure: counting, stacking and the spec; turning it into a picture is
 * `render-chart.ts`'s work. The title says what the corpus holds, never how many incidents there were.
 */
import { formatDay, isoDay, parseIsoDay, weekStart } from '../time/days.js';
import type { TimelineFilter } from './timeline.js';
import { INCIDENT_KINDS, type Incident, type IncidentKind } from './types.js';

export const CHART_TITLE = "Incidents Sitrep's corpus reports, per week";

/** One kind's incidents in one week, with where its bar segment starts and ends in the stack. */
export interface WeekCount {
  /** Monday of the week, `YYYY-MM-DD`. */
  week: string;
  /** The Monday after (the bar's right edge). */
  weekEnd: string;
  kind: IncidentKind;
  count: number;
  /** The stack below this segment, and its top (`from + count`). */
  from: number;
  to: number;
}

export interface ChartOptions {
  /** Font family the text is set in (default `sans-serif`); the renderer passes the one it found. */
  font?: string;
  /** Plot size in pixels (default 640 × 260). */
  width?: number;
  height?: number;
}

/** Default plot size: wide enough for a year of weeks, small enough for a Discord embed. */
export const DEFAULT_CHART_SIZE = { width: 640, height: 260 } as const;

/** At most this many ticks on the time axis. */
const MAX_WEEK_TICKS = 12;

/** Narrower bars (in pixels) get no white edge. */
const MIN_EDGED_BAR_PX = 6;

/** Colours by kind, fixed so a kind looks the same on every chart. */
const KIND_COLORS: Record<IncidentKind, string> = {
  drone: '#4c78a8',
  rocket: '#f58518',
  missile: '#e45756',
  airstrike: '#72b7b2',
  shelling: '#54a24b',
  gunfire: '#eeca3b',
  explosive: '#b279a2',
  raid: '#ff9da6',
  other: '#9d755d',
};

/**
 * Incidents counted per week and kind, weeks in order, kinds in `INCIDENT_KINDS` order within a
 * week, each segment stacked on the ones before it. Incidents with no day have no week and are not
 * counted (see `undatedCount`).
 */
export function weeklyCounts(incidents: Incident[]): WeekCount[] {
  const byWeek = new Map<number, Map<IncidentKind, number>>();
  for (const inc of incidents) {
    const day = inc.day ? parseIsoDay(inc.day) : null;
    if (day === null) continue;
    const week = weekStart(day);
    const kinds = byWeek.get(week) ?? new Map<IncidentKind, number>();
    kinds.set(inc.kind, (kinds.get(inc.kind) ?? 0) + 1);
    byWeek.set(week, kinds);
  }
  const counts: WeekCount[] = [];
  for (const week of [...byWeek.keys()].sort((a, b) => a - b)) {
    const kinds = byWeek.get(week)!;
    let from = 0;
    for (const kind of INCIDENT_KINDS) {
      const count = kinds.get(kind);
      if (!count) continue;
      counts.push({ week: isoDay(week), weekEnd: isoDay(week + 7), kind, count, from, to: from + count });
      from += count;
    }
  }
  return counts;
}

export function undatedCount(incidents: Incident[]): number {
  return incidents.filter((inc) => !inc.day || parseIsoDay(inc.day) === null).length;
}

const plural = (n: number, word: string) => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;

function day(value: string): string {
  const d = parseIsoDay(value);
  return d === null ? value : formatDay(d);
}

/** "12 incidents · place Kirkuk · since 17 Oct 2023 · 2 with no day not shown". */
export function chartSubtitle(incidents: Incident[], filter: TimelineFilter): string {
  const undated = undatedCount(incidents);
  return [
    plural(incidents.length, 'incident'),
    filter.place ? `place ${filter.place}` : null,
    filter.actor ? `actor ${filter.actor}` : null,
    filter.since ? `since ${day(filter.since)}` : null,
    filter.until ? `until ${day(filter.until)}` : null,
    undated > 0 ? `${undated} with no day not shown` : null,
  ]
    .filter(Boolean)
    .join(' · ');
}

/**
 * The vega-lite spec of the chart: one bar per week and kind, from Monday to the next Monday,
 * stacked. Null when no incident has a day: there is nothing to draw, and an empty chart would read
 * as "nothing happened" rather than "the corpus holds nothing here".
 */
export function timelineChartSpec(incidents: Incident[], filter: TimelineFilter = {}, options: ChartOptions = {}): Record<string, unknown> | null {
  const values = weeklyCounts(incidents);
  if (values.length === 0) return null;
  const kinds = INCIDENT_KINDS.filter((k) => values.some((v) => v.kind === k));
  // Ticks on Mondays, the weeks' starts (vega's own week ticks fall on Sundays): every one over a
  // few months, every k-th over longer.
  const firstWeek = parseIsoDay(values[0]!.week)!;
  const weeks = (parseIsoDay(values[values.length - 1]!.week)! - firstWeek) / 7 + 1;
  const step = Math.ceil(weeks / MAX_WEEK_TICKS);
  const mondays = Array.from({ length: Math.ceil(weeks / step) }, (_, i) => (firstWeek + 7 * step * i) * 86_400_000);
  const width = options.width ?? DEFAULT_CHART_SIZE.width;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: CHART_TITLE, subtitle: chartSubtitle(incidents, filter), anchor: 'start' },
    width,
    height: options.height ?? DEFAULT_CHART_SIZE.height,
    background: 'white',
    padding: 12,
    data: { values },
    // A white edge parts the weeks' bars while they are wide; over years of weeks it would hide them.
    mark: { type: 'bar', ...(width / weeks >= MIN_EDGED_BAR_PX ? { stroke: 'white', strokeWidth: 1 } : {}) },
    encoding: {
      // UTC throughout: a day is a calendar day, which no time zone of the machine may shift.
      x: { field: 'week', type: 'temporal', timeUnit: 'utcyearmonthdate', title: 'Week (Monday to Sunday)', axis: { format: '%-d %b %Y', labelOverlap: true, labelAngle: 0, values: mondays } },
      x2: { field: 'weekEnd', timeUnit: 'utcyearmonthdate' },
      y: { field: 'from', type: 'quantitative', title: 'Incidents', axis: { tickMinStep: 1, format: 'd' } },
      y2: { field: 'to' },
      color: { field: 'kind', type: 'nominal', title: 'Kind', scale: { domain: kinds, range: kinds.map((k) => KIND_COLORS[k]) } },
    },
    config: { font: options.font ?? 'sans-serif', view: { stroke: null } },
  };
}
