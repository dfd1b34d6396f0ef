/**
 * Words as GloVe knows them. The vectors (GloVe 6B, via wink) are lower-case; they keep hyphenated
 * compounds ("self-defence", "al-asad") but hold no bare numbers, no single letters and no
 * clitics ("'s", "n't"). Pure functions.
 */

/** Anything that can look a word up; `GloveVectors` is one. */
export interface WordLookup {
  /** Index of the word, or -1 when unknown. */
  indexOf(word: string): number;
}

const APOSTROPHES = /[\u2018\u2019\u201B\u02BC\u2032\u0060\u00B4]/g;
const DASHES_IN_WORDS = /[\u2010\u2011]/g;
/** Letters and digits, joined by inner apostrophes or hyphens ("al-asad", "o'brien", "iraq's"). */
const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:['-][\p{L}\p{N}][\p{L}\p{M}\p{N}]*)*/gu;
/** Clitics that are grammar, not content: "iraq's" → "iraq", "they're" → "they". */
const DROPPED_CLITICS = new Set(['s', 're', 'll', 've', 'd', 'm']);
/** "won't" splits as "wo" + "n't", "can't" as "ca" + "n't". */
const NEGATION_STEMS: Record<string, string> = { wo: 'will', ca: 'can', sha: 'shall', ai: 'is' };

/** Lower-case word tokens of a text, with curly apostrophes straightened and Unicode normalised (NFKC). */
export function wordTokens(text: string): string[] {
  const normal = text.normalize('NFKC').replace(APOSTROPHES, "'").replace(DASHES_IN_WORDS, '-').toLowerCase();
  return normal.match(WORD) ?? [];
}

/** Drops diacritics ("naïve" → "naive"), for words the vocabulary only knows unaccented. */
function stripMarks(word: string): string {
  return word.normalize('NFD').replace(/\p{M}/gu, '');
}

/** The words to look up for one token: clitics handled, hyphenated words split when not known whole. */
export function lookupWords(token: string, vocab: WordLookup): string[] {
  if (token.includes("'")) {
    const parts = token.split("'");
    const last = parts[parts.length - 1];
    if (parts.length === 2 && last === 't' && parts[0].endsWith('n')) {
      const stem = parts[0].slice(0, -1); // "don't" → "do" + "not"
      return [...lookupWords(NEGATION_STEMS[stem] ?? stem, vocab), 'not'];
    }
    if (parts.length === 2 && DROPPED_CLITICS.has(last)) return lookupWords(parts[0], vocab);
    if (vocab.indexOf(token) >= 0) return [token];
    const joined = parts.join(''); // "o'brien" → "obrien"
    if (vocab.indexOf(joined) >= 0) return [joined];
    return parts.flatMap((p) => lookupWords(p, vocab));
  }
  if (vocab.indexOf(token) >= 0) return [token];
  const plain = stripMarks(token);
  if (plain !== token && vocab.indexOf(plain) >= 0) return [plain];
  if (token.includes('-')) return token.split('-').flatMap((p) => lookupWords(p, vocab));
  return [token];
}

/** Indices of the text's known words, in order; unknown words are left out. */
export function knownWordIndices(text: string, vocab: WordLookup): number[] {
  const out: number[] = [];
  for (const token of wordTokens(text)) {
    for (const word of lookupWords(token, vocab)) {
      const i = vocab.indexOf(word);
      if (i >= 0) out.push(i);
    }
  }
  return out;
}
