/**
 * Running figures: a count that changes from report to report ("attacked 46 times", "at least 78
 * attacks", "more than 160 attacks"). Every sentence that gives a figure for the counted thing, about
 * as relevant as the best one, joins the series of its attribution ("according to the Gaza Health
 * Ministry", "the Pentagon says"): figures from different sources are different series. A series is
 * ordered by publication; its newest figure answers, the earlier ones are its history.
 */
import { terms } from '../store/analyze.js';
import type { RankedSentence } from './rank.js';

/** A figure joins the series when its sentence is at least this relevant, relative to the best one. */
export const SERIES_RELEVANCE = 0.7;
/** And when its number is tied to the counted thing at least this well (span score). */
export const SERIES_FIT = 0.7;
/** Earlier figures shown at most. */
export const MAX_EARLIER = 5;

/** Lower-case words that belong to an institution's name ("the Gaza health ministry"). */
const INSTITUTION = String.raw`(?:health|ministry|military|government|office|forces|army|officials?|authorities|agency|department|command|spokes(?:man|woman|person)|rights|media|council|committee|police|service|observatory)`;
const SOURCE_NAME = String.raw`(?:[Tt]he\s+)?([\p{Lu}][\p{L}'’.-]*(?:\s+(?:(?:of|for|and|de)\s+)?(?:[\p{Lu}][\p{L}'’.-]*|${INSTITUTION}\b))*)`;
/** Attribution sits near the figure; a longer sentence is read only this far, which bounds the search. */
const READ_CHARS = 600;
const ACCORDING = new RegExp(String.raw`\b(?:according to|citing|cited by|figures from|data from|reported by)\s+${SOURCE_NAME}`, 'u');
const SAYS = new RegExp(String.raw`${SOURCE_NAME}\s+(?:said|says|say|reported|reports|announced|estimated|estimates|counted|confirmed|tallied|claims|claimed)\b`, 'u');
const SAYS_AFTER = new RegExp(String.raw`\b(?:said|says|reported|announced)\s+${SOURCE_NAME}`, 'u');
/** Words that open a sentence or name no source. */
const NOT_A_SOURCE = /^(?:The|A|An|It|He|She|They|We|I|This|That|In|On|At|But|And|Officials?|Authorities)$/;

/** Words that make a name an institution's, not a person's. */
const ORGANISATION =
  /\b(?:ministry|military|government|office|forces|army|authorit(?:y|ies)|agency|department|command|council|committee|police|service|observatory|society|crescent|cross|nations|organi[sz]ation|group|institute|cent(?:er|re)|bureau|commission|foundation|association|union|network|news|press|guards?|corps|brigades?|front|movement|party|coalition|alliance|watch|monitor|officials?|media|spokes(?:man|woman|person)|rights)\b/i;

/**
 * A person quoted ("Deputy Pentagon press secretary Sabrina Singh said") speaks for an institution
 * the sentence may not name: two or three capitalised words with no institution word in them are
 * taken for a person, and name no source of their own.
 */
function isPersonName(name: string): boolean {
  const words = name.split(/\s+/);
  return words.length >= 2 && words.length <= 3 && words.every((w) => /^\p{Lu}\p{Ll}/u.test(w)) && !ORGANISATION.test(name);
}

/** Who gives the figure, lower-cased ("gaza health ministry"), or '' when the sentence does not say. */
export function attributionOf(sentence: string): string {
  const text = sentence.slice(0, READ_CHARS);
  for (const pattern of [ACCORDING, SAYS, SAYS_AFTER]) {
    const m = pattern.exec(text);
    const name = m?.[1]?.trim();
    if (name && !NOT_A_SOURCE.test(name)) return isPersonName(name) ? '' : normaliseName(name);
  }
  return '';
}

/** Words of a source's name that say what it is, not who: "the Gaza Health Ministry" and "Gaza's ministry" share "gaza". */
const GENERIC = new Set([
  'the', 'of', 'for', 'and', 'in', 'officials', 'official', 'authorities', 'spokesman', 'spokeswoman', 'run', 'office', 'said',
  'ministry', 'military', 'government', 'army', 'forces', 'department', 'agency', 'police', 'council', 'committee', 'service',
]);
const nameWords = (key: string) => new Set(key.split(/[\s-]+/).filter((w) => w.length > 1 && !GENERIC.has(w)));

/**
 * Two attributions name the same source when either sentence names none (most reports of a running
 * count do not repeat who keeps it) or their names share a word ("Ministry of Health in Gaza", "Gaza
 * Health Ministry"); "the UN" and "the Israeli military" are different series.
 */
export function sameAttribution(a: string, b: string): boolean {
  if (a === '' || b === '' || a === b) return true;
  const words = nameWords(a);
  for (const w of nameWords(b)) if (words.has(w)) return true;
  return false;
}

export interface FigureSeries {
  /** The newest figure of the best sentence's series. */
  answer: RankedSentence;
  /** Older figures of the same series that differ from the answer, newest first. */
  earlier: RankedSentence[];
}


/** Index terms of a sentence with the sentences around it, which its "the attack" and "there" refer to. */
const aroundMemo = new WeakMap<RankedSentence, Set<string>>();
function termsAround(s: RankedSentence): Set<string> {
  let found = aroundMemo.get(s);
  if (!found) aroundMemo.set(s, (found = new Set(terms([s.previous ?? '', s.text, s.next ?? ''].join(' ')))));
  return found;
}

