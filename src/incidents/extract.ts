/**
 * Incident reports from an article's sentences. Only sentences that pass the trigger filter are read;
 * of those, a sentence is a report when it tells of one violent event that happened (not a running
 * total, a threat, a test or an interception alone), and each field is read from its words: the weapon,
 * the day (resolved against the publication day by `src/time/event-dates.ts`), places, actor, target,
 * killed and injured. `readCandidates` reads every sentence the trigger filter passes the same way,
 * whatever the gates say, with each gate's outcome, for a learned model to decide over
 * (`sentence-model.ts`). Pure: the gazetteer is passed in.
 */
import type { Article, Span } from '../corpus/types.js';
import { splitSentences } from '../corpus/sentences.js';
import { parseIsoDay } from '../time/days.js';
import { actorOf, targetOf } from './actor-target.js';
import { articleDays } from './article-days.js';
import { eventDayOf, plausibleDay } from './event-day.js';
import { EVENT } from './event-words.js';
import type { Gazetteer } from './gazetteer.js';
import { findCasualties } from './numbers.js';
import { findPlaces, rankPlaces, type PlaceCandidate } from './places.js';
import { explosionsHeard, isDamageTold } from './event-forms.js';
import { isReportRefusal, isTollAlone, mayBeRefusal } from './report-filter.js';
import { eventClauses, secondEventDay } from './second-event.js';
import { findTrigger, mayReportIncident } from './trigger.js';
import type { Field, IncidentKind, IncidentReport, PlaceField, ReportCandidate, ReportGates } from './types.js';
import { applyReportFilter, type ReportFilter } from './report-model.js';
import { applySentenceModel, type SentenceModel } from './sentence-model.js';

/**
 * The extraction rules' version, stored with the reports an index keeps: an index whose reports were
 * read by other rules reads them again. Change it with any change to what a sentence yields.
 */
export const EXTRACTOR_VERSION = 'incidents-17';

export interface ExtractOptions {
  /** Towns and countries to match place names to; without one, places are kept as written. */
  gazetteer?: Gazetteer;
  /** The learned report filter (`report-model.ts`), applied after the rules; absent or null: the rules alone. */
  reportFilter?: ReportFilter | null;
  /** The learned sentence model (`sentence-model.ts`), deciding over every sentence the trigger filter passes in place of the rules' gates; absent or null: the rules. */
  sentenceModel?: SentenceModel | null;
}

/** The version the reports of `options` are read with: the rules', and the sentence model's and the filter's when they are applied. */
export function extractorVersion(options: Pick<ExtractOptions, 'reportFilter' | 'sentenceModel'> = {}): string {
  const sentences = options.sentenceModel ? `${EXTRACTOR_VERSION}+${options.sentenceModel.id}` : EXTRACTOR_VERSION;
  return options.reportFilter ? `${sentences}+${options.reportFilter.id}` : sentences;
}

/** Weapons, each with the words that name it; the first named in the sentence is its kind. */
const WEAPONS: Array<[IncidentKind, RegExp]> = [
  ['drone', /\b(?:drones?|UAVs?|unmanned aerial|Shaheds?|loitering munitions?)\b/gi],
  ['rocket', /\b(?:rockets?|Katyushas?)\b/gi],
  ['missile', /\b(?:missiles?|cruise|ballistic|Tomahawks?|S-300|Iskanders?)\b/gi],
  ['airstrike', /\b(?:air[- ]?strikes?|warplanes?|fighter jets?|jets|air force|air raids?(?! sirens?| alerts?)|air campaign|bombers|helicopter gunships?)\b/gi],
  ['shelling', /\b(?:shell(?:s|ed|ing)|artillery|mortars?)\b/gi],
  ['gunfire', /\b(?:gunfire|gunm[ae]n|shooting|shootings|shootout|shot(?! down)|opened fire|fired (?:shots|on|at|into)|snipers?|live fire|firefights?)\b/gi],
  ['explosive', /\b(?:bomb(?:s|ed|ing|ings|er|ers)?|explosions?|explodes|exploded|exploding|explosives?|blasts?|IEDs?|firebomb\w*|grenades?|detonat\w*)\b/gi],
  ['raid', /\b(?:raids?|raided|incursions?|stormed|ground (?:operation|offensive|assault))\b/gi],
];
const AIR_CONTEXT = /\b(?:air force|warplanes?|fighter jets?|jets|aircraft)\b/i;

