/**
 * Sentence boundaries for news prose, as offsets into the text so any sentence can be quoted exactly.
 * Rule-based rather than `Intl.Segmenter`: ICU breaks after every "Mr." and "J." and after every
 * single newline, and its behaviour varies with the ICU build, while quotes must be the same everywhere.
 */
import type { Span } from './types.js';

export interface SentenceOptions {
  /** A run-on "sentence" (a table, a list without punctuation) is cut at whitespace beyond this length. Default 1000. */
  maxChars?: number;
}

export const DEFAULT_MAX_SENTENCE_CHARS = 1000;

/** Never end a sentence: titles and ranks that precede a name. */
const TITLES = new Set(
  'mr mrs ms mx dr prof gen lt col maj capt cpt sgt cpl pvt pte adm cmdr cdr brig gov sen rep pres rev hon amb fr sr jr supt insp det messrs mme mlle gens sgts'.split(' '),
);
/** End a sentence only before a digit would be wrong: "Oct. 17", "No. 5". */
const BEFORE_NUMBER = new Set('jan feb mar apr jun jul aug sep sept oct nov dec no nos vol p pp fig art para sec ch'.split(' '));
/** Abbreviations that often sit mid-sentence but can also end one ("Acme Inc.", "St. Louis", "etc."). */
const AMBIGUOUS = new Set('inc ltd co corp plc llc st vs etc approx est dept univ assn bros mt ft ave blvd rd cf al'.split(' '));
/** After an ambiguous abbreviation, these words suggest a new sentence has begun. */
const SENTENCE_STARTERS = new Set(
  ('the a an it its he she they we i you this that these those there here in on at but and or so if when while after before ' +
    'as since meanwhile however his her their our my no yes some many one for of to by with what who where why how earlier later ' +
    'both each all most other another then still yet also').split(' '),
);

/** A blank line, or a newline that starts a list item: both always end a sentence. */
const HARD_BREAK = /\n[^\S\n]*\n|\n(?=[^\S\n]*(?:[-*•▪]|\d{1,3}[.)])[^\S\n])/g;
/**
 * Terminal punctuation, any closing quotes or brackets, then whitespace or the end. Tried only where
 * a run of terminal punctuation begins: a match always takes the whole run, and trying again from
 * inside a long run of dots (`.....x`) took time growing with the square of the run.
 */
const CANDIDATE = /(?<![.!?…])([.!?…]+)([”"’'»)\]]*)(?=\s|$)/g;
const OPENERS = /^[\s“"‘'«(\[]*/;

function breaksAfterPeriod(before: string, next: string): boolean {
  const token = /[^\s“"‘'«(\[]*$/.exec(before)?.[0] ?? '';
  const word = token.toLowerCase();
  const nextWord = /^[\p{L}\p{N}'’]+/u.exec(next)?.[0]?.toLowerCase() ?? '';
  const startsWithDigit = /^\p{N}/u.test(next);
  if (TITLES.has(word)) return false;
  if (BEFORE_NUMBER.has(word) && startsWithDigit) return false;
  // Initials: "J. Smith", "George W. Bush".
  if (/^\p{Lu}$/u.test(token)) return false;
  // Acronyms written with dots ("U.S.", "U.N." — `before` holds all but the final dot) and the ambiguous ones.
  if (/^(?:\p{L}\.)+\p{L}$/u.test(token) || AMBIGUOUS.has(word)) return SENTENCE_STARTERS.has(nextWord);
  return true;
}

/** Whether the candidate boundary ending at `end` (terminators `term`) really ends a sentence. */
function isBoundary(text: string, termStart: number, term: string, end: number, regionEnd: number): boolean {
  const rest = text.slice(end, Math.min(regionEnd, end + 80));
  const next = rest.replace(OPENERS, '');
  if (next === '') return true;
  // "e.g. the", "“Why?” he asked": lowercase continues the sentence.
  if (/^\p{Ll}/u.test(next)) return false;
  if (term !== '.') return true;
  return breaksAfterPeriod(text.slice(Math.max(0, termStart - 40), termStart), next);
}

function pushTrimmed(text: string, start: number, end: number, maxChars: number, out: Span[]): void {
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  while (end - start > maxChars) {
    // Cut a run-on at the last whitespace within the limit (or hard at the limit if there is none).
    let cut = start + maxChars;
    while (cut > start && !/\s/.test(text[cut])) cut--;
    if (cut === start) cut = start + maxChars;
    pushTrimmed(text, start, cut, maxChars, out);
    start = cut;
    while (start < end && /\s/.test(text[start])) start++;
  }
  if (end > start) out.push({ start, end });
}

/**
 * Splits text into sentences: spans `[start, end)` into `text`, in order, non-empty, with no
 * surrounding whitespace. Paragraph breaks always end a sentence; abbreviations ("U.S.", "Gen.",
 * "Oct. 17"), initials, decimals, ellipses and closing quotes (`said.”`) are handled.
 */
export function splitSentences(text: string, options: SentenceOptions = {}): Span[] {
  const maxChars = Math.max(1, options.maxChars ?? DEFAULT_MAX_SENTENCE_CHARS);
  const spans: Span[] = [];
  // Candidates are found in one pass over the whole text and shared out to the regions between hard
  // breaks (none lies inside a break, which holds only whitespace): slicing each region and matching
  // it anew cost an allocation per region, which a text of many short lines made the main cost.
  const candidates = text.matchAll(CANDIDATE);
  let candidate = candidates.next();
  const region = (regionStart: number, regionEnd: number) => {
    let sentenceStart = regionStart;
    for (; !candidate.done && candidate.value.index < regionEnd; candidate = candidates.next()) {
      const m = candidate.value;
      const end = m.index + m[0].length;
      if (isBoundary(text, m.index, m[1]!, end, regionEnd)) {
        pushTrimmed(text, sentenceStart, end, maxChars, spans);
        sentenceStart = end;
      }
    }
    pushTrimmed(text, sentenceStart, regionEnd, maxChars, spans);
  };
  let from = 0;
  for (const m of text.matchAll(HARD_BREAK)) {
    region(from, m.index);
    from = m.index + m[0].length;
  }
  region(from, text.length);
  return spans;
}
