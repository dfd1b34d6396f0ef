/** Turns texts into vectors. Implementations: GloVe + SIF (offline default) and transformers.js. */
export interface Embedder {
  /** Identifies the model; an index built with one embedder is refused by another. */
  readonly id: string;
  readonly dim: number;
  /**
   * When true, the store fits the corpus's first principal component on the raw passage vectors
   * at index time, stores it with the index, and removes it from passage and query vectors (SIF).
   */
  readonly removesCommonComponent: boolean;
  /** Raw vectors, one per text, unit length (zero vector when a text has no known word). */
  embed(texts: string[], kind: 'query' | 'passage'): Promise<Float32Array[]>;
}
