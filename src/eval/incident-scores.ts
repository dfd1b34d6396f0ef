/**
 * Scores incident extraction against hand labels (`test/fixtures/eval/incidents.jsonl`; the rules are
 * in `test/fixtures/eval/INCIDENTS.md`): reports matched by sentence, then each field, incidents and
 * grouping. Pure: the caller reads the files and runs the extractor. The labels' schema is in
 * `incident-labels.ts`, the printed table in `incident-report.ts`.
 */
import type { Gazetteer, Incident, IncidentReport } from '../incidents/index.js';
import { samePlaceName } from '../incidents/index.js';
import type { LabelledArticle, LabelledIncident } from './incident-labels.js';
import { parseIsoDay } from '../time/days.js';

/** One labelled article with what the extractor found in it. */
export interface ArticlePrediction {
  label: LabelledArticle;
  /** Number of sentences in the article, to check that label indices still point at sentences. */
  sentenceCount: number;
  reports: IncidentReport[];
  incidents: Incident[];
}

export interface PrecisionRecall {
  /** Right values ÷ values given; null when none were given. */
  precision: number | null;
  recall: number | null;
  f1: number | null;
  correct: number;
  predicted: number;
  labelled: number;
}

export const SCORED_FIELDS = ['eventDate', 'place', 'actor', 'target', 'kind', 'killed', 'injured'] as const;
export type ScoredField = (typeof SCORED_FIELDS)[number];

export interface IncidentScores {
  articles: number;
  byStratum: Record<string, { articles: number; reports: PrecisionRecall; incidents: PrecisionRecall }>;
  reports: PrecisionRecall;
  fields: Record<ScoredField, PrecisionRecall>;
  /** Of the reports found: the share whose day (±1) and place are right, where the label gives one. */
  foundDateRight: number | null;
  foundPlaceRight: number | null;
  incidents: PrecisionRecall;
  grouping: PrecisionRecall;
  /** Label indices beyond the article's sentences: the splitter has changed since labelling. */
  outOfRange: string[];
}

export function precisionRecall(correct: number, predicted: number, labelled: number, correctOfLabelled = correct): PrecisionRecall {
  const precision = predicted ? correct / predicted : null;
  const recall = labelled ? correctOfLabelled / labelled : null;
  const f1 = precision !== null && recall !== null && precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : null;
  return { precision, recall, f1, correct, predicted, labelled };
}

