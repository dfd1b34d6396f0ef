/**
 * Answer spans: the words inside a sentence that answer the question's type — a quantity tied to the
 * counted noun, a date, a named actor, a place. Pure functions over one sentence.
 */
import { numberWordValue, tokenize, type Token } from '../store/analyze.js';
import { dayOfDate, type Day } from '../time/days.js';
import { eventDates, mayHoldDate } from '../time/event-dates.js';
import { daysIn, type Question } from './question.js';
import { ASKS_TIME, PERSON_TITLES, besideAsked, clockSpans, definitionSpans, isRelation, reasonSpans, roleSpans } from './phrase-spans.js';

export interface AnswerSpan {
  start: number;
  end: number;
  text: string;
  /** 0..1: how well the span fits the question. */
  score: number;
  /** For a date span: the day it names, resolved against the article's publication day. */
  day?: Day;
}

/** How alike two words are, 0..1 (1 for the same index term); word vectors supply it when loaded. */
export type WordSimilarity = (a: Token, b: Token) => number;

const MONTH_NAMES =
  /^(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?)$/i;
const WEEKDAYS = /^(monday|tuesday|wednesday|thursday|friday|saturday|sunday)$/i;
const REPEATS = /^(times|occasions|instances|incidents)$/i;
/** A passive question: "was/were targeted", "has been hit". */
const PASSIVE = /\b(?:was|were|is|are|been|being)\s+(?:\w+ly\s+)?\w+(?:ed|en|t)\b/i;
/** A question about the dead. */
const DEATH_WORDS = /\b(kill(ed|s|ing)?|die[ds]?|dead|deaths?|death toll|toll|fatalit(y|ies)|casualt(y|ies)|lives)\b/i;
/** Words that make a number near them a toll of the dead. */
const TOLL_BEFORE = /^(toll|tolls|killing|killed|deaths?)$/i;
const TOLL_AFTER = /^(killed|dead|died|deaths|fatalities|lives|bodies)$/i;

/** The number at `i` is a toll: "the death toll … has risen to N" (within fifteen words before), or "N … killed" (within three after). */
function tollAround(tokens: Token[], i: number): boolean {
  for (let j = i - 1; j >= Math.max(0, i - 15); j--) {
    if (TOLL_BEFORE.test(tokens[j]!.word)) return true;
    // Another number in between is the one the toll gives, unless it is a day ("since March 2").
    if (isNumberWord(tokens[j]!) && !MONTH_NAMES.test(tokens[j - 1]?.word ?? '')) break;
  }
  for (let j = i + 1; j <= Math.min(tokens.length - 1, i + 3); j++) if (TOLL_AFTER.test(tokens[j]!.word)) return true;
  return false;
}
/** Nouns that give a count of what follows their "of": "the tally of attacks", "the number of troops". */
const TALLY = /^(tally|total|number|count|toll|figure|amount)$/i;
/** How far back from a number its tally ("the total number of attacks … rose to N") is looked for. */
const TALLY_REACH = 15;

/** The number at `i` gives a tally of the counted thing named before it: "the tally of attacks … reached N". */
function tallyBefore(tokens: Token[], i: number, fitOf: (w: Token) => number): boolean {
  for (let j = i - 1; j >= Math.max(0, i - TALLY_REACH); j--) {
    const w = tokens[j]!;
    if (isNumberWord(w) && !MONTH_NAMES.test(tokens[j - 1]?.word ?? '')) return false;
    if (!TALLY.test(w.word) || !/^of$/i.test(tokens[j + 1]?.word ?? '')) continue;
    // The counted noun ends the phrase after "of": "the number of U.S. troops", within four words.
    for (let k = j + 2; k <= Math.min(i - 1, j + 5); k++) if (tokens[k]!.term !== null && fitOf(tokens[k]!) >= 0.5) return true;
  }
  return false;
}
const TIME_UNITS = /^(seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?)$/i;
const WEEKDAY_IN = /\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b/i;
const QUALIFIER =
  /(?:at least|more than|less than|fewer than|up to|as many as|nearly|almost|about|around|over|some|roughly|approximately|only|exactly)\s+$/i;
