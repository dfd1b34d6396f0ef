/**
 * Turns extracted article text into the canonical form every offset points into: one kind of line
 * ending, plain spaces, no invisible characters, paragraphs split by one blank line, and no page
 * furniture (share buttons, "Related Articles", navigation crumbs) around the story.
 */

/** Whole lines that are page furniture, never story text. Matched case-insensitively, ignoring trailing punctuation. */
export const BOILERPLATE_LINES: readonly RegExp[] = [
  /^related (articles?|stories|posts|content|news|coverage|topics)$/,
  /^(more|latest|top|trending|recommended|popular) (stories|news|articles|from [\w ]+)$/,
  /^(you (may|might) (also )?like|recommended for you|most read|most popular|don'?t miss|editor'?s picks?)$/,
  /^(back to top( button)?|scroll to top|go to top|top of page|skip to (main )?content|skip navigation|jump to)$/,
  /^(share( this( (article|story|post))?)?|share on \w+|share via \w+|tweet( this)?|email|print|copy link|pin it|whatsapp|facebook|twitter|linkedin|telegram|reddit)$/,
  /^(advertisement|advertisements|advert|sponsored( content)?|ad|ads|promoted|story continues below( advertisement)?|continue reading( below)?)$/,
  /^(read more|read next|read also|see also|also read|more on this( story)?|click here( to read more)?|view comments|comments|leave a (comment|reply)|show comments)$/,
  /^(subscribe|subscribe now|sign up( for (our|the) newsletter)?|newsletter|log ?in|sign in|register|follow us( on \w+)?)$/,
  /^(tags?|topics?|filed under|categories|category)$/,
  /^(this (website|site) uses cookies.*|we use cookies.*|accept( all)?( cookies)?|reject( all)?|cookie (settings|policy|preferences)|manage (cookies|preferences)|privacy policy|terms of (use|service)|.{0,80}all rights reserved\.?|© ?(\d{4}|\p{L})[^.!?]{0,80}|copyright ©?[^.!?]{0,80})$/u,
  /^(home|menu|search|close|next|previous|prev|next article|previous article|loading)$/,
];

const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;
/** NBSP and the other Unicode spaces news sites like to use. */
const ODD_SPACES = /[\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000\t\v\f]/g;
/** A line with any of these reads as prose rather than as a menu item or label. */
const SENTENCE_PUNCTUATION = /[.!?:;"“”]/;
/** Navigation crumbs are short: "AmericasMiddle East", "World", "Iraq | Syria". */
const MAX_NAV_WORDS = 5;

export interface CleanOptions {
  /** The article's title: a first line repeating it is dropped. */
  title?: string;
}

/** Line endings, odd spaces and invisible characters normalised; each line trimmed. */
export function normaliseWhitespace(raw: string): string {
  return raw
    .replace(/\r\n?|\u2028|\u2029|\u0085/g, '\n')
    .replace(ZERO_WIDTH, '')
    .replace(ODD_SPACES, ' ')
    .split('\n')
    .map((line) => line.replace(/ {2,}/g, ' ').trim())
    .join('\n');
}

/** Leading marks of a line that is not prose: bullets, quote marks, arrows. */
const LEADING_MARKS = /[\s#>*•·|»›→-]/;
/** Trailing punctuation and arrows, as in "Related Articles »" or "Share:". */
const TRAILING_MARKS = /[\s.:!»›→|•·-]/;

/**
 * `text` without a leading run of `lead` characters and a trailing run of `trail` ones, found with a
 * loop: as one pattern (`[…]+$`), a long run not at the end was scanned again from each of its
 * characters, taking time that grew with the square of the run.
 */
function trimMarks(text: string, lead: RegExp, trail: RegExp): string {
  let start = 0;
  let end = text.length;
  while (start < end && lead.test(text[start]!)) start++;
  while (end > start && trail.test(text[end - 1]!)) end--;
  return text.slice(start, end);
}

function comparable(line: string): string {
  return trimMarks(line.toLowerCase().replace(/[\s\u00A0]+/g, ' '), LEADING_MARKS, TRAILING_MARKS).trim();
}

/** True for lines such as "Related Articles" or "Back to top button". */
export function isBoilerplateLine(line: string): boolean {
  const c = comparable(line);
  return c !== '' && BOILERPLATE_LINES.some((re) => re.test(c));
}

/** A short line with no sentence punctuation: a menu item, section label or breadcrumb. */
function looksLikeNavigation(line: string): boolean {
  // Split no further than needed: a long line would otherwise become an array of all its words.
  return !SENTENCE_PUNCTUATION.test(line) && line.split(/\s+/, MAX_NAV_WORDS + 1).length <= MAX_NAV_WORDS;
}

/**
 * Cleans a body text. Page furniture is dropped line by line; short navigation-like lines are dropped
 * only at the very start and end, and only when real prose remains, so a one-line article survives.
 */
export function cleanText(raw: string, options: CleanOptions = {}): string {
  let lines = normaliseWhitespace(raw)
    .split('\n')
    .filter((line) => !isBoilerplateLine(line));

  const nonEmpty = (i: number) => lines[i] !== '';
  const isProse = (i: number) => nonEmpty(i) && !looksLikeNavigation(lines[i]);
  const firstProse = lines.findIndex((_, i) => isProse(i));
  if (firstProse >= 0) {
    let lastProse = lines.length - 1;
    while (!isProse(lastProse)) lastProse--;
    lines = lines.slice(firstProse, lastProse + 1);
  }

  const title = options.title ? comparable(normaliseWhitespace(options.title)) : '';
  const firstLine = lines.findIndex((l) => l !== '');
  if (title && firstLine >= 0 && comparable(lines[firstLine]) === title) lines.splice(firstLine, 1);

  return lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
