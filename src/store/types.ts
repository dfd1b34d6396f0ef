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
   * were kept), the seconds that reading and grouping took of the build's own time, the incidents
   * they group into, the grouping's share of the reading's time, and the reports it grouped again (the
   * other incidents were kept from the previous generation). `thread`: the reports were read in a
   * worker thread while the passages were embedded (a whole build of many articles), so `seconds` is
   * the thread's start and the wait for it after the embedding, and `threadSeconds` the time from the
   * thread's start until its reports were in hand. Left out when no generation was written.
   */
  incidents?: { reports: number; articlesRead: number; seconds: number; incidents: number; groupSeconds: number; regrouped: number; thread?: true; threadSeconds?: number };
}
