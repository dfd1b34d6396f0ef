/**
 * Grouping stored reports into incidents at build: every report afresh, or only the part of the
 * previous grouping that added and removed articles can touch.
 */
import type { Article } from '../corpus/types.js';
import { parseIsoDay } from '../time/days.js';
import { DEFAULT_GROUP_OPTIONS, groupReports, summarise, type Incident, type IncidentReport } from '../incidents/index.js';
import { eventDaysOf, reportsOf } from './incident-lines.js';
import { withArticle, type ArticleReports, type IncidentGroup, type ReportRef, type StoredReport } from './stored-report.js';

/** Share of the reports that may be grouped again before every report is grouped afresh instead. */
export const MAX_REGROUP_SHARE = 0.5;

/** `groupReports`'s order of incidents: newest first, then by id. */
const newestFirst = (a: Incident, b: Incident) => (b.day ?? '').localeCompare(a.day ?? '') || a.id.localeCompare(b.id);

/**
 * The grouping of every report, as `groupIncidents` gives it, worked out from the previous
 * generation's when it can be. `groupReports` joins reports by links between two reports (days within
 * the tolerance, kinds and places that agree; within one article, a report with no place to the
 * closest earlier one it agrees with), and an incident is a closure of links. So a previous incident
 * stays one unless it held a report of a removed (or changed) article, or a report whose day is within
 * the tolerance of an added report's day (across articles no link spans more; a report with no day
 * links nothing). Those incidents' kept reports are grouped again with the added reports, and the
 * other incidents are kept as they were: the same grouping as afresh, for the cost of the reports
 * grouped. Which incidents those are is told by each incident's stored days and its refs, so that a
 * kept article's reports are parsed (`reportsOf`) only when an incident of theirs is grouped again
 * or compared with one that was. Every report is grouped afresh with no previous grouping, when the
 * previous groups do not cover the kept reports, or when more than `MAX_REGROUP_SHARE` of the
 * reports would be grouped. `read`: the reports this build read, whole, by article (as for
 * `groupIncidents`).
 */
