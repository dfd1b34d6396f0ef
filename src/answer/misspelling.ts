/**
 * Misspellings: news copy has them ("caused no causalities"), and a question spelt right must still
 * find the sentence. Two long words a letter or two apart, one being the other misspelt, count as
 * nearly the same word. Short words are left out: "protest" and "protect" are two words, not a slip.
 */

/** Words at least this long may be one letter off; at least `TWO_OFF_LENGTH`, two. */
const ONE_OFF_LENGTH = 8;
/** The shortest word that can be misspelt in this sense. */
export const MISSPELT_MIN = ONE_OFF_LENGTH;
const TWO_OFF_LENGTH = 10;
/** How much a misspelt word counts for the word it stands for. */
export const MISSPELLING_SIMILARITY = 0.8;

/** Whether `a` and `b` (lower case) are one word, one of them misspelt. */
export function isMisspelling(a: string, b: string): boolean {
  if (a === b || a[0] !== b[0]) return false;
  const shorter = Math.min(a.length, b.length);
  if (shorter < ONE_OFF_LENGTH) return false;
  const allowed = shorter >= TWO_OFF_LENGTH ? 2 : 1;
  return Math.abs(a.length - b.length) <= allowed && editDistance(a, b, allowed) <= allowed;
}

/**
 * Edit distance counting a swap of two neighbouring letters as one edit (optimal string alignment),
 * stopping once every path is over `limit`.
 */
function editDistance(a: string, b: string, limit: number): number {
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2]! + 1);
      row.push(d);
      best = Math.min(best, d);
    }
    if (best > limit) return best;
    prev2 = prev;
    prev = row;
  }
  return prev[b.length]!;
}
