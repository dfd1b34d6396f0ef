/**
 * The offline default embedder: SIF-weighted averages of GloVe 100-d word vectors. It returns raw
 * SIF vectors; the store fits and removes the corpus's common component (`removesCommonComponent`).
 */
import { loadGlove, type GloveVectors, type LoadGloveOptions } from './glove.js';
import { SIF_A, sifAverage } from './sif.js';
import { knownWordIndices } from './tokenize.js';
import type { Embedder } from './types.js';

export const GLOVE_EMBEDDER_ID = 'glove-sif-100d';

export interface GloveEmbedderOptions {
  /** SIF smoothing a. Default `SIF_A` (1e-3). */
  a?: number;
}

export class GloveEmbedder implements Embedder {
  readonly id = GLOVE_EMBEDDER_ID;
  readonly dim: number;
  readonly removesCommonComponent = true;
  private readonly a: number;

  constructor(
    /** The word vectors, exposed for query expansion and sentence features. */
    readonly glove: GloveVectors,
    options: GloveEmbedderOptions = {},
  ) {
    this.dim = glove.dim;
    this.a = options.a ?? SIF_A;
  }

  /** One text's unit SIF vector; zero when it has no word GloVe knows. */
  embedOne(text: string): Float32Array {
    const indices = knownWordIndices(text, this.glove);
    return sifAverage(
      indices.map((i) => this.glove.vector(i)),
      indices.map((i) => this.glove.probabilityAt(i)),
      this.dim,
      this.a,
    );
  }

  /** Queries and passages are embedded alike. */
  async embed(texts: string[], _kind: 'query' | 'passage' = 'passage'): Promise<Float32Array[]> {
    return texts.map((t) => this.embedOne(t));
  }
}

/** Loads (or first builds) the GloVe cache under `cacheDir` and returns the embedder. */
export async function createGloveEmbedder(
  cacheDir: string,
  options: GloveEmbedderOptions & LoadGloveOptions = {},
): Promise<GloveEmbedder> {
  return new GloveEmbedder(await loadGlove(cacheDir, options), options);
}
