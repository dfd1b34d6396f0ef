/** Why an embedder could not be made; `code` lets callers react, the message says what to do. */
export type EmbedErrorCode =
  | 'GLOVE_PACKAGE_MISSING'
  | 'GLOVE_CACHE_BUILD_FAILED'
  | 'MODEL_FOLDER_MISSING'
  | 'MODEL_NOT_AVAILABLE'
  | 'MODEL_LOAD_FAILED';

export class EmbedError extends Error {
  override readonly name = 'EmbedError';
  constructor(
    readonly code: EmbedErrorCode,
    message: string,
  ) {
    super(message);
  }
}
