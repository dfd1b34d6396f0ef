/** Index errors carry a code for programs and a message that says what to do. */
export type IndexErrorCode =
  | 'INDEX_MISSING'
  | 'INDEX_DAMAGED'
  | 'SCHEMA_MISMATCH'
  | 'EMBEDDER_MISMATCH'
  | 'INDEX_LOCKED';

export class IndexError extends Error {
  override readonly name = 'IndexError';
  constructor(
    readonly code: IndexErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export const REBUILD_HINT = 'Run `npm run index` to rebuild it.';
