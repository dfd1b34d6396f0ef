/**
 * Writes tiny BERT-shaped ONNX models with a WordPiece tokenizer, so the transformers code paths can
 * be exercised offline: `npx tsx scripts/make-tiny-model.ts <folder> [--qa [--favour START END]]`.
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
import { fileURLToPath } from 'node:url';
import onnxProto from 'onnx-proto';
import { seededRandom } from '../src/learn/random.js';

const { onnx } = onnxProto;

export const TINY_MODEL_HIDDEN_SIZE = 32;
const SEED = 20231206;

const SPECIAL_TOKENS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'] as const;

const PUNCTUATION = [...'.,;:!?\'"()[]-_/&%$#@*+=<>'];

const COMMON_WORDS = `the of and to a in is it you that he was for on are with as i his they be at one have this
from or had by not word but what some we can out other were all there when up use your how said an each she
which do their time if will way about many then them write would like so these her long make thing see him two
has look more day could go come did number sound no most people my over know water than call first who may down
side been now find any new work part take get place made live where after back little only round man year came
show every good me give our under name very through just form sentence great think say help low line differ turn
cause much mean before move right boy old too same tell does set three want air well also play small end put home
read hand port large spell add even land here must big high such follow act why ask men change went light kind off
need house picture try us again animal point mother world near build self earth father head stand own page should
country found answer school grow study still learn plant cover food sun four between state keep eye never last let
thought city tree cross farm hard start might story saw far sea draw left late run while press close night real
life few north open seem together next white children begin got walk example ease paper group always music those
both mark often letter until mile river car feet care second book carry took science eat room friend began idea
fish mountain stop once base hear horse cut sure watch color face wood main enough plain girl usual young ready
above ever red list though feel talk bird soon body dog family direct pose leave song measure door product black
short numeral class wind question happen complete ship area half rock order fire south problem piece told knew
pass since top whole king space heard best hour better true during hundred five remember step early hold west
ground interest reach fast verb sing listen six table travel less morning ten simple several vowel toward war lay
against pattern slow center love person money serve appear road map rain rule govern pull cold notice voice unit
power town fine certain fly fall lead cry dark machine note wait plan figure star box noun field rest correct able
pound done beauty drive stood contain front teach week final gave green oh quick develop ocean warm free minute
strong special mind behind clear tail produce fact street inch multiply nothing course stay wheel full force blue
object decide surface deep moon island foot system busy test record boat common gold possible plane stead dry
wonder laugh thousand ago ran check game shape equate hot miss brought heat snow tire bring yes distant fill east
paint language among attack attacks killed strike strikes rocket drone troops forces soldiers base military`;

/** Words of the seed article (Ain al-Asad drone attack, AFP, 6 Dec 2023), so its passages tokenise mostly without [UNK]. */
const SEED_WORDS = `americas middle east western iraq targeted drone attack claimed pro iran group military base
wednesday us official said militant way launched against coalition forces ain al asad airbase told afp adding
caused causalities damage islamic resistance response united states support israel nearly month war hamas after
seven pause last week groups resumed rocket attacks allies deployed international anti jihadist syria which
responsibility dozens loose alliance armed affiliated hashed shaabi former paramilitaries integrated regular
retaliation several strikes were conducted fighters iranian sunday defence strike militants northern province
kirkuk killing central command preparing total washington counted least since october days start between
triggered palestinian unprecedented israeli soil before during phone call secretary antony blinken iraqi prime
minister mohammed shia sudani his rejected any targeting territory government committed protecting members
also bombed sites linked three occasions related articles top button represent sentence searching relevant
passages query passage search document islamic capital france many killed who claimed how`;

const SUFFIXES = ['s', 'es', 'ed', 'ing', 'ly', 'er', 'est', 'ion', 'al', 'ian', 'i'];

/** The WordPiece vocabulary: special tokens, punctuation, words, then characters and suffixes so nothing is left unknown. */
export function tinyVocabulary(): string[] {
  const tokens = new Set<string>(SPECIAL_TOKENS);
  for (const p of PUNCTUATION) tokens.add(p);
  for (const w of `${COMMON_WORDS} ${SEED_WORDS}`.split(/\s+/)) if (w) tokens.add(w);
  for (const c of 'abcdefghijklmnopqrstuvwxyz0123456789') {
    tokens.add(c);
    tokens.add(`##${c}`);
  }
  for (const s of SUFFIXES) tokens.add(`##${s}`);
  return [...tokens];
}

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

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [dir, kind, flag, start, end] = process.argv.slice(2);
  const favour = flag === '--favour' && start && end ? { start, end } : undefined;
  if (!dir || (kind !== undefined && kind !== '--qa') || (flag !== undefined && !favour)) {
    console.error('Usage: tsx scripts/make-tiny-model.ts <folder> [--qa [--favour START_WORD END_WORD]]');
    process.exit(2);
  }
  if (kind === '--qa') await writeTinyQaModel(path.resolve(dir), { favour });
  else await writeTinyModel(path.resolve(dir));
  console.log(`Tiny BERT-shaped ${kind === '--qa' ? 'question-answering ' : ''}model written to ${path.resolve(dir)}`);
}
