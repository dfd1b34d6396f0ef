export type { Article, CorpusFile, LoadedCorpus, Passage, SkippedInput, Span } from './types.js';
export {
  loadCorpus,
  scanCorpus,
  loadScanned,
  recordedCorpus,
  dedupeArticles,
  repeatsInFile,
  createDuplicateFilter,
  type LoadOptions,
  type LoadResult,
  type FileRecord,
  type ArticleRef,
  type CorpusScan,
  type ScannedFile,
  type RemovedRef,
} from './load.js';
export { readRemoved, writeRemoved, removedKey, syncFolder, REMOVED_FILE, RemovedListError, type RemovedArticle } from './removed.js';
export { walkCorpus, CorpusError, type CorpusEntry } from './walk.js';
export {
  parseCorpusFile,
  decodeText,
  DEFAULT_MAX_FILE_BYTES,
  isLineFormat,
  tooLargeReason,
  SUPPORTED_EXTENSIONS,
  type ParseOptions,
} from './parse.js';
export { buildArticle, type ArticleDraft, type ParsedFile } from './article.js';
export { parseMarkdown, markdownToText } from './markdown.js';
export { parsePlainText } from './text.js';
export { parseJsonLines, parseJsonLinesBytes, JsonLinesReader, type JsonLinesOptions } from './jsonl.js';
export { readCorpusFile, hashFile, type ReadCorpusFile, type ReadFileOptions } from './read.js';
export { parseHtml, articleFromHtml, extractHtml, type ExtractedPage, type HtmlOptions } from './html.js';
export { splitFrontMatter, type FrontMatter } from './frontmatter.js';
export { validateMetadata, normaliseDate, metadataSchema, DateFormatError, type ArticleMetadata } from './metadata.js';
export { cleanText, normaliseWhitespace, isBoilerplateLine, BOILERPLATE_LINES, type CleanOptions } from './clean.js';
export { splitSentences, DEFAULT_MAX_SENTENCE_CHARS, type SentenceOptions } from './sentences.js';
export { chunkArticle, passageId, DEFAULT_CHUNK_OPTIONS, type ChunkOptions } from './chunk.js';
export { shortHash, sha256Hex } from './hash.js';
