/** Errors the bot's entry points report as a plain message. */
export class MissingTokenError extends Error {
  override readonly name = 'MissingTokenError';
  constructor() {
    super(
      'DISCORD_TOKEN is not set. Create a bot and put its token in .env: see "Discord setup" in the README.',
    );
  }
}

/** What failed, in words, for each error code the index build and the file system use. */
const FAILURES: Record<string, string> = {
  INDEX_LOCKED: 'another index build is running (in another process)',
  INDEX_DAMAGED: 'the index on disk is damaged',
  CORPUS_NOT_FOUND: 'the corpus folder does not exist',
  CORPUS_NOT_A_FOLDER: 'the corpus path is not a folder',
  GLOVE_PACKAGE_MISSING: 'the word vectors are not installed',
  GLOVE_CACHE_BUILD_FAILED: 'the word vectors could not be prepared',
  MODEL_FOLDER_MISSING: 'the embedding model could not be found',
  MODEL_NOT_AVAILABLE: 'the embedding model is not available',
  MODEL_LOAD_FAILED: 'the embedding model could not be loaded',
  BUILD_STOPPED: 'the build process stopped before finishing',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EACCES: 'Sitrep may not write there (permission denied)',
  EPERM: 'Sitrep may not write there (permission denied)',
  EROFS: 'the disk is read-only',
  EMFILE: 'too many files are open',
};

/**
 * What failed, in words a channel may read: never the error's message, which can hold absolute
 * paths or a child process's stderr (those go to the log). Unknown errors say only that it failed.
 */
export function failureInWords(err: unknown, what = 'the index could not be rebuilt'): string {
  const code = (err as { code?: unknown } | null)?.code;
  const known = typeof code === 'string' ? FAILURES[code] : undefined;
  return `${known ?? what} (the bot's log has the details)`;
}