const VAGUE_QUANTITIES = new Set(['dozens', 'hundreds', 'thousands', 'scores', 'several', 'dozen', 'millions']);
const CONNECTORS = new Set(['of', 'in', 'for', 'the', 'al', 'el', 'bin', 'ibn', 'de']);
/** Arabic articles written before a name with a hyphen (al-Asad, el-Sisi). */
const NAME_PREFIXES = new Set(['al', 'el', 'ad', 'as', 'ash', 'an', 'ar']);
/** Prepositions that make the name after them a target or a place, not the one who acted. */
const NOT_AGENT = /^(against|at|on|to|into|onto|toward|towards|near|in|from|with|inside|outside)$/i;
const ORG_HEADS =
  /^(group|resistance|brigades?|command|forces|army|ministry|council|party|movement|front|organi[sz]ation|agency|guards?|militia|committee|government|coalition|department|office|state|authority|pentagon|military|navy|police|battalion|corps|hezbollah|hamas|houthis?)$/i;
const PLACE_HEADS = /^(province|base|airbase|city|town|village|governorate|camp|airport|region|district|border|island|strip|bank|port)$/i;
const PLACE_PREPOSITIONS = /^(in|at|near|from|across|outside|inside|into|around|towards?)$/i;

const isNumberWord = (t: Token): boolean =>
  /^\d/.test(t.word) || numberWordValue(t.word) !== null || VAGUE_QUANTITIES.has(t.word.toLowerCase());

/** Quantities: numbers with their qualifier and, when it follows, the counted noun. */
function quantitySpans(sentence: string, tokens: Token[], q: Question, similarity: WordSimilarity): AnswerSpan[] {
  const asked = new Set(q.tokens.map((t) => t.term).filter((t): t is string => t !== null));
  const wantsDuration = /\bhow long\b/i.test(q.text);
  const fitOf = (w: Token) => (wantsDuration ? (TIME_UNITS.test(w.word) ? 1 : 0) : q.focus ? similarity(w, q.focus) : 0);
  const asksDeaths = !wantsDuration && DEATH_WORDS.test(q.text);
  const adjacent = (a: Token, b: Token) => /^\s+$/.test(sentence.slice(a.end, b.start));
  const spans: AnswerSpan[] = [];
  tokens.forEach((t, i) => {
    if (!isNumberWord(t)) return;
    const prev = tokens[i - 1]?.word ?? '';
    const next = tokens[i + 1];
    // Part of a date ("October 17", "17 October") or a year: no count.
    if (MONTH_NAMES.test(prev) || MONTH_NAMES.test(next?.word ?? '') || /^(19|20)\d\d$/.test(t.word)) return;
    // A clock time ("7:49 am", "1:25 p.m."): no count.
    if (/^:\d/.test(sentence.slice(t.end, t.end + 2)) || /\d:$/.test(sentence.slice(Math.max(0, t.start - 2), t.start))) return;
    if (t.term !== null && asked.has(t.term)) return;
    let start = t.start;
    const qualifier = QUALIFIER.exec(sentence.slice(Math.max(0, start - 20), start));
    if (qualifier) start -= qualifier[0].length;
    const weak = t.word.toLowerCase() === 'one' ? 0.6 : 1;
    // A compound counts only what its tail measures ("seven-day" for how long, "two-month" for
    // how many months); most are plain modifiers ("one-way drone", "three-storey building").
    if (next && sentence.slice(t.end, next.start) === '-') {
      const fit = fitOf(next);
      if (fit >= 0.5) spans.push({ start, end: next.end, text: sentence.slice(start, next.end), score: 0.8 * (0.5 + 0.5 * fit) });
      return;
    }
    // The counted noun: the word after the number, or a word like the question's noun within three words.
    let end = next && next.term !== null && adjacent(t, next) ? next.end : t.end;
    let fit = next && end === next.end ? fitOf(next) : 0;
    for (let j = i + 2; j <= i + 3 && j < tokens.length; j++) {
      const w = tokens[j]!;
      const sim = w.term === null ? 0 : fitOf(w);
      if (sim > fit && sim >= 0.5) {
        fit = sim;
        end = w.end;
      }
    }
    // "How many times…?" is answered by "on three occasions".
    if (next && REPEATS.test(next.word) && q.focus && REPEATS.test(q.focus.word)) fit = Math.max(fit, 1);
    // "attacked 46 times", "struck on three occasions": the thing counted is the verb before the number.
    if (fit < 0.5 && next && REPEATS.test(next.word)) {
      for (let j = i - 1; j >= Math.max(0, i - 6); j--) {
        const w = tokens[j]!;
        const sim = w.term === null ? 0 : fitOf(w);
        if (sim >= 0.5) {
          fit = Math.max(fit, sim);
          break;
        }
      }
    }
    // A toll counts the dead whatever it names them: "the death toll climbed to 2,670", "killing 22".
    if (fit < 0.8 && asksDeaths && tollAround(tokens, i)) fit = 0.8;
    // "The tally of rocket attacks … reached 95", "bringing the total number of attacks to 160".
    if (fit < 0.8 && tallyBefore(tokens, i, fitOf)) fit = 0.8;
    spans.push({ start, end, text: sentence.slice(start, end), score: weak * (0.5 + 0.5 * fit) });
  });
  return spans;
}