export function regroupIncidents(
  articles: Article[],
  reports: ReadonlyMap<string, ArticleReports>,
  previous: { articleIds: ReadonlySet<string>; groups: IncidentGroup[] } | null,
  read?: ReadonlyMap<string, IncidentReport[]>,
): { groups: IncidentGroup[]; regrouped: number } {
  const count = (id: string) => reports.get(id)?.count ?? 0;
  const stored = (ref: ReportRef) => reportsOf(reports, ref[0])[ref[1]]!;
  const total = articles.reduce((n, a) => n + count(a.id), 0);
  const withDays = (refs: ReportRef[]): IncidentGroup => ({ refs, days: eventDaysOf(refs, (id) => reportsOf(reports, id)) });
  const afresh = () => {
    const byArticle = Object.fromEntries(articles.map((a) => [a.id, reportsOf(reports, a.id)]));
    return { groups: groupIncidents(articles, byArticle, read).map(withDays), regrouped: total };
  };
  if (!previous) return afresh();
  const position = new Map(articles.map((a, i) => [a.id, i]));
  const tolerance = DEFAULT_GROUP_OPTIONS.dayTolerance;
  const addedDays = new Set<number>();
  const added: ReportRef[] = [];
  for (const a of articles) {
    if (previous.articleIds.has(a.id)) continue;
    reportsOf(reports, a.id).forEach((r, i) => {
      added.push([a.id, i]);
      const day = r.eventDay && parseIsoDay(r.eventDay.day);
      if (day !== null && day !== undefined) addedDays.add(day);
    });
  }
  // Per day as written: a corpus's reports share a few thousand days at most, so each is parsed once.
  const nearDay = new Map<string, boolean>();
  const nearAdded = (written: string) => {
    let near = nearDay.get(written);
    if (near === undefined) {
      const day = parseIsoDay(written);
      near = false;
      if (day !== null) for (let d = day - tolerance; d <= day + tolerance && !near; d++) near = addedDays.has(d);
      nearDay.set(written, near);
    }
    return near;
  };
  // Kept incidents, and whether their reports are still in article order (the articles' order may have moved: a file renamed).
  const kept: Array<{ group: IncidentGroup; inOrder: boolean }> = [];
  const again: ReportRef[] = [...added];
  let covered = 0;
  for (const group of previous.groups) {
    // A report of a removed article: its incident is grouped again (a removed report's day then no longer matters).
    let touched = false;
    let inOrder = true;
    let lastAt = -1;
    let lastReport = -1;
    const live: ReportRef[] = [];
    for (const ref of group.refs) {
      const at = position.get(ref[0]);
      if (at === undefined) {
        touched = true;
        continue;
      }
      // A previous group naming a report the kept articles do not hold: the grouping cannot be trusted.
      if (ref[1] >= count(ref[0])) return afresh();
      // In order: by the article's position, then the report's (as `byPosition`).
      if (at < lastAt || (at === lastAt && ref[1] <= lastReport)) inOrder = false;
      lastAt = at;
      lastReport = ref[1];
      live.push(ref);
    }
    if (!touched && addedDays.size > 0) touched = group.days.some(nearAdded);
    covered += live.length;
    if (touched) again.push(...live);
    else if (live.length > 0) kept.push({ group, inOrder });
  }
  if (covered + added.length !== total || again.length > MAX_REGROUP_SHARE * total) return afresh();

  const byPosition = (x: ReportRef, y: ReportRef) => position.get(x[0])! - position.get(y[0])! || x[1] - y[1];
  const incidentsOfRefs = (refs: ReportRef[]) => {
    const refOf = new Map<IncidentReport, ReportRef>();
    const whole = refs.map((ref) => {
      const r = read?.get(ref[0])?.[ref[1]] ?? withArticle(stored(ref), articles[position.get(ref[0])!]!);
      refOf.set(r, ref);
      return r;
    });
    return { reports: whole, refOf };
  };
  const { reports: regrouping, refOf } = incidentsOfRefs(again.sort(byPosition));
  const fresh = groupReports(regrouping).map((incident) => ({ incident, group: withDays(incident.reports.map((r) => refOf.get(r)!)) }));

  // A kept incident's reports are in article order as `groupReports` gives them; the articles' order
  // may have moved (a file renamed), so they are put in it again (and the incident's line written
  // anew), and summarised for their place in the order of incidents only when compared.
  const keptSorted = kept.map((k) => (k.inOrder ? k : { group: { refs: [...k.group.refs].sort(byPosition), days: k.group.days }, inOrder: false }));
  const summaries = new Map<number, Incident>();
  const summaryOf = (k: number) => {
    let s = summaries.get(k);
    if (!s) summaries.set(k, (s = summarise(incidentsOfRefs(keptSorted[k]!.group.refs).reports)));
    return s;
  };
  let keptOrder = keptSorted.map((_, k) => k);
  if (!keptSorted.every((k) => k.inOrder)) keptOrder = keptOrder.sort((x, y) => newestFirst(summaryOf(x), summaryOf(y)));
  // Each fresh incident goes in at its place among the kept ones (a binary search, so that few are summarised).
  fresh.sort((x, y) => newestFirst(x.incident, y.incident));
  const merged: IncidentGroup[] = [];
  let at = 0;
  for (const { incident, group } of fresh) {
    let lo = at;
    let hi = keptOrder.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (newestFirst(summaryOf(keptOrder[mid]!), incident) < 0) lo = mid + 1;
      else hi = mid;
    }
    for (; at < lo; at++) merged.push(keptSorted[keptOrder[at]!]!.group);
    merged.push(group);
  }
  for (; at < keptOrder.length; at++) merged.push(keptSorted[keptOrder[at]!]!.group);
  return { groups: merged, regrouped: again.length };
}

/**
 * `groupReports` over every report (in article order, then sentence order), as refs. `read`: reports
 * just read, whole, by article (in `byArticle`'s order), taken as they are instead of being put
 * together again from the stored ones.
 */
export function groupIncidents(articles: Article[], byArticle: Record<string, StoredReport[]>, read?: ReadonlyMap<string, IncidentReport[]>): ReportRef[][] {
  const refOf = new Map<IncidentReport, ReportRef>();
  const reports: IncidentReport[] = [];
  for (const a of articles) {
    const whole = read?.get(a.id);
    (byArticle[a.id] ?? []).forEach((stored, i) => {
      const r = whole?.[i] ?? withArticle(stored, a);
      refOf.set(r, [a.id, i]);
      reports.push(r);
    });
  }
  return groupReports(reports).map((incident) => incident.reports.map((r) => refOf.get(r)!));
}
