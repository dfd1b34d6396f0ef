/**
 * `/latest [topic] [days]`: the newest stories of the last days, each once however many outlets
 * reported it (the same recognition as alerts), with its lead sentence.
 */
import { isoDay, todayIn } from '../time/days.js';
import type { ArticleInfo } from '../sitrep.js';
import { resolveDir } from '../config.js';
import { readLead } from './article-lead.js';
import type { BotContext } from './command.js';
import { findStory, type Story } from './stories.js';
import { sketch, storyTerms } from './story-sketch.js';

export const LATEST_STORIES = 10;
/** Newest articles read to make those stories (several may be one story). */
const CANDIDATES = 40;
/** Passages a topic search looks at. */
const TOPIC_HITS = 200;

export async function latestStories(ctx: BotContext, options: { topic: string | null; days: number }): Promise<Story[]> {
  const today = todayIn(ctx.config.TIME_ZONE);
  const since = isoDay(today - (options.days - 1));
  let articles: ArticleInfo[] = ctx.sitrep.sources().filter((a) => a.published !== null && a.published >= since && a.published <= isoDay(today));
  if (options.topic) {
    const hits = await ctx.sitrep.search(options.topic, { k: TOPIC_HITS, mode: 'lexical' });
    const files = new Set(hits.map((h) => (h.line ? `${h.file}:${h.line}` : h.file)));
    articles = articles.filter((a) => files.has(a.file));
  }
  articles.sort((a, b) => b.published!.localeCompare(a.published!) || a.title.localeCompare(b.title));
  const stories: Story[] = [];
  for (const a of articles.slice(0, CANDIDATES)) {
    const lead = await readLead(resolveDir(ctx.config.CORPUS_DIR), a.file, ctx.config.MAX_FILE_BYTES);
    if (!lead) continue;
    const sig = sketch(storyTerms(a.title, lead.lead));
    const report = { file: a.file, title: a.title, source: a.source, published: a.published, url: a.url };
    const story = findStory(stories, sig, a.published, new Date().toISOString());
    if (story) story.reports.push(report);
    else stories.push({ id: a.file, sig, at: new Date().toISOString(), sentence: lead.sentence, reports: [report], messages: {} });
  }
  return stories.slice(0, LATEST_STORIES);
}
