/** Types the store shares with the stages after it. */

export interface IndexSummary {
  files: number;
  articles: number;
  passages: number;
  /** Passages whose vectors were reused from the previous index. */
  reused: number;
  /**
   * Corpus files read and parsed by this build; the others were known unchanged by size and mtime
   * (or by hash) and taken from the previous index. Left out by builds that do not count it.
   */
  filesParsed?: number;
  skipped: { file: string; line?: number; reason: string }[];
  seconds: number;
  /** True when nothing changed since the last build, so no new generation was written. */
  unchanged: boolean;
  /**
   * Incident reports in the new generation, the articles read for them by this build (the others'
   * were kept), the seconds that reading and grouping took, the incidents they group into, the
   * grouping's share of those seconds, and the reports it grouped again (the other incidents were
   * kept from the previous generation). Left out when no generation was written.
   */
  incidents?: { reports: number; articlesRead: number; seconds: number; incidents: number; groupSeconds: number; regrouped: number };
}
