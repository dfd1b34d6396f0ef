export type { Embedder } from './types.js';
export { EmbedError, type EmbedErrorCode } from './errors.js';
export { createEmbedder, isGloveModel, type CreateEmbedderOptions } from './create.js';
export { GloveVectors, loadGlove, type LoadGloveOptions, type Neighbour } from './glove.js';
export { GloveEmbedder, createGloveEmbedder, GLOVE_EMBEDDER_ID, type GloveEmbedderOptions } from './glove-embedder.js';
export { GLOVE_CACHE_FILE, type Log } from './glove-build.js';
export {
  SIF_A,
  zipfProbability,
  sifWeight,
  sifAverage,
  fitCommonComponent,
  removeComponent,
  removeComponentInto,
  normalizeInPlace,
} from './sif.js';
export { wordTokens, lookupWords, knownWordIndices, type WordLookup } from './tokenize.js';
export { modelFamily, withPrefix, type ModelFamily, type Pooling } from './model-family.js';
export {
  TransformersEmbedder,
  createTransformersEmbedder,
  resolveModelSource,
  DEFAULT_BATCH_SIZE,
  type ModelDtype,
  type ModelSource,
  type TransformersEmbedderOptions,
} from './transformers.js';
