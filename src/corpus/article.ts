/** The step every format shares: validated metadata plus cleaned text become an `Article`. */
import { cleanText } from './clean.js';
import { shortHash } from './hash.js';
import { validateMetadata } from './metadata.js';
import type { Article, SkippedInput } from './types.js';

/** What a format parser found, before validation and cleaning. */
export interface ArticleDraft {
  /** Raw metadata fields (title, source, published or date, url); validated here. */
  metadata: Record<string, unknown>;
  body: string;
  /** 1-based line, for formats with one article per line. */
  line?: number;
}

/** Articles a file yielded, and the inputs in it that were passed over. */
export interface ParsedFile {
  articles: Article[];
  skipped: SkippedInput[];
}

export function skip(file: string, reason: string, line?: number): SkippedInput {
  return line === undefined ? { file, reason } : { file, line, reason };
}

/** An Article, or the reason the draft cannot be one. */
export function buildArticle(file: string, draft: ArticleDraft): { article: Article } | { skipped: SkippedInput } {
  const meta = validateMetadata(draft.metadata);
  if (!meta.ok) return { skipped: skip(file, meta.reason, draft.line) };
  const text = cleanText(draft.body, { title: meta.metadata.title });
  if (!text) return { skipped: skip(file, 'no text after cleaning', draft.line) };
  const article: Article = { id: shortHash(text), file, ...meta.metadata, text };
  if (draft.line !== undefined) article.line = draft.line;
  return { article };
}

/** Collects built drafts and skips into one result. */
export function buildAll(file: string, drafts: Array<ArticleDraft | SkippedInput>): ParsedFile {
  const out: ParsedFile = { articles: [], skipped: [] };
  for (const d of drafts) {
    if ('reason' in d) {
      out.skipped.push(d);
      continue;
    }
    const built = buildArticle(file, d);
    if ('article' in built) out.articles.push(built.article);
    else out.skipped.push(built.skipped);
  }
  return out;
}