/**
 * `names`: the question's names ("Kirkuk", "Gaza"). A figure measures the same thing as the best one
 * only where it speaks of the same named things: the toll of a strike in Kirkuk is no figure of one
 * in Mogeth, however alike the sentences.
 */
/** The source a question asks a figure of: "per the Gaza Health Ministry", "according to the UN", "did Benin's government say". */
export function askedAttribution(question: string): string {
  const m =
    new RegExp(String.raw`\b(?:[Pp]er|[Aa]ccording to|[Cc]iting)\s+${SOURCE_NAME}`, 'u').exec(question) ??
    new RegExp(String.raw`\b(?:did|does|do|has|have)\s+${SOURCE_NAME}(?:\s+[\p{L}’'-]+){0,3}?\s+(?:say|said|report|count|record|recorded|estimate|confirm)\b`, 'u').exec(question);
  const name = m?.[1]?.trim();
  return name && !NOT_A_SOURCE.test(name) ? normaliseName(name) : '';
}

const normaliseName = (name: string) => name.toLowerCase().replace(/[.’']+$|[’']s$/g, '').replace(/\s+/g, ' ');

/** A name's share of its start with a word of the same place: "Lebanon" and "Lebanese", "Iraq" and "Iraqi". */
const DEMONYM_STEM = 5;

/** Whether `terms` name `name`, itself or as its people's adjective ("Lebanese" for Lebanon). */
function mentions(terms: ReadonlySet<string>, name: string): boolean {
  if (terms.has(name)) return true;
  if (name.length < 4) return false;
  for (const t of terms) {
    if (t.length < 4 || t[0] !== name[0]) continue;
    let common = 0;
    while (common < t.length && common < name.length && t[common] === name[common]) common++;
    // "iraq" is all of "iraqi"'s start; "leban" is most of "lebanon" and "lebanes".
    if (common === Math.min(t.length, name.length) || (common >= DEMONYM_STEM && common >= 0.7 * Math.min(t.length, name.length))) return true;
  }
  return false;
}

const NO_TERMS: ReadonlySet<string> = new Set();

/** Title terms of each article, read once per corpus on first need. */
const titleMemo = new WeakMap<readonly { title?: string }[], Map<number, ReadonlySet<string>>>();
export function titleTerms(articles: readonly { title?: string }[]): (article: number) => ReadonlySet<string> {
  let memo = titleMemo.get(articles);
  if (!memo) titleMemo.set(articles, (memo = new Map()));
  return (article) => {
    let found = memo.get(article);
    if (!found) memo.set(article, (found = new Set(terms(articles[article]?.title ?? ''))));
    return found;
  };
}

/**
 * `titleTermsOf`: the terms of a sentence's article title, which names what a live report's every
 * line is about ("Iran war live updates") though the line itself may not.
 */
export function figureSeries(
  ranked: RankedSentence[],
  publishedOf: (article: number) => string,
  names: ReadonlySet<string> = new Set(),
  asked = '',
  titleTermsOf: (article: number) => ReadonlySet<string> = () => NO_TERMS,
): FigureSeries | null {
  // A question that names its source takes the best figure that source gives (or that names none).
  const best = ranked.find((s) => s.span && (asked === '' || sameAttribution(asked, attributionOf(s.text)))) ?? ranked[0];
  if (!best?.span) return null;
  const termsOf = (s: RankedSentence) => {
    const around = termsAround(s);
    const title = titleTermsOf(s.article);
    return (n: string) => mentions(around, n) || mentions(title, n);
  };
  const bestHas = termsOf(best);
  const required = [...names].filter((n) => bestHas(n));
  const sameNames = (s: RankedSentence) => {
    if (required.length === 0) return true;
    const has = termsOf(s);
    return required.every((n) => has(n));
  };
  const key = attributionOf(best.text) || asked;
  const sameSource = (s: RankedSentence) => sameAttribution(key, attributionOf(s.text));
  // Relevance is the score before the answer type and recency weigh in: how well the sentence matches.
  const floor = SERIES_RELEVANCE * best.relevance;
  const members = ranked.filter(
    (s) => s.span && s.span.score >= Math.min(SERIES_FIT, best.span!.score) && s.relevance >= floor && sameSource(s) && sameNames(s),
  );
  // One figure per article: its best sentence (ranked order).
  const perArticle = members.filter((s, i) => members.findIndex((r) => r.article === s.article) === i);
  perArticle.sort((a, b) => publishedOf(b.article).localeCompare(publishedOf(a.article)) || b.score - a.score);
  const [answer, ...rest] = perArticle;
  if (!answer) return null;
  const norm = (t: string) => t.toLowerCase().replace(/\s+/g, ' ');
  const seen = new Set([norm(answer.span!.text)]);
  const earlier: RankedSentence[] = [];
  for (const s of rest) {
    const value = norm(s.span!.text);
    if (seen.has(value)) continue;
    seen.add(value);
    earlier.push(s);
    if (earlier.length === MAX_EARLIER) break;
  }
  return { answer, earlier };
}