/** A full written date beats a month, a year or a weekday; a relative phrase ("a day before") is weakest. */
function dateSpanScore(d: { text: string; year?: number; month?: number; day?: number }): number {
  const written = /\d/.test(d.text) || d.text.split(/\s+/).some((w) => MONTH_NAMES.test(w.replace(/\W/g, '')));
  if (!written) return WEEKDAY_IN.test(d.text) ? 0.8 : 0.4;
  if (d.month !== undefined && d.day !== undefined) return 1;
  return 0.85;
}

/**
 * Dates chrono-node can read, and bare weekdays ("on Sunday"). With the article's date known, relative
 * ones are resolved to the day they name; "since Oct 17" starts a count and dates no event, so it
 * scores low.
 */
function dateSpans(sentence: string, reference: Date | undefined, asksFuture: boolean): AnswerSpan[] {
  const published = reference ? dayOfDate(reference) : undefined;
  const resolved = published !== undefined ? eventDates(sentence, published) : [];
  const spans: AnswerSpan[] = resolved.map((d) => {
    const base = d.since ? 0.3 : d.relative ? Math.max(0.9, dateSpanScore(d)) : dateSpanScore({ ...d, month: 1, day: 1 });
    // "When did it happen?" is not answered by a day still ahead when the article was written.
    const ahead = !asksFuture && published !== undefined && d.day > published;
    return { start: d.start, end: d.end, text: d.text, day: d.day, score: ahead ? base * 0.5 : base };
  });
  // Weekdays and written dates were read above; chrono's slower pass only finds more in date-like text.
  for (const d of mayHoldDate(sentence) ? daysIn(sentence, reference) : []) {
    const start = d.index;
    const end = d.index + d.text.length;
    if (spans.some((s) => start < s.end && end > s.start)) continue;
    spans.push({ start, end, text: d.text, score: dateSpanScore(d) });
  }
  return spans;
}

/** Runs of capitalised words joined by small connectors ("Islamic Resistance in Iraq"); punctuation ends a run. */
function nameRuns(sentence: string, tokens: Token[]): { from: number; to: number }[] {
  const joined = (a: Token, b: Token) => /^[\s-]*$/.test(sentence.slice(a.end, b.start));
  const runs: { from: number; to: number }[] = [];
  let i = 0;
  while (i < tokens.length) {
    if (!/^\p{Lu}/u.test(tokens[i]!.word) || (i === 0 && /^(the|a|an|in|on|at)$/i.test(tokens[i]!.word))) {
      i++;
      continue;
    }
    let from = i;
    const prev = tokens[i - 1];
    if (prev && NAME_PREFIXES.has(prev.word.toLowerCase()) && sentence.slice(prev.end, tokens[i]!.start) === '-') from = i - 1;
    let to = i;
    let j = i + 1;
    while (j < tokens.length && joined(tokens[j - 1]!, tokens[j]!)) {
      const w = tokens[j]!.word;
      if (/^\p{Lu}/u.test(w)) to = j;
      else if (!CONNECTORS.has(w.toLowerCase())) break;
      j++;
    }
    runs.push({ from, to });
    i = to + 1;
  }
  return runs;
}