/** Lower case, no punctuation, no leading article or trailing possessive. */
function phrase(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/['’]s\b/g, '')
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .replace(/^\s*(?:the|a|an)\s+/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function phrasesAgree(a: string, b: string): boolean {
  const x = phrase(a);
  const y = phrase(b);
  return x !== '' && y !== '' && (x.includes(y) || y.includes(x));
}

function placeAgrees(predicted: IncidentReport['place'], label: LabelledIncident, gazetteer?: Gazetteer): boolean {
  if (!predicted) return false;
  const names = [label.place, ...(label.otherPlaces ?? [])].filter((x): x is string => x !== null);
  return names.some((name) => {
    if (samePlaceName(predicted.value, name)) return true;
    const town = gazetteer?.town(name);
    return town !== undefined && predicted.gazetteer !== undefined && town.name === predicted.gazetteer.name && town.country === predicted.gazetteer.country;
  });
}

function daysApart(a: string, b: string): number {
  return Math.abs(parseIsoDay(a)! - parseIsoDay(b)!);
}

/** Whether field `f` of a prediction agrees with its label (both given). */
function fieldAgrees(f: ScoredField, p: IncidentReport, l: LabelledIncident, gazetteer?: Gazetteer): boolean {
  switch (f) {
    case 'eventDate':
      return p.eventDay !== null && l.eventDate !== null && daysApart(p.eventDay.day, l.eventDate) <= 1;
    case 'place':
      return placeAgrees(p.place, l, gazetteer);
    case 'actor':
      return p.actor !== null && l.actor !== null && phrasesAgree(p.actor.value, l.actor);
    case 'target':
      return p.target !== null && l.target !== null && phrasesAgree(p.target.value, l.target);
    case 'kind':
      return p.kind.value === l.kind;
    case 'killed':
      return p.killed !== null && p.killed.value === l.killed;
    case 'injured':
      return p.injured !== null && p.injured.value === l.injured;
  }
}

function predictedHas(f: ScoredField, p: IncidentReport): boolean {
  switch (f) {
    case 'eventDate':
      return p.eventDay !== null;
    case 'place':
      return p.place !== null;
    case 'kind':
      return true;
    default:
      return p[f] !== null;
  }
}

function labelHas(f: ScoredField, l: LabelledIncident): boolean {
  return f === 'kind' ? true : l[f] !== null;
}

interface Pair {
  p: IncidentReport;
  l: LabelledIncident;
  /** Index of the label in its article. */
  li: number;
}

/** One to one, by sentence; where a sentence holds several labels, the one agreeing on most fields. */
function matchReports(labels: LabelledIncident[], reports: IncidentReport[], gazetteer?: Gazetteer): Pair[] {
  const pairs: Pair[] = [];
  const used = new Set<number>();
  for (const p of reports) {
    let best = -1;
    let bestScore = -1;
    labels.forEach((l, li) => {
      if (used.has(li) || l.sentence !== p.sentence) return;
      const score = SCORED_FIELDS.filter((f) => fieldAgrees(f, p, l, gazetteer)).length;
      if (score > bestScore) [best, bestScore] = [li, score];
    });
    if (best >= 0) {
      used.add(best);
      pairs.push({ p, l: labels[best]!, li: best });
    }
  }
  return pairs;
}

/** Labelled incidents of an article: each group letter, and each ungrouped report on its own. */
function labelledGroups(labels: LabelledIncident[]): number[][] {
  const byGroup = new Map<string, number[]>();
  const out: number[][] = [];
  labels.forEach((l, i) => {
    if (!l.group) out.push([i]);
    else {
      const list = byGroup.get(l.group);
      if (list) list.push(i);
      else {
        const fresh = [i];
        byGroup.set(l.group, fresh);
        out.push(fresh);
      }
    }
  });
  return out;
}

interface Tally {
  reports: [number, number, number];
  incidents: [number, number, number, number];
}

export function scoreIncidents(predictions: ArticlePrediction[], gazetteer?: Gazetteer): IncidentScores {
  const field = Object.fromEntries(SCORED_FIELDS.map((f) => [f, { correct: 0, predicted: 0, labelled: 0 }])) as Record<ScoredField, { correct: number; predicted: number; labelled: number }>;
  const total: Tally = { reports: [0, 0, 0], incidents: [0, 0, 0, 0] };
  const strata = new Map<string, Tally & { articles: number }>();
  let foundDated = 0;
  let foundDateRight = 0;
  let foundPlaced = 0;
  let foundPlaceRight = 0;
  const grouping = { bothSame: 0, predSame: 0, labelSame: 0 };
  const outOfRange: string[] = [];

  for (const a of predictions) {
    const through = a.label.labelledThroughSentence ?? Infinity;
    const labels = a.label.incidents;
    for (const l of labels) if (l.sentence >= a.sentenceCount) outOfRange.push(`${a.label.id} sentence ${l.sentence}`);
    const reports = a.reports.filter((r) => r.sentence <= through);
    const pairs = matchReports(labels, reports, gazetteer);
    const stratum = strata.get(a.label.stratum) ?? { articles: 0, reports: [0, 0, 0], incidents: [0, 0, 0, 0] };
    strata.set(a.label.stratum, stratum);
    stratum.articles++;
    for (const t of [total, stratum]) {
      t.reports[0] += pairs.length;
      t.reports[1] += reports.length;
      t.reports[2] += labels.length;
    }

    const pairOf = new Map<IncidentReport, Pair>(pairs.map((x) => [x.p, x]));
    for (const f of SCORED_FIELDS) {
      for (const p of reports) {
        const pair = pairOf.get(p);
        // A day the label does not know (null) cannot be judged either way.
        if (f === 'eventDate' && pair && pair.l.eventDate === null) continue;
        if (predictedHas(f, p)) field[f].predicted++;
      }
      for (const l of labels) if (labelHas(f, l)) field[f].labelled++;
      for (const { p, l } of pairs) if (predictedHas(f, p) && labelHas(f, l) && fieldAgrees(f, p, l, gazetteer)) field[f].correct++;
    }
    for (const { p, l } of pairs) {
      if (l.eventDate !== null) {
        foundDated++;
        if (fieldAgrees('eventDate', p, l, gazetteer)) foundDateRight++;
      }
      if (l.place !== null) {
        foundPlaced++;
        if (fieldAgrees('place', p, l, gazetteer)) foundPlaceRight++;
      }
    }

    // Incidents: a predicted group finds a labelled one when it holds one of its reports and agrees on day and place where both give them.
    const groups = labelledGroups(labels);
    const groupOfLabel = new Map<number, number>();
    groups.forEach((g, gi) => g.forEach((li) => groupOfLabel.set(li, gi)));
    const predicted = a.incidents
      .map((inc) => ({ inc, reports: inc.reports.filter((r) => r.sentence <= through) }))
      .filter((x) => x.reports.length > 0);
    const foundGroups = new Set<number>();
    let matchedPredicted = 0;
    for (const { inc, reports: members } of predicted) {
      const candidates = new Map<number, number>();
      for (const r of members) {
        const pair = pairOf.get(r);
        if (pair) candidates.set(groupOfLabel.get(pair.li)!, (candidates.get(groupOfLabel.get(pair.li)!) ?? 0) + 1);
      }
      const ranked = [...candidates.entries()].sort((x, y) => y[1] - x[1]);
      for (const [gi] of ranked) {
        if (foundGroups.has(gi)) continue;
        const ls = groups[gi]!.map((li) => labels[li]!);
        const dates = ls.map((l) => l.eventDate).filter((d): d is string => d !== null);
        const dateOk = inc.day === null || dates.length === 0 || dates.some((d) => daysApart(d, inc.day!) <= 1);
        const labelHasPlace = ls.some((l) => l.place !== null);
        const placeOk = inc.places.length === 0 || !labelHasPlace || members.some((r) => ls.some((l) => placeAgrees(r.place, l, gazetteer) || r.otherPlaces.some((o) => placeAgrees(o, l, gazetteer))));
        if (dateOk && placeOk) {
          foundGroups.add(gi);
          matchedPredicted++;
          break;
        }
      }
    }
    for (const t of [total, stratum]) {
      t.incidents[0] += matchedPredicted;
      t.incidents[1] += predicted.length;
      t.incidents[2] += groups.length;
      t.incidents[3] += foundGroups.size;
    }

    // Grouping, pair by pair over the matched reports.
    const predGroup = new Map<IncidentReport, number>();
    a.incidents.forEach((inc, gi) => inc.reports.forEach((r) => predGroup.set(r, gi)));
    for (let i = 0; i < pairs.length; i++) {
      for (let j = i + 1; j < pairs.length; j++) {
        const samePred = predGroup.get(pairs[i]!.p) === predGroup.get(pairs[j]!.p);
        const sameLabel = groupOfLabel.get(pairs[i]!.li) === groupOfLabel.get(pairs[j]!.li);
        if (samePred) grouping.predSame++;
        if (sameLabel) grouping.labelSame++;
        if (samePred && sameLabel) grouping.bothSame++;
      }
    }
  }

  const pr = (t: Tally) => ({
    reports: precisionRecall(...t.reports),
    incidents: precisionRecall(t.incidents[0], t.incidents[1], t.incidents[2], t.incidents[3]),
  });
  return {
    articles: predictions.length,
    byStratum: Object.fromEntries([...strata.entries()].map(([k, t]) => [k, { articles: t.articles, ...pr(t) }])),
    ...pr(total),
    fields: Object.fromEntries(SCORED_FIELDS.map((f) => [f, precisionRecall(field[f].correct, field[f].predicted, field[f].labelled)])) as Record<ScoredField, PrecisionRecall>,
    foundDateRight: foundDated ? foundDateRight / foundDated : null,
    foundPlaceRight: foundPlaced ? foundPlaceRight / foundPlaced : null,
    grouping: precisionRecall(grouping.bothSame, grouping.predSame, grouping.labelSame),
    outOfRange,
  };
}
