/**
 * Sentence vectors from a transformer model through @huggingface/transformers (ONNX Runtime on the
 * CPU): a Hugging Face model id, downloaded once into the model cache folder, or a local folder
 * holding config.json, tokenizer files and onnx/model.onnx.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { FeatureExtractionPipeline } from '@huggingface/transformers';
import { EmbedError } from './errors.js';
import { modelFamily, withPrefix, type ModelFamily } from './model-family.js';
import type { Embedder } from './types.js';

export type ModelDtype = 'fp32' | 'fp16' | 'q8' | 'int8' | 'uint8' | 'q4' | 'q4f16' | 'bnb4';

export interface TransformersEmbedderOptions {
  /** A Hugging Face model id ("Xenova/bge-small-en-v1.5") or a model folder on disk. */
  model: string;
  /** Where downloaded models are kept (MODEL_CACHE_DIR); also searched for ids, as `<cacheDir>/<id>/`. */
  cacheDir: string;
  /** Whether a model missing from the cache may be downloaded from the Hub. Default true. */
  allowRemoteModels?: boolean;
  /** Texts per model call. Default 32. */
  batchSize?: number;
  /** Weights variant to load (`onnx/model.onnx` for fp32, `model_quantized.onnx` for q8, …). Default 'fp32'. */
  dtype?: ModelDtype;
}

export const DEFAULT_BATCH_SIZE = 32;

/** Where a model comes from: a folder on disk, or a Hub id. */
export type ModelSource = { kind: 'folder'; dir: string; name: string } | { kind: 'hub'; id: string };

/** Where a model string points: a model source, or a path that is no model folder. */
export type ModelLocation = ModelSource | { kind: 'not-a-folder'; dir: string } | { kind: 'missing-folder'; dir: string };

/**
 * A string naming an existing folder is a local model; "owner/name" is a Hub id; anything else
 * that looks like a path (absolute, ./, ../, or deeper than owner/name) is a missing folder.
 */
export function locateModel(model: string, cwd: string = process.cwd()): ModelLocation {
  const dir = path.resolve(cwd, model);
  if (existsSync(dir)) return statSync(dir).isDirectory() ? { kind: 'folder', dir, name: path.basename(dir) } : { kind: 'not-a-folder', dir };
  const looksLikePath = path.isAbsolute(model) || /^\.{1,2}([\\/]|$)/.test(model) || model.includes('\\') || model.split('/').length > 2;
  return looksLikePath ? { kind: 'missing-folder', dir } : { kind: 'hub', id: model };
}

/** The embedder's model source (see `locateModel`); a path that is no model folder throws. */
export function resolveModelSource(model: string, cwd: string = process.cwd()): ModelSource {
  const location = locateModel(model, cwd);
  if (location.kind === 'not-a-folder') {
    throw new EmbedError('MODEL_FOLDER_MISSING', `EMBEDDING_MODEL ${model} is a file; it must be a model folder or a Hugging Face model id.`);
  }
  if (location.kind === 'missing-folder') {
    throw new EmbedError(
      'MODEL_FOLDER_MISSING',
      `Model folder ${location.dir} does not exist. Set EMBEDDING_MODEL to a folder holding config.json, tokenizer.json and onnx/model.onnx, to a Hugging Face model id such as Xenova/bge-small-en-v1.5, or to "glove".`,
    );
  }
  return location;
}

export class TransformersEmbedder implements Embedder {
  readonly removesCommonComponent = false;

  constructor(
    readonly id: string,
    readonly dim: number,
    readonly family: ModelFamily,
    private readonly extractor: FeatureExtractionPipeline,
    private readonly batchSize: number,
  ) {}

