/**
 * The optional neural reader (`READER_MODEL`): an extractive question-answering model run through
 * @huggingface/transformers' question-answering pipeline over the best-ranked sentences. For each
 * sentence it gives the span the model would answer with and the model's probability of it; the span
 * is found again, verbatim, in the sentence, so the answer stays a quote.
 *
 * The library is imported only when a reader is created: with READER_MODEL unset nothing here loads
 * it, and the default path costs what it did.
 */
import type { QuestionAnsweringPipeline } from '@huggingface/transformers';
import path from 'node:path';
import { loadSerially, locateModel, type ModelDtype } from '../embed/transformers.js';

export type ReaderErrorCode = 'READER_FOLDER_MISSING' | 'READER_NOT_AVAILABLE' | 'READER_LOAD_FAILED' | 'READER_NOT_QA';

/** Why the reader could not be opened; raised by `createNeuralReader`, never per question. */
export class ReaderError extends Error {
  override readonly name = 'ReaderError';
  constructor(
    readonly code: ReaderErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** The model's answer inside one sentence: offsets into the sentence, its words, and the model's probability. */
export interface ReaderSpan {
  start: number;
  end: number;
  text: string;
  /** 0..1: the model's start probability × end probability for this span, within the sentence. */
  probability: number;
}

export interface NeuralReader {
  /** The model as configured (an id or a folder). */
  readonly model: string;
  /**
   * The model's best span in each sentence for the question, in order; null where the model's answer
   * cannot be found verbatim in its sentence (words the tokenizer does not know were dropped).
   */
  read(question: string, sentences: string[]): Promise<(ReaderSpan | null)[]>;
  /** Releases the ONNX session. */
  dispose(): Promise<void>;
}

export interface NeuralReaderOptions {
  /** A Hugging Face model id ("Xenova/distilbert-base-cased-distilled-squad") or a model folder on disk. */
  model: string;
  /** Where downloaded models are kept (MODEL_CACHE_DIR); also searched for ids, as `<cacheDir>/<id>/`. */
  cacheDir: string;
  /** Whether a model missing from the cache may be downloaded from the Hub. Default true. */
  allowRemoteModels?: boolean;
  /** Weights variant to load (`onnx/model.onnx` for fp32, `model_quantized.onnx` for q8, …). Default 'fp32'. */
  dtype?: ModelDtype;
}

/** The reader's first call, made at open: a model that cannot answer it fails there, not on a user's question. */
const PROBE = { question: 'What does the reader read?', sentence: 'The reader reads a sentence.' };

/**
 * Folds a text for matching the model's decoded answer back to it: accents stripped, lower case,
 * whitespace dropped (a WordPiece decoder writes "al-Asad" as "al - asad"). Returns the folded
 * text and, for each of its characters, the offset of the character it came from.
 */
function fold(text: string): { folded: string; from: number[] } {
  let folded = '';
  const from: number[] = [];
  let i = 0;
  for (const ch of text) {
    const f = ch.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s/gu, '');
    for (let k = 0; k < f.length; k++) from.push(i);
    folded += f;
    i += ch.length;
  }
  return { folded, from };
}

const WORD_CHAR = /[\p{L}\p{N}]/u;
const isWordChar = (text: string, i: number): boolean => i >= 0 && i < text.length && WORD_CHAR.test(String.fromCodePoint(text.codePointAt(i)!));
/** Offset of the code point before offset `i` (a surrogate pair counts as one). */
const before = (text: string, i: number): number => (i >= 2 && /[\uDC00-\uDFFF]/.test(text[i - 1]!) ? i - 2 : i - 1);

/**
 * Where the model's decoded answer stands in the sentence, as offsets of the sentence's own
 * characters (its first occurrence), widened to whole words: a model's sub-word pieces may start
 * or end inside a word ("Monda" for "Monday"), a marked span does not. Null when the answer is
 * empty or not there. Pure.
 */
export function locateAnswer(sentence: string, answer: string): { start: number; end: number } | null {
  const wanted = fold(answer).folded;
  if (wanted === '') return null;
  const { folded, from } = fold(sentence);
  const at = folded.indexOf(wanted);
  if (at < 0) return null;
  let start = from[at]!;
  const last = from[at + wanted.length - 1]!;
  // The last matched character may be a surrogate pair: end after the whole of it.
  let end = last + String.fromCodePoint(sentence.codePointAt(last)!).length;
  while (isWordChar(sentence, start) && isWordChar(sentence, before(sentence, start))) start = before(sentence, start);
  while (isWordChar(sentence, before(sentence, end)) && isWordChar(sentence, end)) end += String.fromCodePoint(sentence.codePointAt(end)!).length;
  return { start, end };
}

const clampProbability = (p: unknown): number => (typeof p === 'number' && Number.isFinite(p) ? Math.min(1, Math.max(0, p)) : 0);

class PipelineReader implements NeuralReader {
  constructor(
    readonly model: string,
    private readonly qa: QuestionAnsweringPipeline,
  ) {}

