/**
 * Stories: the reports of one event, recognised by their text (see story-sketch.ts). A new report
 * joins the most similar story of the last few days when the estimated Jaccard similarity of their
 * terms reaches SAME_STORY; otherwise it starts a story of its own.
 */
import { similarity } from './story-sketch.js';

/**
 * Measured on invented wire pairs (test/bot/stories.test.ts): reports of one event 0.37–0.49,
 * different events 0.03–0.13, and a second, different attack on the same kind of target 0.15–0.23.
 */
export const SAME_STORY = 0.3;
/** Reports more than this many days apart are never one story. */
export const STORY_WINDOW_DAYS = 3;
const DAY_MS = 86_400_000;

export interface StoryReport {
  /** As in a SourceRef: corpus-relative, `:line` for JSONL. */
  file: string;
  title: string;
  source: string | null;
  published: string | null;
  url: string | null;
}

export interface Story {
  id: string;
  /** MinHash signature of the first report (the one quoted). */
  sig: number[];
  /** ISO time the story was first seen. */
  at: string;
  /** The first report's lead sentence, verbatim. */
  sentence: string;
  reports: StoryReport[];
  /** The alert posted for it, by channel id. */
  messages: Record<string, string>;
}

/** The day a report counts from: its publication date, else when it was seen. */
function dayOf(published: string | null, at: string): number {
  return Date.parse(published ? `${published}T00:00:00Z` : at);
}

/** The story a new report belongs to, or null. */
export function findStory(stories: Story[], sig: number[], published: string | null, at: string): Story | null {
  const day = dayOf(published, at);
  let best: Story | null = null;
  let bestScore = SAME_STORY;
  for (const s of stories) {
    const first = s.reports[0];
    if (first && Math.abs(dayOf(first.published, s.at) - day) > STORY_WINDOW_DAYS * DAY_MS) continue;
    const score = similarity(s.sig, sig);
    if (score >= bestScore) {
      best = s;
      bestScore = score;
    }
  }
  return best;
}

const outletKey = (s: string | null) => (s ?? '').trim().toLowerCase();

/** The outlets of a story after its first, in the order they brought it, each once. */
export function alsoReportedBy(story: Story): string[] {
  const first = outletKey(story.reports[0]?.source ?? null);
  const seen = new Set([first]);
  const out: string[] = [];
  for (const r of story.reports.slice(1)) {
    const k = outletKey(r.source);
    if (!k || seen.has(k)) continue;
    seen.add(k);
    out.push(r.source!.trim());
  }
  return out;
}
