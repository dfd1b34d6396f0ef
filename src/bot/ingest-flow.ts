/**
 * What /add and the feed poller share: add to the corpus, then rebuild and swap the index the way
 * /reindex does (a child process, then a hot swap), waiting for a re-index already running.
 * Fetched pages are read in the process's page-reader worker, each within PAGE_READ_MS (a page
 * that takes longer is refused with that reason): the bot goes on answering while a page is read.
 */
import { withoutCredentials } from '../ingest/credentials.js';
import { addLink, anyAdded, ingestFeeds, removeArticle, type FeedReport, type Outcome, type RemoveOutcome } from '../ingest/index.js';
import type { BotContext } from './command.js';
import { failureInWords } from './errors.js';
import { ReindexBusyError, type IndexKeeper, type RebuildResult } from './index-keeper.js';

const BUSY_RETRY_MS = 250;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Rebuilds and swaps. When a re-index is already running it waits for it and then builds again:
 * the running one may have read the corpus before the new article was written.
 */
export async function rebuildWhenFree(index: IndexKeeper): Promise<RebuildResult> {
  for (;;) {
    while (index.rebuilding) await sleep(BUSY_RETRY_MS);
    try {
      return await index.rebuild();
    } catch (err) {
      if (!(err instanceof ReindexBusyError)) throw err;
    }
  }
}

export interface LinkResult {
  outcome: Outcome;
  /** Set when the article was added: whether the new index is live, or why it is not. */
  indexed?: { ok: true } | { ok: false; reason: string };
}

export async function addLinkAndIndex(ctx: BotContext, url: string): Promise<LinkResult> {
  const outcome = await addLink(ctx.config, url, { onWarning: (m) => ctx.logger.warn(m) });
  ctx.logger.info({ outcome }, 'link added to the corpus');
  if (outcome.status !== 'added') return { outcome };
  try {
    await rebuildWhenFree(ctx.index);
    return { outcome, indexed: { ok: true } };
  } catch (err) {
    ctx.logger.error({ err }, 'index rebuild after /add failed');
    return { outcome, indexed: { ok: false, reason: failureInWords(err) } };
  }
}

export interface RemoveResult {
  outcome: RemoveOutcome;
  /** Set when an article was removed: whether the index without it is live, or why it is not. */
  indexed?: { ok: true } | { ok: false; reason: string };
}

/** Takes an article out (a corpus path read inside the corpus folder only, or a URL), then rebuilds and swaps as /add does. */
export async function removeAndIndex(ctx: BotContext, input: string): Promise<RemoveResult> {
  const outcome = await removeArticle(ctx.config, input, { fromChat: true });
  ctx.logger.info({ outcome }, 'remove from the corpus');
  if (outcome.status !== 'removed') return { outcome };
  try {
    await rebuildWhenFree(ctx.index);
    return { outcome, indexed: { ok: true } };
  } catch (err) {
    ctx.logger.error({ err }, 'index rebuild after /remove failed');
    return { outcome, indexed: { ok: false, reason: failureInWords(err) } };
  }
}

/** Reads FEEDS once; rebuilds and swaps when anything was added. */
export async function pollFeedsAndIndex(ctx: BotContext): Promise<FeedReport[]> {
  const reports = await ingestFeeds(ctx.config, ctx.config.FEEDS, { onWarning: (m) => ctx.logger.warn(m) });
  for (const r of reports) {
    const counts = { added: 0, duplicate: 0, skipped: 0 };
    for (const o of r.outcomes) counts[o.status]++;
    // A feed configured with a password keeps it out of the log.
    const feed = withoutCredentials(r.feed);
    ctx.logger.info({ feed, status: r.status, reason: r.reason, items: r.items, fresh: r.fresh, ...counts }, 'feed read');
    for (const o of r.outcomes) if (o.status === 'skipped') ctx.logger.warn({ feed, item: o.input, reason: o.reason }, 'feed item skipped');
  }
  if (anyAdded(reports.flatMap((r) => r.outcomes))) await rebuildWhenFree(ctx.index);
  return reports;
}
