/**
 * Writes tiny BERT-shaped ONNX models with a WordPiece tokenizer, so the transformers code paths can
 * be exercised offline (the tests' models, and `scripts/make-tiny-model.ts` on the command line).
 *
 * The embedding "model" is a Gather over a seeded random embedding table plus, at every position, the
 * mean of the sequence's unpadded token vectors (a stand-in for attention, so the first token's vector
 * depends on the whole text, as CLS pooling expects). Its sentence vectors mean little; it has the
 * inputs, output, files and layout of a real Hugging Face BERT export (`config.json`,
 * `tokenizer.json`, `tokenizer_config.json`, `onnx/model.onnx`), which is what the loading,
 * pooling, batching and prefix code paths need.
 *
 * The question-answering model (`--qa`) has the outputs of a BertForQuestionAnswering export,
 * `start_logits` and `end_logits`, each a per-token lookup of small seeded random values. Told to
 * favour two words, it gives the first a high start logit and the second a high end logit, so the
 * span it picks is known in advance wherever both appear ("ain" … "asad" marks "Ain al-Asad").
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import onnxProto from 'onnx-proto';
import { seededRandom } from '../../src/learn/random.js';
import { SPECIAL_TOKENS, tinyVocabulary } from './tiny-vocabulary.js';

export { tinyVocabulary } from './tiny-vocabulary.js';

const { onnx } = onnxProto;

export const TINY_MODEL_HIDDEN_SIZE = 32;
const SEED = 20231206;

function int64Input(name: string): onnxProto.onnx.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType: onnx.TensorProto.DataType.INT64,
        shape: { dim: [{ dimParam: 'batch_size' }, { dimParam: 'sequence_length' }] },
      },
    },
  };
}

const INT = onnx.AttributeProto.AttributeType.INT;

function node(opType: string, input: string[], output: string, attribute: onnxProto.onnx.IAttributeProto[] = []): onnxProto.onnx.INodeProto {
  return { opType, input, output: [output], attribute, name: output };
}

function int64Constant(name: string, value: number): onnxProto.onnx.ITensorProto {
  return { name, dims: [1], dataType: onnx.TensorProto.DataType.INT64, int64Data: [value] };
}

function modelBytes(vocabSize: number, hidden: number): Uint8Array {
  const random = seededRandom(SEED);
  const table = new Float32Array(vocabSize * hidden);
  for (let i = 0; i < table.length; i++) table[i] = random() * 2 - 1;

  const model = onnx.ModelProto.create({
    irVersion: 8,
    producerName: 'sitrep-tiny-model',
    opsetImport: [{ domain: '', version: 13 }],
    graph: {
      name: 'tiny_bert',
      initializer: [
        {
          name: 'word_embeddings',
          dims: [vocabSize, hidden],
          dataType: onnx.TensorProto.DataType.FLOAT,
          rawData: new Uint8Array(table.buffer),
        },
        int64Constant('axis_1', 1),
        int64Constant('axis_2', 2),
      ],
      node: [
        node('Gather', ['word_embeddings', 'input_ids'], 'tokens', [{ name: 'axis', type: INT, i: 0 }]),
        node('Cast', ['attention_mask'], 'mask', [{ name: 'to', type: INT, i: onnx.TensorProto.DataType.FLOAT }]),
        node('Unsqueeze', ['mask', 'axis_2'], 'mask_3d'),
        node('Mul', ['tokens', 'mask_3d'], 'masked_tokens'),
        node('ReduceSum', ['masked_tokens', 'axis_1'], 'token_sum', [{ name: 'keepdims', type: INT, i: 1 }]),
        node('ReduceSum', ['mask_3d', 'axis_1'], 'token_count', [{ name: 'keepdims', type: INT, i: 1 }]),
        node('Div', ['token_sum', 'token_count'], 'context'),
        node('Add', ['tokens', 'context'], 'last_hidden_state'),
      ],
      // token_type_ids is accepted but unused, as the pipeline always feeds it.
      input: [int64Input('input_ids'), int64Input('attention_mask'), int64Input('token_type_ids')],
      output: [
        {
          name: 'last_hidden_state',
          type: {
            tensorType: {
              elemType: onnx.TensorProto.DataType.FLOAT,
              shape: { dim: [{ dimParam: 'batch_size' }, { dimParam: 'sequence_length' }, { dimValue: hidden }] },
            },
          },
        },
      ],
    },
  });
  return onnx.ModelProto.encode(model).finish();
}

function tokenizerJson(vocab: string[]): object {
  const ids = Object.fromEntries(vocab.map((t, i) => [t, i]));
  const special = (t: string) => ({ id: t, ids: [ids[t]], tokens: [t] });
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIAL_TOKENS.map((t) => ({
      id: ids[t],
      content: t,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
      ],
      pair: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
        { Sequence: { id: 'B', type_id: 1 } },
        { SpecialToken: { id: '[SEP]', type_id: 1 } },
      ],
      special_tokens: { '[CLS]': special('[CLS]'), '[SEP]': special('[SEP]') },
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: {
      type: 'WordPiece',
      unk_token: '[UNK]',
      continuing_subword_prefix: '##',
      max_input_chars_per_word: 100,
      vocab: ids,
    },
  };
}

/** What every tiny model folder holds besides its graph: config, tokenizer files. */
async function writeModelFolder(dir: string, architecture: string, vocab: string[], graph: Uint8Array): Promise<void> {
  const hidden = TINY_MODEL_HIDDEN_SIZE;
  await mkdir(path.join(dir, 'onnx'), { recursive: true });
  const json = (value: object) => `${JSON.stringify(value, null, 2)}\n`;
  await writeFile(
    path.join(dir, 'config.json'),
    json({
      architectures: [architecture],
      model_type: 'bert',
      hidden_size: hidden,
      vocab_size: vocab.length,
      num_hidden_layers: 0,
      num_attention_heads: 1,
      intermediate_size: hidden,
      max_position_embeddings: 512,
      type_vocab_size: 2,
      pad_token_id: 0,
    }),
  );
  await writeFile(
    path.join(dir, 'tokenizer_config.json'),
    json({
      tokenizer_class: 'BertTokenizer',
      do_lower_case: true,
      model_max_length: 512,
      cls_token: '[CLS]',
      sep_token: '[SEP]',
      pad_token: '[PAD]',
      unk_token: '[UNK]',
      mask_token: '[MASK]',
      clean_up_tokenization_spaces: true,
    }),
  );
  await writeFile(path.join(dir, 'tokenizer.json'), json(tokenizerJson(vocab)));
  await writeFile(path.join(dir, 'onnx', 'model.onnx'), graph);
}