  async read(question: string, sentences: string[]): Promise<(ReaderSpan | null)[]> {
    if (sentences.length === 0) return [];
    // One batched call: the question beside each sentence, each sentence scored on its own.
    const out = (await this.qa(
      sentences.map(() => question),
      sentences,
    )) as unknown as { answer: string; score: number }[];
    return sentences.map((sentence, i) => {
      const result = out[i];
      if (!result || typeof result.answer !== 'string') return null;
      const at = locateAnswer(sentence, result.answer);
      return at && { ...at, text: sentence.slice(at.start, at.end), probability: clampProbability(result.score) };
    });
  }

  async dispose(): Promise<void> {
    await this.qa.dispose();
  }
}

/**
 * Loads the model (downloading it into `cacheDir` when allowed) and asks it one probe question, so
 * a folder that is no question-answering model fails here with a `ReaderError` saying what to fix.
 */
export function createNeuralReader(options: NeuralReaderOptions): Promise<NeuralReader> {
  return loadSerially(() => load(options));
}

async function load(options: NeuralReaderOptions): Promise<NeuralReader> {
  const location = locateModel(options.model);
  if (location.kind === 'not-a-folder' || location.kind === 'missing-folder') {
    throw new ReaderError(
      'READER_FOLDER_MISSING',
      `READER_MODEL ${options.model}: ${location.kind === 'not-a-folder' ? `${location.dir} is a file` : `model folder ${location.dir} does not exist`}. ` +
        'Set READER_MODEL to a folder holding config.json, tokenizer.json, tokenizer_config.json and onnx/model.onnx of an extractive ' +
        'question-answering model, to a Hugging Face model id such as Xenova/distilbert-base-cased-distilled-squad, or leave it unset.',
    );
  }
  const cacheDir = path.resolve(options.cacheDir);
  const allowRemote = location.kind === 'hub' && (options.allowRemoteModels ?? true);
  const dtype = options.dtype ?? 'fp32';

  // Loaded on first use: the library and onnxruntime take seconds to import, and the default path never needs them.
  const { env, pipeline } = await import('@huggingface/transformers');
  env.cacheDir = cacheDir;
  env.allowLocalModels = true;
  env.allowRemoteModels = allowRemote;
  env.localModelPath = `${location.kind === 'folder' ? path.dirname(location.dir) : cacheDir}${path.sep}`;
  const name = location.kind === 'folder' ? location.name : location.id;
  const where = location.kind === 'folder' ? location.dir : path.join(cacheDir, location.id);

  let qa: QuestionAnsweringPipeline;
  try {
    qa = (await pipeline('question-answering', name, { dtype, cache_dir: cacheDir, local_files_only: !allowRemote })) as QuestionAnsweringPipeline;
  } catch (error) {
    const reason = firstLine(error);
    if (location.kind === 'folder') {
      throw new ReaderError(
        'READER_LOAD_FAILED',
        `READER_MODEL: could not load the model in ${location.dir} (${reason}). A reader model folder needs config.json, tokenizer.json, ` +
          `tokenizer_config.json and ${dtype === 'fp32' ? 'onnx/model.onnx' : `onnx/model_${dtype === 'q8' ? 'quantized' : dtype}.onnx`}.`,
      );
    }
    throw new ReaderError(
      'READER_NOT_AVAILABLE',
      allowRemote
        ? `READER_MODEL: could not load ${location.id} from the Hugging Face Hub (${reason}). Check the model id and network access, copy the model into ${where}, or leave READER_MODEL unset.`
        : `READER_MODEL: ${location.id} is not in the model cache (${where}) and downloads are disabled (${reason}). Copy the model folder there, or leave READER_MODEL unset.`,
    );
  }
  const reader = new PipelineReader(options.model, qa);
  try {
    // One question and one sentence, top 1: a single { answer, score }.
    const probe = (await qa(PROBE.question, PROBE.sentence)) as unknown as { answer?: unknown; score?: unknown } | undefined;
    if (typeof probe?.answer !== 'string' || typeof probe.score !== 'number') throw new Error('no answer span and score came back');
  } catch (error) {
    await qa.dispose().catch(() => undefined);
    throw new ReaderError(
      'READER_NOT_QA',
      `READER_MODEL ${options.model} (${where}) loaded but does not answer as an extractive question-answering model (${firstLine(error)}). ` +
        'It must output start_logits and end_logits, as a ...ForQuestionAnswering export does (e.g. Xenova/distilbert-base-cased-distilled-squad).',
    );
  }
  return reader;
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
}