/** A kind of attack in general, or many of them: "a series of drone strikes", "numerous strikes against hospitals" (but "launches a series of airstrikes" is one day's operation). */
const GENERIC = /\b(?:(?<!\blaunch(?:es|ed)?\s+a\s+)series of|pattern of|latest in|numerous|multiple|many|most of the|frequent|countless|such (?:attacks|strikes)|these (?:attacks|strikes)|(?:attacks|strikes) like|campaign of|kinds? of|on (?:two|three|four|five|several|many|numerous) occasions)\b/i;
/** Analysis and opinion rather than a report of what happened. */
const COMMENTARY = /\b(?:analyst|analysts|experts?|believes?|sees|expects?|argued|argues|opinion|could|likely|may|seems?|appears? to be aimed)\b/i;
const SINGLE_EVENT = /\b(?:a|an|the|this|that|[A-Z][a-z]+day['’]s|last night['’]s|[Tt]uesday['’]s)\s+(?:[\w'’-]+\s+){0,3}?(?:attack|strike|airstrike|air strike|assault|raid|bombing|explosion|blast|shooting|shelling|ambush|massacre|stabbing)\b/i;
/** One weapon that did harm: "A missile hit an oil refinery", "a drone slammed into a building". */
const ONE_WEAPON_DID = /\b(?:a|an|one|another)\s+(?:[\w'’-]+\s+){0,2}?(?:missile|drone|rocket|shell|bomb|car bomb|grenade|mortar(?: round)?|projectile)\s+(?:also\s+|reportedly\s+)?(?:hit|struck|slammed|crashed|exploded|landed|fell|damaged|destroyed|killed|injured|wounded)\b/i;
/** One thing attacked, told in the passive: "the tanker Disha … was attacked in the Strait of Hormuz", "a service center … was attacked with missiles". */
const ONE_THING_ATTACKED = /\b(?:was|has been|had been)\s+(?:reportedly\s+|also\s+)?(?:attacked|hit|struck|targeted|shelled|bombed|raided)\s+(?:by|with|in|at|near|on|off)\b/i;
const MIN_EVIDENCE = 2;

/**
 * How surely a sentence tells of one incident: figures, a written day and a town or site count most;
 * a region, an actor, a target and "a/the … strike" add; "a series of …", analysis and quoted opinion take away.
 */
function evidence(sentence: string, found: { figure: boolean; dated: boolean; place: PlaceCandidate | undefined; actor: boolean; actorSpan?: Span | null; target: boolean }): number {
  let score = 0;
  if (found.figure) score += 2;
  if (found.dated) score += 2;
  // A country that is also the actor ("Israel bombs") says no more than the actor does.
  if (found.place) score += found.place.level >= 3 ? 2 : found.actorSpan && found.place.start < found.actorSpan.end && found.actorSpan.start < found.place.end ? 0 : 1;
  if (found.actor) score += 1;
  if (found.target) score += 1;
  if (SINGLE_EVENT.test(sentence) || ONE_WEAPON_DID.test(sentence) || ONE_THING_ATTACKED.test(sentence)) score += 1;
  if (GENERIC.test(sentence) && !explosionsHeard(sentence)) score -= 2;
  if (COMMENTARY.test(sentence)) score -= 1;
  if (/^[“"]/.test(sentence) && !found.figure) score -= 2;
  return score;
}

function kindOf(sentence: string): { kind: IncidentKind; start: number; end: number } | null {
  let best: { kind: IncidentKind; start: number; end: number } | null = null;
  for (const [kind, pattern] of WEAPONS) {
    pattern.lastIndex = 0;
    const m = pattern.exec(sentence);
    if (m && (!best || m.index < best.start)) best = { kind, start: m.index, end: m.index + m[0].length };
  }
  // "The Israel Air Force bombs …": bombs dropped from the air are an airstrike.
  if (best?.kind === 'explosive' && AIR_CONTEXT.test(sentence)) best = { ...best, kind: 'airstrike' };
  return best;
}

function field<T>(value: T, text: string, offset: number, span: Span): Field<T> {
  return { value, start: offset + span.start, end: offset + span.end, text: text.slice(span.start, span.end) };
}

const SPECIFICITY = { 4: 'site', 3: 'town', 2: 'region', 1: 'country' } as const;

function placeField(c: PlaceCandidate, offset: number): PlaceField {
  const p: PlaceField = { value: c.text, text: c.text, start: offset + c.start, end: offset + c.end, key: c.key, specificity: SPECIFICITY[c.level] };
  if (c.gazetteer) p.gazetteer = c.gazetteer;
  if (c.country) p.country = c.country;
  return p;
}

/** The publication day of the article last asked about, kept: every sentence of an article asks. */
let lastPublished: { text: string | undefined; day: number | undefined } = { text: undefined, day: undefined };

function publishedDay(published: string | undefined): number | undefined {
  if (published !== lastPublished.text) lastPublished = { text: published, day: published ? (parseIsoDay(published) ?? undefined) : undefined };
  return lastPublished.day;
}

/** How many sentences after a report its toll may still be told on its own ("Another six people were injured."). */
export const TOLL_FOLLOWS_WITHIN = 2;

/**
 * The report `sentence` (at `span` of `article.text`, index `index`) gives, or null if it gives none.
 * `afterReport`: a report of the article ends at most `TOLL_FOLLOWS_WITHIN` sentences before, so a
 * sentence that gives only a toll, with no word of the event ("At least two people are injured."), is
 * that event's toll told on its own and a report too. `clause`: `whole` is one clause of a sentence
 * that tells of two incidents, which needs no closing stop of its own.
 */
export function readReport(article: Article, index: number, whole: Span, options: ExtractOptions = {}, afterReport = false, clause = false): IncidentReport | null {
  return readSentence(article, index, whole, options, afterReport, clause, false)?.report ?? null;
}

/**
 * The one reading of a sentence, for the rules and for a learned model alike: null when the trigger
 * filter turns it away. `full` false (the rules): null at the first gate that fails, so the dearer
 * readers run only on sentences still in the running. `full` true: every field and every gate's
 * outcome, whether or not the gates pass (`gates.passes` is the rules' decision).
 */
function readSentence(article: Article, index: number, whole: Span, options: ExtractOptions, afterReport: boolean, clause: boolean, full: boolean): { report: IncidentReport; gates: ReportGates } | null {
  // A list item's bullet ("- ", "► ") is not part of what it says.
  const bullet = /^[-–•▪∎◾►*]+\s*/.exec(article.text.slice(whole.start, whole.end))?.[0].length ?? 0;
  const span = { start: whole.start + bullet, end: whole.end };
  const sentence = article.text.slice(span.start, span.end);
  if (!mayReportIncident(sentence)) return null;
  const casualties = findCasualties(sentence);
  const event = EVENT.exec(sentence);
  // The places are read once, by whichever test asks first: a toll told on its own names none.
  let placesRead: PlaceCandidate[] | undefined;
  const candidates = () => (placesRead ??= findPlaces(sentence, options.gazetteer));
  const tollOnly = afterReport && (((casualties.killed !== null || casualties.injured !== null) && event === null) || isDamageTold(sentence)) && isTollAlone(sentence, candidates);
  const gates: ReportGates = { afterReport, tollOnly, mayBeReport: true, mayBeRefusal: null, dayBasis: 'none', dayPlausible: true, isReport: true, isReportRefusal: null, evidence: 0, bullet: bullet > 0, passes: false };
  if (!tollOnly) gates.mayBeRefusal = mayBeRefusal(sentence, event !== null);
  gates.mayBeReport = gates.mayBeRefusal === null;
  if (!gates.mayBeReport && !full) return null;
  const published = publishedDay(article.published);
  const hasFigure = tollOnly || (casualties.killed?.value ?? 0) > 0 || (casualties.injured?.value ?? 0) > 0;
  const read = eventDayOf(sentence, span.start, published);
  const day = read && published !== undefined ? plausibleDay(read, published, sentence, span.start) : read;
  gates.dayBasis = read?.basis ?? 'none';
  gates.dayPlausible = day !== undefined;
  if (day === undefined && !full) return null;
  const dated = day !== undefined && day !== null && day.basis !== 'published';
  gates.isReportRefusal = isReportRefusal(sentence, hasFigure, dated, clause, { places: candidates, toll: casualties.killed !== null || casualties.injured !== null });
  gates.isReport = gates.isReportRefusal === null;
  if (!gates.isReport && !full) return null;
  const trigger = findTrigger(sentence)!;
  const weapon = kindOf(sentence);
  // No weapon named: the event word itself ("attack", "clashes") is the span of an `other`.
  const eventWord = event ? { index: event.index, text: event[0] } : trigger;
  const kind = weapon ?? { kind: 'other' as const, start: eventWord.index, end: eventWord.index + eventWord.text.length };
  const ranked = rankPlaces(candidates());
  const actor = actorOf(sentence, kind.start);
  // "The United States attacked Iran": a place inside the actor's words is who did it, not where; any other place comes first.
  const inActor = (p: PlaceCandidate) => actor !== null && p.start < actor.end && actor.start < p.end;
  const places = [...ranked.filter((p) => !inActor(p)), ...ranked.filter(inActor)];
  const target = targetOf(sentence);
  gates.evidence = evidence(sentence, { figure: tollOnly || casualties.killed !== null || casualties.injured !== null, dated, place: ranked[0], actor: actor !== null, actorSpan: actor, target: target !== null });
  if (gates.evidence < MIN_EVIDENCE && !full) return null;
  gates.passes = gates.mayBeReport && gates.dayPlausible && gates.isReport && gates.evidence >= MIN_EVIDENCE;
  const report: IncidentReport = {
    articleId: article.id,
    file: article.file,
    title: article.title,
    sentence: index,
    sentenceSpan: { start: span.start, end: span.end },
    trigger: field(trigger.text, sentence, span.start, { start: trigger.index, end: trigger.index + trigger.text.length }),
    kind: field(kind.kind, sentence, span.start, kind),
    eventDay: day ?? null,
    place: places[0] ? placeField(places[0], span.start) : null,
    otherPlaces: places.slice(1).map((p) => placeField(p, span.start)),
    actor: actor ? field(sentence.slice(actor.start, actor.end), sentence, span.start, actor) : null,
    target: target ? field(sentence.slice(target.start, target.end), sentence, span.start, target) : null,
    killed: casualties.killed ? field(casualties.killed.value, sentence, span.start, casualties.killed) : null,
    injured: casualties.injured ? field(casualties.injured.value, sentence, span.start, casualties.injured) : null,
  };
  if (article.line !== undefined) report.line = article.line;
  if (article.source) report.source = article.source;
  if (article.url) report.url = article.url;
  if (article.published) report.published = article.published;
  return { report, gates };
}

/**
 * The two reports of a sentence that tells of two incidents (`eventClauses`), each read from its own
 * clause and quoting the whole sentence, or null when it tells of one: both clauses must be reports,
 * and two acts joined by "and" must differ in place or weapon ("fired rockets and struck a building"
 * is one attack). The second clause's event with no day of its own takes the day its joint gives
 * ("a day after" the first's), or none ("in retaliation for" an attack of some earlier day).
 */
function twoReports(article: Article, index: number, report: IncidentReport, options: ExtractOptions, afterReport: boolean): [IncidentReport, IncidentReport] | null {
  const span = report.sentenceSpan;
  const sentence = article.text.slice(span.start, span.end);
  const parts = eventClauses(sentence);
  if (!parts) return null;
  const at = (s: Span) => ({ start: span.start + s.start, end: span.start + s.end });
  const first = readReport(article, index, at(parts.first), options, afterReport, true);
  const second = first && readReport(article, index, at(parts.second), options, false, true);
  if (!first || !second) return null;
  const ownDay = second.eventDay !== null && second.eventDay.basis !== 'published';
  // Two acts joined by "and" are two attacks when on two places ("rockets at the Dado base and attacked the Atlit naval base"), or when another was harmed by another weapon.
  if (parts.coordinate) {
    const twoPlaces = first.place !== null && second.place !== null && first.place.key !== second.place.key;
    const twoWeapons = first.kind.value !== second.kind.value && first.kind.value !== 'other' && second.kind.value !== 'other';
    if (!twoPlaces && !twoWeapons) return null;
  }
  // "a car bomb, followed by gunfire": one attack, unless the second is on a day of its own.
  if (parts.relation === 'unknown' && (!ownDay || second.eventDay!.day === first.eventDay?.day)) return null;
  if (!ownDay) {
    const joint = at(parts.joint);
    second.eventDay = parts.coordinate ? first.eventDay : secondEventDay(first.eventDay, parts.relation, { text: article.text.slice(joint.start, joint.end), ...joint });
  }
  // The same weapon, place and day twice is one event told in two clauses.
  if (first.kind.value === second.kind.value && first.place?.key === second.place?.key && first.eventDay?.day === second.eventDay?.day) return null;
  return [
    { ...first, sentenceSpan: { ...span }, event: 1 },
    { ...second, sentenceSpan: { ...span }, event: 2 },
  ];
}

/**
 * Every sentence of `article` the trigger filter passes, read in full (`readSentence`), in order:
 * `afterReport` and the split into two follow the rules' own reports, so a sentence reads the same
 * whichever of them a model keeps.
 */
export function readCandidates(article: Article, options: ExtractOptions = {}, sentences: readonly Span[] = splitSentences(article.text)): ReportCandidate[] {
  const out: ReportCandidate[] = [];
  let lastRule = -Infinity;
  sentences.forEach((span, i) => {
    const read = readSentence(article, i, span, options, i - lastRule <= TOLL_FOLLOWS_WITHIN, false, true);
    if (!read) return;
    const two = twoReports(article, i, read.report, options, read.gates.afterReport);
    if (read.gates.passes) lastRule = i;
    out.push({ ...read, two });
  });
  return out;
}

/** Every incident report in `article`, in sentence order (two for a sentence that tells of two incidents). */
export function extractReports(article: Article, options: ExtractOptions = {}): IncidentReport[] {
  const sentences = splitSentences(article.text);
  const out = options.sentenceModel ? applySentenceModel(options.sentenceModel, readCandidates(article, options, sentences), article, sentences.length) : rulesReports(article, sentences, options);
  // Days read across sentences come last: the learned models see each sentence's own day, as they were trained.
  return articleDays(options.reportFilter ? applyReportFilter(options.reportFilter, out, article.text, sentences.length, article.published) : out, article);
}

/** The reports the rules alone read. */
function rulesReports(article: Article, sentences: readonly Span[], options: ExtractOptions): IncidentReport[] {
  const out: IncidentReport[] = [];
  sentences.forEach((span, i) => {
    const last = out[out.length - 1];
    const afterReport = last !== undefined && i - last.sentence <= TOLL_FOLLOWS_WITHIN;
    const report = readReport(article, i, span, options, afterReport);
    if (!report) return;
    const two = twoReports(article, i, report, options, afterReport);
    if (two) out.push(...two);
    else out.push(report);
  });
  return out;
}