/** Writes the tiny embedding model into `dir` (created if needed): config, tokenizer files and `onnx/model.onnx`. */
export async function writeTinyModel(dir: string): Promise<void> {
  const vocab = tinyVocabulary();
  await writeModelFolder(dir, 'BertModel', vocab, modelBytes(vocab.length, TINY_MODEL_HIDDEN_SIZE));
}

/** Start and end logits of the QA model: small random values, and this much for a favoured word. */
const QA_NOISE = 1;
export const QA_FAVOUR_LOGIT = 12;

export interface TinyQaModelOptions {
  /** Words (whole vocabulary entries) the model's answers start and end on, wherever they appear. Default: none, every logit random. */
  favour?: { start: string; end: string };
}

function logitTable(name: string, values: Float32Array): onnxProto.onnx.ITensorProto {
  return { name, dims: [values.length], dataType: onnx.TensorProto.DataType.FLOAT, rawData: new Uint8Array(values.buffer) };
}

function qaModelBytes(vocab: string[], options: TinyQaModelOptions): Uint8Array {
  const random = seededRandom(SEED + 1);
  const start = new Float32Array(vocab.length).map(() => (random() * 2 - 1) * QA_NOISE);
  const end = new Float32Array(vocab.length).map(() => (random() * 2 - 1) * QA_NOISE);
  if (options.favour) {
    const id = (word: string) => {
      const i = vocab.indexOf(word);
      if (i < 0) throw new Error(`Tiny QA model: "${word}" is not in the vocabulary`);
      return i;
    };
    start[id(options.favour.start)] = QA_FAVOUR_LOGIT;
    end[id(options.favour.end)] = QA_FAVOUR_LOGIT;
  }
  const logits = (name: string) => ({
    name,
    type: {
      tensorType: {
        elemType: onnx.TensorProto.DataType.FLOAT,
        shape: { dim: [{ dimParam: 'batch_size' }, { dimParam: 'sequence_length' }] },
      },
    },
  });
  const model = onnx.ModelProto.create({
    irVersion: 8,
    producerName: 'sitrep-tiny-model',
    opsetImport: [{ domain: '', version: 13 }],
    graph: {
      name: 'tiny_bert_qa',
      initializer: [logitTable('start_table', start), logitTable('end_table', end)],
      node: [
        node('Gather', ['start_table', 'input_ids'], 'start_logits', [{ name: 'axis', type: INT, i: 0 }]),
        node('Gather', ['end_table', 'input_ids'], 'end_logits', [{ name: 'axis', type: INT, i: 0 }]),
      ],
      // attention_mask and token_type_ids are accepted but unused, as the pipeline always feeds them.
      input: [int64Input('input_ids'), int64Input('attention_mask'), int64Input('token_type_ids')],
      output: [logits('start_logits'), logits('end_logits')],
    },
  });
  return onnx.ModelProto.encode(model).finish();
}

/** Writes a tiny extractive question-answering model (BertForQuestionAnswering outputs) into `dir`. */
export async function writeTinyQaModel(dir: string, options: TinyQaModelOptions = {}): Promise<void> {
  const vocab = tinyVocabulary();
  await writeModelFolder(dir, 'BertForQuestionAnswering', vocab, qaModelBytes(vocab, options));
}
