/**
 * Answer text normalisation for scoring: the SQuAD evaluation's rules (lower case, no punctuation,
 * no articles, single spaces) plus number formats, so that "78", "seventy-eight" and "Seventy Eight"
 * all read "78", and "1,200" reads "1200". Kept apart from Sitrep's own analyser on purpose: the
 * yardstick must not share the code it measures.
 */

const UNITS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17,
  eighteen: 18, nineteen: 19,
};
const TENS: Record<string, number> = {
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};
const SCALES: Record<string, number> = { thousand: 1e3, million: 1e6, billion: 1e9 };
const ARTICLES = new Set(['a', 'an', 'the']);

const isNumberWord = (w: string) => w in UNITS || w in TENS || w === 'hundred' || w in SCALES;

/**
 * Reads one run of number words ("one hundred and five", "seventy eight", "three thousand") starting
 * at `from`; returns its value and the index after it, or null when no number word starts there.
 */
function readNumberWords(words: string[], from: number): { value: number; next: number } | null {
  let total = 0;
  let current = 0;
  // What the previous word was, so that "two three" stays two numbers while "twenty three" is one.
  let last: 'none' | 'unit' | 'tens' | 'hundred' | 'scale' = 'none';
  let i = from;
  while (i < words.length) {
    const w = words[i]!;
    if (w === 'and' && (last === 'hundred' || last === 'scale') && i + 1 < words.length && isNumberWord(words[i + 1]!)) {
      i++;
      continue;
    }
    if (w in UNITS) {
      if (last === 'unit' || (last === 'tens' && UNITS[w]! >= 10)) break;
      current += UNITS[w]!;
      last = 'unit';
    } else if (w in TENS) {
      if (last === 'unit' || last === 'tens') break;
      current += TENS[w]!;
      last = 'tens';
    } else if (w === 'hundred') {
      if (last === 'hundred') break;
      current = (current || 1) * 100;
      last = 'hundred';
    } else if (w in SCALES) {
      total += (current || 1) * SCALES[w]!;
      current = 0;
      last = 'scale';
    } else break;
    i++;
  }
  return last === 'none' ? null : { value: total + current, next: i };
}

/** Lower-cased words with punctuation gone, digit groups joined ("1,200" → "1200"), hyphens split. */
function words(text: string): string[] {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .replace(/(\d),(?=\d{3}\b)/g, '$1')
    .replace(/'s\b/g, '')
    // Keep decimal points between digits; every other punctuation mark separates words.
    .replace(/(?<!\d)\.|\.(?!\d)/g, ' ')
    .replace(/[^\p{L}\p{N}.]+/gu, ' ')
    .split(' ')
    .filter(Boolean);
}

/** The normalised word sequence of a text, number words turned into digits, articles dropped. */
export function normaliseAnswer(text: string): string[] {
  const input = words(text);
  const out: string[] = [];
  for (let i = 0; i < input.length; ) {
    const number = readNumberWords(input, i);
    if (number) {
      out.push(String(number.value));
      i = number.next;
      continue;
    }
    const w = input[i]!;
    // "3 million" and "3 thousand" read as the figure itself.
    const scale = SCALES[input[i + 1] ?? ''];
    if (/^\d+$/.test(w) && scale !== undefined) {
      out.push(String(Number(w) * scale));
      i += 2;
      continue;
    }
    if (!ARTICLES.has(w)) out.push(w);
    i++;
  }
  return out;
}

/** True when `haystack` contains `needle` as whole normalised words (case- and number-format-insensitive). */
export function containsAnswer(haystack: string, needle: string): boolean {
  const n = normaliseAnswer(needle);
  if (n.length === 0) return false;
  const h = ` ${normaliseAnswer(haystack).join(' ')} `;
  return h.includes(` ${n.join(' ')} `);
}

/** True when `text` contains any of the gold answers. */
export function containsAnyAnswer(text: string, golds: readonly string[]): boolean {
  return golds.some((g) => containsAnswer(text, g));
}

/** SQuAD's exact match: the normalised words of `span` equal those of some gold answer. */
export function exactMatch(span: string, golds: readonly string[]): boolean {
  const s = normaliseAnswer(span).join(' ');
  return s !== '' && golds.some((g) => normaliseAnswer(g).join(' ') === s);
}

/** SQuAD's token F1 of a span against its best gold answer (bag of normalised words). */
export function tokenF1(span: string, golds: readonly string[]): number {
  const s = normaliseAnswer(span);
  let best = 0;
  for (const g of golds) {
    const gw = normaliseAnswer(g);
    const counts = new Map<string, number>();
    for (const w of gw) counts.set(w, (counts.get(w) ?? 0) + 1);
    let common = 0;
    for (const w of s) {
      const c = counts.get(w) ?? 0;
      if (c > 0) {
        common++;
        counts.set(w, c - 1);
      }
    }
    if (common === 0) continue;
    const precision = common / s.length;
    const recall = common / gw.length;
    best = Math.max(best, (2 * precision * recall) / (precision + recall));
  }
  return best;
}