/** Named actors or places, scored by their head words and how close they stand to the question's words. */
function nameSpans(sentence: string, tokens: Token[], q: Question, kind: 'actor' | 'place' | 'name'): AnswerSpan[] {
  const asked = new Set(q.terms);
  const beside = besideAsked(tokens, q);
  const askedNames = [...q.names].filter((n) => n.length >= 4);
  const givenBy = (term: string) => asked.has(term) || askedNames.some((n) => term.startsWith(n));
  const spans: AnswerSpan[] = [];
  const endsWith = /\b(with|to|by|for|from|against|at)\s*\??\s*$/i.exec(q.text)?.[1]?.toLowerCase();
  // "Which militias were targeted?" asks for the ones acted upon, as a question ending in "to" does.
  const asksObject = endsWith !== undefined || (PASSIVE.test(q.text) && !/\bby\b/i.test(q.text));
  for (const { from, to } of nameRuns(sentence, tokens)) {
    const words = tokens.slice(from, to + 1);
    const named = words.filter((w) => /^\p{Lu}/u.test(w.word));
    // A name the question already gives, or its adjective ("Syrian" for Syria, "Ukrainian" for Ukraine), is not what it asks.
    if (named.every((w) => w.term === null || givenBy(w.term))) continue;
    if (named.every((w) => MONTH_NAMES.test(w.word) || WEEKDAYS.test(w.word))) continue;
    const head = words[words.length - 1]!.word;
    const before = tokens[from - 1]?.word ?? '';
    // Question words outside names are its relation ("claimed", "killed"): the answer stands beside one.
    const relation = (k: number) => isRelation(tokens[k], q);
    const nearRelation = [1, 2, 3].some((d) => relation(from - d) || relation(to + d));
    let score = 0.4;
    if (kind === 'actor') {
      if (words.some((w) => ORG_HEADS.test(w.word)) || PERSON_TITLES.test(before) || words.some((w) => PERSON_TITLES.test(w.word))) score += 0.3;
      if (words.length > 1) score += 0.1;
      // The one who acted: "X claimed", "claimed by X"; a name after "against" or "at" was acted upon,
      // unless the question asks for exactly that ("Who did X speak with?").
      if (relation(to + 1) || (/^by$/i.test(before) && relation(from - 2))) score += 0.4;
      else if (nearRelation) score += 0.15;
      // Look past a coordination ("against US and Coalition forces") for the governing preposition.
      const governing = [1, 2, 3].map((d) => tokens[from - d]?.word ?? '').find((w) => NOT_AGENT.test(w) || /^by$/i.test(w));
      // A question ending in a preposition ("Who did he speak to?") asks for the one acted upon.
      if (governing && NOT_AGENT.test(governing) && !asksObject) score -= 0.3;
    } else if (kind === 'name') {
      if (words.length > 1) score += 0.1;
      if (nearRelation) score += 0.3;
    } else {
      if (PLACE_HEADS.test(head) || PLACE_HEADS.test(tokens[to + 1]?.word ?? '')) score += 0.4;
      if (PLACE_PREPOSITIONS.test(before)) score += 0.2;
      if (words.some((w) => ORG_HEADS.test(w.word))) score -= 0.2;
      if (nearRelation) score += 0.15;
    }
    // "Which village…": the name that stands beside the word "village" is the one asked for.
    // …or whose own head is that word: "al-Asad Airbase" for "which base".
    const headWord = head.toLowerCase();
    if (words.some((_, k) => beside.has(from + k)) || q.asked.some((a) => a.word.length >= 3 && headWord.endsWith(a.word.toLowerCase()))) score += ASKED_BONUS;
    // A name whose head the question already holds is rarely its answer ("Who did Blinken call?").
    const headTerm = named[named.length - 1]!.term;
    if (headTerm !== null && givenBy(headTerm)) score -= 0.3;
    score = Math.max(0, Math.min(1, score / 1.1));
    const start = words[0]!.start;
    const end = words[words.length - 1]!.end;
    spans.push({ start, end, text: sentence.slice(start, end), score });
  }
  return spans;
}

/** Span score added to a name beside a which/what question's asked word (before the 1.1 normalisation). */
const ASKED_BONUS = 0.3;

/** Every span of the question's type in `sentence`, best first. */
export function answerSpans(
  sentence: string,
  q: Question,
  options: { similarity: WordSimilarity; reference?: Date; tokens?: Token[] },
): AnswerSpan[] {
  const tokens = options.tokens ?? tokenize(sentence);
  let spans: AnswerSpan[];
  switch (q.type) {
    case 'quantity':
      spans = quantitySpans(sentence, tokens, q, options.similarity);
      break;
    case 'date':
      spans = dateSpans(sentence, options.reference, /\b(will|shall|going to|next|upcoming)\b/i.test(q.text));
      if (ASKS_TIME.test(q.text)) spans.push(...clockSpans(sentence));
      break;
    case 'actor':
      spans = [...nameSpans(sentence, tokens, q, 'actor'), ...roleSpans(sentence, tokens, q)];
      break;
    case 'place':
    case 'name':
      spans = nameSpans(sentence, tokens, q, q.type);
      break;
    case 'definition':
      spans = definitionSpans(sentence, tokens, q);
      break;
    case 'reason':
      spans = reasonSpans(sentence, q);
      break;
    default:
      spans = [];
  }
  return spans.sort((a, b) => b.score - a.score);
}

/** Exact-term similarity, used when no word vectors are loaded. */
export const sameTerm: WordSimilarity = (a, b) => (a.term !== null && a.term === b.term ? 1 : 0);
