/**
 * The optional neural reader (`READER_MODEL`): an extractive question-answering model, loaded as
 * @huggingface/transformers' question-answering pipeline, reads the best-ranked sentences. For each
 * sentence it gives the span the model would answer with and the model's probability of it, scored
 * as the pipeline scores it (start probability × end probability). The pipeline's tokenizer and model
 * are run directly, because the pipeline returns an answer's words but not where they stand: the
 * span is found again in the sentence by position, so the answer stays a quote and the right one of
 * two equal words is marked.
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
 * Folds a text for matching what the tokenizer decodes back to it: accents stripped, lower case,
 * whitespace and control characters dropped (a WordPiece decoder writes "al-Asad" as "al - asad";
 * BERT's normaliser drops control characters). Returns the folded text and, for each of its
 * characters, the offset of the character it came from.
 */
function fold(text: string): { folded: string; from: number[] } {
  let folded = '';
  const from: number[] = [];
  let i = 0;
  for (const ch of text) {
    const f = ch.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[\s\p{C}]/gu, '');
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
 * The sentence's own characters behind folded characters [from, to), widened to whole words: a
 * model's sub-word pieces may start or end inside a word ("Monda" for "Monday"), a marked span does not.
 */
function spanOfFolded(sentence: string, map: number[], from: number, to: number): { start: number; end: number } {
  let start = map[from]!;
  const last = map[to - 1]!;
  // The last character may be a surrogate pair: end after the whole of it.
  let end = last + String.fromCodePoint(sentence.codePointAt(last)!).length;
  while (isWordChar(sentence, start) && isWordChar(sentence, before(sentence, start))) start = before(sentence, start);
  while (isWordChar(sentence, before(sentence, end)) && isWordChar(sentence, end)) end += String.fromCodePoint(sentence.codePointAt(end)!).length;
  return { start, end };
}

/**
 * Where the model's answer stands in the sentence, from the decoded sentence up to the answer's first
 * token (`upToStart`) and through its last (`throughEnd`): the answer is what the second adds to the
 * first. Null when the decoded text is not the sentence's own (a word the tokenizer did not know was
 * dropped) or the answer is empty. Pure.
 */
export function locateByPosition(sentence: string, upToStart: string, throughEnd: string): { start: number; end: number } | null {
  const { folded, from } = fold(sentence);
  const head = fold(upToStart).folded;
  const through = fold(throughEnd).folded;
  if (through.length <= head.length || !through.startsWith(head) || !folded.startsWith(through)) return null;
  return spanOfFolded(sentence, from, head.length, through.length);
}

/**
 * Where the model's decoded answer stands in the sentence, by its words alone (their first
 * occurrence), widened to whole words; null when it is empty or not there. Pure.
 */
export function locateAnswer(sentence: string, answer: string): { start: number; end: number } | null {
  // A decoded answer that starts inside a word keeps its continuation mark ("##u").
  const wanted = fold(answer.replace(/^##/, '')).folded;
  if (wanted === '') return null;
  const { folded, from } = fold(sentence);
  const at = folded.indexOf(wanted);
  return at < 0 ? null : spanOfFolded(sentence, from, at, at + wanted.length);
}

/**
 * The best answer span as the question-answering pipeline picks it: softmax over the positions that
 * may answer and the first ([CLS], a model's "no answer", which takes its share of the probability
 * but is never picked), then the start ≤ end pair with the highest start × end probability. Pure.
 */
export function bestAnswer(startLogits: ArrayLike<number>, endLogits: ArrayLike<number>, allowed: readonly boolean[]): { first: number; last: number; probability: number } | null {
  const softmax = (logits: ArrayLike<number>) => {
    const keep = (i: number) => i === 0 || allowed[i] === true;
    let max = -Infinity;
    for (let i = 0; i < allowed.length; i++) if (keep(i)) max = Math.max(max, logits[i]!);
    const p = new Array<number>(allowed.length).fill(0);
    let sum = 0;
    for (let i = 0; i < allowed.length; i++) if (keep(i)) sum += p[i] = Math.exp(logits[i]! - max);
    return p.map((x) => (sum > 0 ? x / sum : 0));
  };
  const ps = softmax(startLogits);
  const pe = softmax(endLogits);
  let best: { first: number; last: number; probability: number } | null = null;
  let bestStart = -1;
  for (let j = 1; j < allowed.length; j++) {
    if (!allowed[j]) continue;
    if (bestStart < 0 || ps[j]! > ps[bestStart]!) bestStart = j;
    const probability = ps[bestStart]! * pe[j]!;
    if (!best || probability > best.probability) best = { first: bestStart, last: j, probability };
  }
  return best;
}

const clampProbability = (p: unknown): number => (typeof p === 'number' && Number.isFinite(p) ? Math.min(1, Math.max(0, p)) : 0);

class PipelineReader implements NeuralReader {
  constructor(
    readonly model: string,
    private readonly qa: QuestionAnsweringPipeline,
  ) {}

  async read(question: string, sentences: string[]): Promise<(ReaderSpan | null)[]> {
    if (sentences.length === 0) return [];
    const { tokenizer, model } = this.qa;
    // One batched pass: the question beside each sentence, each sentence scored on its own.
    const inputs = tokenizer(
      sentences.map(() => question),
      { text_pair: sentences, padding: true, truncation: true },
    );
    const { start_logits, end_logits } = (await model(inputs)) as { start_logits: LogitsTensor; end_logits: LogitsTensor };
    const ids = (inputs.input_ids as { tolist(): (bigint | number)[][] }).tolist().map((row) => row.map(Number));
    const special = new Set(tokenizer.all_special_ids.map(Number));
    const width = start_logits.dims[1]!;
    const spans = sentences.map((sentence, row) => {
      const rowIds = ids[row]!;
      // The sentence's tokens: after the question's separator, none of them special (separators, padding).
      const contextStart = rowIds.indexOf(Number(tokenizer.sep_token_id)) + 1;
      const allowed = rowIds.map((id, i) => i >= contextStart && contextStart > 0 && !special.has(id));
      const logits = (t: LogitsTensor) => Array.from(t.data.subarray(row * width, (row + 1) * width), Number);
      const best = bestAnswer(logits(start_logits), logits(end_logits), allowed);
      if (!best) return null;
      const decode = (from: number, to: number) => (to > from ? tokenizer.decode(rowIds.slice(from, to), { skip_special_tokens: true }) : '');
      const at =
        locateByPosition(sentence, decode(contextStart, best.first), decode(contextStart, best.last + 1)) ??
        locateAnswer(sentence, decode(best.first, best.last + 1));
      return at && { ...at, text: sentence.slice(at.start, at.end), probability: clampProbability(best.probability) };
    });
    start_logits.dispose?.();
    end_logits.dispose?.();
    return spans;
  }

  async dispose(): Promise<void> {
    await this.qa.dispose();
  }
}

/** What the model returns per logits output: [batch, tokens], row-major. */
interface LogitsTensor {
  dims: number[];
  data: Float32Array | Float64Array;
  dispose?(): void;
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
    const outputs = (await qa.model(qa.tokenizer(PROBE.question, { text_pair: PROBE.sentence, truncation: true }))) as Record<string, unknown>;
    for (const name of ['start_logits', 'end_logits']) {
      const t = outputs[name] as Partial<LogitsTensor> | undefined;
      if (!t?.dims || t.dims.length !== 2 || !t.data) throw new Error(`no ${name} of shape [batch, tokens] came back`);
    }
    const [span] = await reader.read(PROBE.question, [PROBE.sentence]);
    if (span === undefined) throw new Error('no answer came back');
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
