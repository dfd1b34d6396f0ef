/** Picks the embedder a config names: "glove" (the offline default) or a transformer model. */
import { resolveDir, type Config } from '../config.js';
import { createGloveEmbedder } from './glove-embedder.js';
import type { Log } from './glove-build.js';
import { createTransformersEmbedder, type ModelDtype } from './transformers.js';
import type { Embedder } from './types.js';

export interface CreateEmbedderOptions {
  /** May a transformer model missing from MODEL_CACHE_DIR be downloaded? Default true; tests pass false. */
  allowRemoteModels?: boolean;
  /** Texts per transformer call. Default 32. */
  batchSize?: number;
  /** Transformer weights variant. Default 'fp32'. */
  dtype?: ModelDtype;
  /** Progress lines while the GloVe cache is built. Default: stderr. */
  log?: Log;
}

/** True when EMBEDDING_MODEL names the built-in GloVe + SIF embedder. */
export function isGloveModel(model: string): boolean {
  return ['glove', 'glove-sif-100d'].includes(model.trim().toLowerCase());
}

export async function createEmbedder(config: Config, options: CreateEmbedderOptions = {}): Promise<Embedder> {
  const cacheDir = resolveDir(config.MODEL_CACHE_DIR);
  if (isGloveModel(config.EMBEDDING_MODEL)) return createGloveEmbedder(cacheDir, { log: options.log });
  return createTransformersEmbedder({
    model: config.EMBEDDING_MODEL,
    cacheDir,
    allowRemoteModels: options.allowRemoteModels,
    batchSize: options.batchSize,
    dtype: options.dtype,
  });
}
