/**
 * Grouping stored reports into incidents at build: every report afresh, or only the part of the
 * previous grouping that added and removed articles can touch.
 */
import type { Article } from '../corpus/types.js';
import { parseIsoDay } from '../time/days.js';
import { DEFAULT_GROUP_OPTIONS, groupReports, summarise, type Incident, type IncidentReport } from '../incidents/index.js';
import { withArticle, type ReportRef, type StoredReport } from './stored-report.js';

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
 * grouped. Every report is grouped afresh with no previous grouping, when the previous groups do not
 * cover the kept reports, or when more than `MAX_REGROUP_SHARE` of the reports would be grouped.
 * `read`: the reports this build read, whole, by article (as for `groupIncidents`).
 */
export function regroupIncidents(
  articles: Article[],
  byArticle: Record<string, StoredReport[]>,
  previous: { articleIds: ReadonlySet<string>; groups: ReportRef[][] } | null,
  read?: ReadonlyMap<string, IncidentReport[]>,
): { groups: ReportRef[][]; regrouped: number } {
  const total = articles.reduce((n, a) => n + (byArticle[a.id]?.length ?? 0), 0);
  const afresh = () => ({ groups: groupIncidents(articles, byArticle, read), regrouped: total });
  if (!previous) return afresh();
  const position = new Map(articles.map((a, i) => [a.id, i]));
  const tolerance = DEFAULT_GROUP_OPTIONS.dayTolerance;
  const addedDays = new Set<number>();
  const added: ReportRef[] = [];
  for (const a of articles) {
    if (previous.articleIds.has(a.id)) continue;
    (byArticle[a.id] ?? []).forEach((r, i) => {
      added.push([a.id, i]);
      const day = r.eventDay && parseIsoDay(r.eventDay.day);
      if (day !== null && day !== undefined) addedDays.add(day);
    });
  }
  // Per day as written: a corpus's reports share a few thousand days at most, so each is parsed once.
  const nearDay = new Map<string, boolean>();
  const nearAdded = (r: StoredReport) => {
    if (!r.eventDay) return false;
    let near = nearDay.get(r.eventDay.day);
    if (near === undefined) {
      const day = parseIsoDay(r.eventDay.day);
      near = false;
      if (day !== null) for (let d = day - tolerance; d <= day + tolerance && !near; d++) near = addedDays.has(d);
      nearDay.set(r.eventDay.day, near);
    }
    return near;
  };
  const kept: ReportRef[][] = [];
  const again: ReportRef[] = [...added];
  let covered = 0;
  for (const group of previous.groups) {
    let touched = false;
    const live: ReportRef[] = [];
    for (const ref of group) {
      if (!position.has(ref[0])) {
        touched = true;
        continue;
      }
      const stored = byArticle[ref[0]]?.[ref[1]];
      // A previous group naming a report the kept articles do not hold: the grouping cannot be trusted.
      if (!stored) return afresh();
      if (!touched && addedDays.size > 0 && nearAdded(stored)) touched = true;
      live.push(ref);
    }
    covered += live.length;
    if (touched) again.push(...live);
    else if (live.length > 0) kept.push(live);
  }
  if (covered + added.length !== total || again.length > MAX_REGROUP_SHARE * total) return afresh();

  const byPosition = (x: ReportRef, y: ReportRef) => position.get(x[0])! - position.get(y[0])! || x[1] - y[1];
  const incidentsOfRefs = (refs: ReportRef[]) => {
    const refOf = new Map<IncidentReport, ReportRef>();
    const reports = refs.map((ref) => {
      const r = read?.get(ref[0])?.[ref[1]] ?? withArticle(byArticle[ref[0]]![ref[1]]!, articles[position.get(ref[0])!]!);
      refOf.set(r, ref);
      return r;
    });
    return { reports, refOf };
  };
  const { reports, refOf } = incidentsOfRefs(again.sort(byPosition));
  const fresh = groupReports(reports).map((incident) => ({ incident, refs: incident.reports.map((r) => refOf.get(r)!) }));

  // A kept incident's reports are in article order as `groupReports` gives them; the articles' order
  // may have moved (a file renamed), so they are put in it again, and summarised for their place in
  // the order of incidents only when compared.
  const keptSorted = kept.map((refs) => (refs.every((ref, i) => i === 0 || byPosition(refs[i - 1]!, ref) < 0) ? { refs, inOrder: true } : { refs: [...refs].sort(byPosition), inOrder: false }));
  const summaries = new Map<number, Incident>();
  const summaryOf = (k: number) => {
    let s = summaries.get(k);
    if (!s) summaries.set(k, (s = summarise(incidentsOfRefs(keptSorted[k]!.refs).reports)));
    return s;
  };
  let keptOrder = keptSorted.map((_, k) => k);
  if (!keptSorted.every((k) => k.inOrder)) keptOrder = keptOrder.sort((x, y) => newestFirst(summaryOf(x), summaryOf(y)));
  // Each fresh incident goes in at its place among the kept ones (a binary search, so that few are summarised).
  fresh.sort((x, y) => newestFirst(x.incident, y.incident));
  const merged: ReportRef[][] = [];
  let at = 0;
  for (const { incident, refs } of fresh) {
    let lo = at;
    let hi = keptOrder.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (newestFirst(summaryOf(keptOrder[mid]!), incident) < 0) lo = mid + 1;
      else hi = mid;
    }
    for (; at < lo; at++) merged.push(keptSorted[keptOrder[at]!]!.refs);
    merged.push(refs);
  }
  for (; at < keptOrder.length; at++) merged.push(keptSorted[keptOrder[at]!]!.refs);
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