  /** Unit vectors, `batchSize` texts per model call, with the family's query or passage prefix. */
  async embed(texts: string[], kind: 'query' | 'passage'): Promise<Float32Array[]> {
    const out: Float32Array[] = [];
    for (let start = 0; start < texts.length; start += this.batchSize) {
      const batch = texts.slice(start, start + this.batchSize).map((t) => withPrefix(this.family, t, kind));
      const tensor = await this.extractor(batch, { pooling: this.family.pooling, normalize: true });
      const [rows, dim] = tensor.dims as [number, number];
      const data = tensor.data as Float32Array;
      for (let r = 0; r < rows; r++) out.push(Float32Array.from(data.subarray(r * dim, (r + 1) * dim)));
      tensor.dispose();
    }
    return out;
  }

  /** Releases the ONNX session. */
  async dispose(): Promise<void> {
    await this.extractor.dispose();
  }
}

/** `env` is global to the library: loads are serialised so one's settings never leak into another's. */
let loading: Promise<unknown> = Promise.resolve();

/** Runs a model load after every load started before it (the embedder's and the reader's alike). */
export function loadSerially<T>(load: () => Promise<T>): Promise<T> {
  const next = loading.then(load);
  loading = next.catch(() => undefined);
  return next;
}

/** Loads the model (downloading it into `cacheDir` when allowed) and measures its dimension. */
export function createTransformersEmbedder(options: TransformersEmbedderOptions): Promise<TransformersEmbedder> {
  return loadSerially(() => load(options));
}

async function load(options: TransformersEmbedderOptions): Promise<TransformersEmbedder> {
  const source = resolveModelSource(options.model);
  const cacheDir = path.resolve(options.cacheDir);
  const allowRemote = source.kind === 'hub' && (options.allowRemoteModels ?? true);
  const dtype = options.dtype ?? 'fp32';
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);

  // Loaded on first use: the library and onnxruntime take seconds to import, and the GloVe default never needs them.
  const { env, pipeline } = await import('@huggingface/transformers');
  env.cacheDir = cacheDir;
  env.allowLocalModels = true;
  env.allowRemoteModels = allowRemote;
  // A folder is found through its parent; a Hub id is also looked for as <cacheDir>/<id>/, so a model
  // copied there by hand works offline.
  env.localModelPath = `${source.kind === 'folder' ? path.dirname(source.dir) : cacheDir}${path.sep}`;
  const name = source.kind === 'folder' ? source.name : source.id;

  let extractor: FeatureExtractionPipeline;
  try {
    extractor = await pipeline('feature-extraction', name, { dtype, cache_dir: cacheDir, local_files_only: !allowRemote });
  } catch (error) {
    throw loadError(source, cacheDir, allowRemote, dtype, error);
  }
  const family = modelFamily(name);
  const id = `transformers:${name}`;
  const probe = new TransformersEmbedder(id, 0, family, extractor, batchSize);
  const [vector] = await probe.embed(['dimension probe'], 'passage');
  return new TransformersEmbedder(id, vector.length, family, extractor, batchSize);
}

function loadError(source: ModelSource, cacheDir: string, allowRemote: boolean, dtype: string, error: unknown): EmbedError {
  const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0];
  const weights = dtype === 'fp32' ? 'onnx/model.onnx' : `onnx/model_${dtype === 'q8' ? 'quantized' : dtype}.onnx`;
  if (source.kind === 'folder') {
    return new EmbedError(
      'MODEL_LOAD_FAILED',
      `Could not load the model in ${source.dir} (${reason}). A model folder needs config.json, tokenizer.json, tokenizer_config.json and ${weights}.`,
    );
  }
  if (!allowRemote) {
    return new EmbedError(
      'MODEL_NOT_AVAILABLE',
      `Model ${source.id} is not in the model cache (${path.join(cacheDir, source.id)}) and downloads are disabled (${reason}). ` +
        `Run once with network access so it is downloaded into MODEL_CACHE_DIR, copy the model folder there, or set EMBEDDING_MODEL to a local model folder or "glove".`,
    );
  }
  return new EmbedError(
    'MODEL_NOT_AVAILABLE',
    `Could not load model ${source.id} from the Hugging Face Hub (${reason}). Check the model id and network access, ` +
      `copy the model into ${path.join(cacheDir, source.id)}, or set EMBEDDING_MODEL to a local model folder or "glove".`,
  );
}
