/**
 * Small scanning helpers for the text functions that replaced backtracking regular expressions:
 * "where is the next X after here" answered once per position rather than once per attempt.
 */

/**
 * The next position at or after `from` whose character is one of `chars`. Lookups made in
 * increasing order reuse the last answer, so a whole pass costs one scan of the text; a lookup
 * behind the last one scans again, so any order stays correct.
 */
export class NextOf {
  private lastFrom = -1;
  private found = -1;

  constructor(
    private readonly text: string,
    private readonly chars: string,
  ) {}

  /** The position, or -1 when there is none. */
  from(from: number): number {
    if (this.lastFrom >= 0 && from >= this.lastFrom && (this.found < 0 || this.found >= from)) return this.found;
    this.lastFrom = from;
    for (let at = from; at < this.text.length; at++) {
      if (this.chars.includes(this.text[at]!)) return (this.found = at);
    }
    return (this.found = -1);
  }
}
