/**
 * Incident records: what a sentence reports happened — when, where, by whom, to what, with which
 * weapon, how many killed and injured. Every field keeps the words it was read from (offsets into the
 * article text), so a timeline can quote its evidence; what is derived from those words (a resolved
 * day, a gazetteer's country) is kept beside them, never in their place.
 */
import type { Span } from '../corpus/types.js';

export const INCIDENT_KINDS = ['drone', 'rocket', 'missile', 'airstrike', 'shelling', 'gunfire', 'explosive', 'raid', 'other'] as const;
export type IncidentKind = (typeof INCIDENT_KINDS)[number];

/** A value and the words of the article it was read from. */
export interface Field<T> extends Span {
  value: T;
  /** The words themselves (`article.text.slice(start, end)`). */
  text: string;
}

/** How the event day was found: written in the sentence ("Oct. 17", "2023-10-07"), worked out from its words ("on Sunday"), or the article's own day (nothing in the sentence). */
export type DateBasis = 'written' | 'relative' | 'published';

export interface EventDay {
  /** `YYYY-MM-DD`. */
  day: string;
  basis: DateBasis;
  /** The words that give the day; absent when it is the publication day. */
  span?: Field<string>;
  /** The words name the event by its day ("the Oct. 7 attacks", "Sunday's strike"): an event recalled by name, wherever the sentence is. */
  named?: true;
}

/** A town the gazetteer knows: where a place's name was matched. */
export interface GazetteerEntry {
  name: string;
  /** ISO 3166 alpha-2 code. */
  country: string;
  lat: number;
  lon: number;
  population: number;
}

/** How much of the map a place name covers. */
export type PlaceSpecificity = 'site' | 'town' | 'region' | 'country';

export interface PlaceField extends Field<string> {
  specificity: PlaceSpecificity;
  /** The name reduced for comparison: lower case, no accents, no "al-", "province", "northern" and the like. */
  key: string;
  /** The gazetteer's town of that name, when it has one. */
  gazetteer?: GazetteerEntry;
  /** ISO code when the name is a country's. */
  country?: string;
}

/** One sentence's account of one incident. */
export interface IncidentReport {
  articleId: string;
  /** Corpus file and line, for citing. */
  file: string;
  line?: number;
  title: string;
  source?: string;
  url?: string;
  published?: string;
  /** Index of the sentence among the article's sentences (`splitSentences`), and its range without a list item's bullet ("- "). */
  sentence: number;
  sentenceSpan: Span;
  /** Which of the two incidents its sentence tells of this report reads (1, 2); absent when the sentence tells of one. */
  event?: 1 | 2;
  /** Offset of the list item ("- …", "• …") whose line holds the sentence; absent outside a list. Each item of a digest tells its own incident. */
  item?: number;
  /** The word that made the sentence a report ("strike", "killed"). */
  trigger: Field<string>;
  /** The weapon word, or the trigger word when no weapon is named (`other`). */
  kind: Field<IncidentKind>;
  eventDay: EventDay | null;
  /** The most specific place the sentence names, and the others it names. */
  place: PlaceField | null;
  otherPlaces: PlaceField[];
  actor: Field<string> | null;
  target: Field<string> | null;
  killed: Field<number> | null;
  injured: Field<number> | null;
}

/**
 * What the rules' gates said of a sentence the trigger filter passed, read whether or not they pass
 * (`readCandidates`): the features a learned model weighs beside the fields.
 */
export interface ReportGates {
  /** A report of the article ends at most `TOLL_FOLLOWS_WITHIN` sentences before (by the rules' reports). */
  afterReport: boolean;
  /** The sentence gives only a toll, with no word of the event, right after a report. */
  tollOnly: boolean;
  mayBeReport: boolean;
  /** Which of `mayBeReport`'s tests turned it away (a code of `MAY_BE_REFUSALS`), or null. */
  mayBeRefusal: string | null;
  /** How the day was read (`none`: no day at all), and whether `plausibleDay` kept it. */
  dayBasis: DateBasis | 'none';
  dayPlausible: boolean;
  isReport: boolean;
  /** Which of `isReport`'s tests turned it away (a code of `IS_REPORT_REFUSALS`), or null. */
  isReportRefusal: string | null;
  /** The evidence score (a report needs at least `MIN_EVIDENCE`). */
  evidence: number;
  /** A list item's bullet opened the line. */
  bullet: boolean;
  /** Every gate passed: the rules make a report of the sentence. */
  passes: boolean;
}

/** A sentence the trigger filter passed, read as a report whatever the gates say. */
export interface ReportCandidate {
  /** Its fields as a report would hold them (the day null when none is plausible). */
  report: IncidentReport;
  gates: ReportGates;
  /** Its two reports when it tells of two incidents (`eventClauses`, checked as the rules check them), else null. */
  two: [IncidentReport, IncidentReport] | null;
}

/** A figure reported for an incident, with the reports that give it. */
export interface ReportedFigure {
  value: number;
  /** Indices into `Incident.reports`. */
  reports: number[];
}

/** Reports of one incident, grouped. */
export interface Incident {
  /** Stable within one grouping run: the first report's article id and sentence. */
  id: string;
  kind: IncidentKind;
  /** The day most reports give (`YYYY-MM-DD`), or null when none gives one. */
  day: string | null;
  /** Place names the reports give, most specific and most cited first. */
  places: string[];
  reports: IncidentReport[];
  /** Every distinct figure, most cited first; more than one means the reports disagree. */
  killed: ReportedFigure[];
  injured: ReportedFigure[];
}
