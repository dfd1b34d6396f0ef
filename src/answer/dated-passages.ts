/**
 * The publication day of every article and passage of an index, and what a date window makes of
 * them: which passages are eligible (as a filter for the searches), how many, and whether the corpus
 * holds anything published in a period. Undated articles are always eligible: they cannot be placed.
 */
import type { Article } from '../corpus/types.js';
import type { PassageFilter } from '../store/lexical.js';
import { parseIsoDay, type Day, type DayRange } from '../time/days.js';

/** The day of an undated article: below every real day, so sorted arrays keep them first. */
export const UNDATED = -1e9;

/** Index of the first value ≥ `x` in a sorted array. */
function lowerBound(sorted: Int32Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** An article's publication day, UNDATED when it has none (or one that is not a day). */
export function publicationDay(article: Article): number {
  return article.published ? parseIsoDay(article.published) ?? UNDATED : UNDATED;
}

export class DatedPassages {
  /** Publication day of each article and of each passage (UNDATED when unknown). */
  readonly articleDays: Int32Array;
  readonly passageDays: Int32Array;
  private readonly sortedArticleDays: Int32Array;
  private readonly sortedPassageDays: Int32Array;
  private readonly undatedPassages: number;

  /** `articleDays[i]`: article i's `publicationDay`; `passageArticles[p]`: passage p's article. */
  constructor(articleDays: Int32Array, passageArticles: ArrayLike<number>) {
    // Plain loops, not Int32Array.from with a callback: made on every swap to a new index.
    const passageDays = new Int32Array(passageArticles.length);
    for (let i = 0; i < passageDays.length; i++) passageDays[i] = articleDays[passageArticles[i]!]!;
    this.articleDays = articleDays;
    this.passageDays = passageDays;
    this.sortedArticleDays = articleDays.filter((d) => d !== UNDATED).sort();
    this.sortedPassageDays = passageDays.slice().sort();
    this.undatedPassages = lowerBound(this.sortedPassageDays, UNDATED + 1);
  }

  dayOf(article: number): Day | undefined {
    const d = this.articleDays[article]!;
    return d === UNDATED ? undefined : d;
  }

  /** True when some dated article was published in [from, to]. */
  publishedBetween(from: Day, to: Day): boolean {
    const i = lowerBound(this.sortedArticleDays, from);
    return i < this.sortedArticleDays.length && this.sortedArticleDays[i]! <= to;
  }

  /** The newest publication day on or before `to`, or undefined when no dated article is that old. */
  newestOnOrBefore(to: Day): Day | undefined {
    const i = lowerBound(this.sortedArticleDays, to === Infinity ? Infinity : to + 1) - 1;
    return i >= 0 ? this.sortedArticleDays[i] : undefined;
  }

  /** Passages an answer in `window` may draw on; undefined when that is every passage (no filter needed). */
  filter(window: DayRange): PassageFilter | undefined {
    const days = this.sortedArticleDays;
    if (days.length === 0 || (window.from <= days[0]! && window.to >= days[days.length - 1]!)) return undefined;
    const passageDays = this.passageDays;
    const { from, to } = window;
    return (id) => {
      const d = passageDays[id]!;
      return d === UNDATED || (d >= from && d <= to);
    };
  }

  /** How many passages the window admits (binary searches, no scan). */
  eligibleCount(window: DayRange): number {
    const from = lowerBound(this.sortedPassageDays, Math.max(window.from, UNDATED + 1));
    const to = lowerBound(this.sortedPassageDays, window.to + 1);
    return this.undatedPassages + Math.max(0, to - from);
  }

  /** The passages the window admits, in order. */
  eligibleIds(window: DayRange): Int32Array {
    const ids = new Int32Array(this.eligibleCount(window));
    const days = this.passageDays;
    let k = 0;
    for (let id = 0; id < days.length; id++) {
      const d = days[id]!;
      if (d === UNDATED || (d >= window.from && d <= window.to)) ids[k++] = id;
    }
    return ids;
  }
}
