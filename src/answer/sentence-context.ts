/**
 * What surrounds a candidate sentence in its article: the sentences before and after it (what its
 * "the attack" refers back to, or the details a lead sentence leaves to the next), and the days it
 * names, resolved against its article's date. Both are built lazily and kept per index.
 */
import type { Span } from '../corpus/types.js';
import type { StoredIndex } from '../store/stored-index.js';
import { inRange, isoDay, type DayRange } from '../time/days.js';
import { eventDates, mayHoldEventDate, type EventDate } from '../time/event-dates.js';
import type { DatedPassages } from './dated-passages.js';
import type { QuoteDate } from './types.js';

/** Event dates kept at most, by sentence: a memo, cleared when full. */
const DATES_MEMO_LIMIT = 50_000;

interface SentenceAt {
  article: number;
  start: number;
  text: string;
}

export class SentenceContext {
  /** Passages of one article are stored together: where each article's run begins and ends. */
  private readonly runs = new Map<number, { from: number; to: number }>();
  private readonly neighbours = new Map<number, Map<number, { previous?: Span; next?: Span }>>();
  private readonly dates = new Map<string, EventDate[]>();

  constructor(
    private readonly index: StoredIndex,
    private readonly dated: DatedPassages,
  ) {
    index.passages.forEach((p, i) => {
      const run = this.runs.get(p.article);
      if (run) run.to = i;
      else this.runs.set(p.article, { from: i, to: i });
    });
  }

  /** The texts of the sentences before and after the one starting at `start`. */
  around(article: number, start: number): { previous?: string; next?: string } {
    let byStart = this.neighbours.get(article);
    if (!byStart) {
      const run = this.runs.get(article)!;
      const spans = this.index.passages.slice(run.from, run.to + 1).flatMap((p) => p.sentences);
      spans.sort((a, b) => a.start - b.start);
      const unique = spans.filter((s, i) => i === 0 || s.start !== spans[i - 1]!.start);
      byStart = new Map(unique.map((s, i) => [s.start, { previous: unique[i - 1], next: unique[i + 1] }]));
      this.neighbours.set(article, byStart);
    }
    const found = byStart.get(start);
    const text = this.index.articles[article]!.text;
    const slice = (span: Span | undefined) => span && text.slice(span.start, span.end);
    return { previous: slice(found?.previous), next: slice(found?.next) };
  }

  /** The days a sentence names, read by chrono once per index. */
  eventDates(s: SentenceAt): EventDate[] {
    const key = `${s.article}:${s.start}`;
    let found = this.dates.get(key);
    if (!found) {
      found = eventDates(s.text, this.dated.dayOf(s.article));
      if (this.dates.size > DATES_MEMO_LIMIT) this.dates.clear();
      this.dates.set(key, found);
    }
    return found;
  }

  /** A sentence speaks of the period when a day it names lies in it, or, naming none, its article was published in it. */
  inPeriod(s: SentenceAt, period: DayRange): boolean {
    // Most sentences name no day but a "since …" (chrono is slow): those go by their article's date.
    const days = mayHoldEventDate(s.text) ? this.eventDates(s).filter((d) => !d.since) : [];
    if (days.length > 0) return days.some((d) => inRange(d.day, period));
    const published = this.dated.dayOf(s.article);
    return published === undefined || inRange(published, period);
  }

  /** The days a quoted sentence names, as an answer carries them. */
  quoteDates(s: SentenceAt): QuoteDate[] {
    return this.eventDates(s).map((d) => ({ text: d.text, start: d.start, end: d.end, date: isoDay(d.day), relative: d.relative }));
  }
}
