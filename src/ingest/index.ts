/**
 * Growing the corpus from links, files and feeds: `addInputs` and `ingestFeeds` fetch safely, write
 * new articles into CORPUS_DIR as Markdown, recognise duplicates, and say what became of each item.
 * Re-indexing is the caller's step (`buildIndex`, or the bot's hot swap).
 */
import type { Config } from '../config.js';
import { readFeeds } from './feed-ingest.js';
import { IngestSession, type IngestOptions } from './session.js';
import type { FeedReport, Outcome } from './types.js';

export type { AddedOutcome, DuplicateOutcome, FeedReport, ItemHints, Outcome, SkippedOutcome } from './types.js';
export type { IngestOptions } from './session.js';
export { IngestSession, looksLikeUrl } from './session.js';
export { createFetcher, fetcherFromConfig, DEFAULT_FETCHER_OPTIONS, type Fetcher, type FetcherOptions, type Fetched } from './fetch.js';
export { FetchError, type FetchErrorCode } from './errors.js';
export { createAddressPolicy, type AddressAllowance } from './address-policy.js';
export { parseFeedItems, type FeedItem, type ParsedFeed } from './feeds.js';
export { renderArticle, slugFor } from './corpus-writer.js';
export { formatOutcomes, formatFeedReports, countOutcomes } from './summary.js';
export { sitrepUserAgent } from './user-agent.js';
export { removeArticle, formatRemoveOutcome, REMOVED_FOLDER, type RemoveOutcome, type RemoveOptions, type RemovedArticleInfo } from './remove.js';

/**
 * Adds links (http/https) and local files to the corpus; one outcome per article.
 * @example
 * const outcomes = await addInputs(config, ['https://example.com/story']);
 */
export function addInputs(config: Config, inputs: string[], options: IngestOptions = {}): Promise<Outcome[]> {
  return IngestSession.run(config, options, (s) => s.addAll(inputs.map((input) => ({ input }))));
}

/** Adds one web page; never reads a local file, so it is safe for input from chat. */
export function addLink(config: Config, url: string, options: IngestOptions = {}): Promise<Outcome> {
  return IngestSession.run(config, options, (s) => s.addUrl(url.trim()));
}

/** Reads each feed once (default: FEEDS) and adds the items not seen before. */
export function ingestFeeds(config: Config, feeds: readonly string[] = config.FEEDS, options: IngestOptions = {}): Promise<FeedReport[]> {
  return IngestSession.run(config, options, (s) => readFeeds(s, feeds));
}

/** True when the corpus changed and the index should be rebuilt. */
export const anyAdded = (outcomes: Outcome[]) => outcomes.some((o) => o.status === 'added');
