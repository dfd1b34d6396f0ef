/**
 * The neural reader end to end on generated tiny question-answering models: one with random weights
 * (its spans are arbitrary: the plumbing is what is checked) and one built to answer from "ain" to
 * "asad" wherever both appear (so whether the reader's choice is used can be checked).
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeTinyModel, writeTinyQaModel } from '../../scripts/lib/tiny-model.js';
import { createNeuralReader, ReaderError, type NeuralReader } from '../../src/answer/neural-reader.js';
import { buildIndex } from '../../src/store/build.js';
import { openSitrep, type Sitrep } from '../../src/sitrep.js';
import { article, tempDir, testConfig, writeCorpus } from '../helpers/fixtures.js';

const execFileAsync = promisify(execFile);

const RAID = article(
  'Rockets strike airbase in western Iraq',
  [
    'Rockets struck an airbase in western Iraq on Monday, officials said.',
    'The targeted base, Ain al-Asad, hosts US troops.',
    'No group claimed the strike, and no one was hurt.',
  ].join('\n\n'),
  { source: 'Test Wire', published: '2024-01-10' },
);
const QUESTION = 'Which airbase did the rockets strike?';
const LEAD = 'Rockets struck an airbase in western Iraq on Monday, officials said.';
const BASE_SENTENCE = 'The targeted base, Ain al-Asad, hosts US troops.';

let models: { random: string; favouring: string; embedding: string };
let corpusDir: string;
let indexDir: string;
let cacheDir: string;

/** Sitrep over the one-article corpus (index built once), with these settings. */
const open = (env: Record<string, string> = {}) =>
  openSitrep(testConfig({ CORPUS_DIR: corpusDir, INDEX_DIR: indexDir, QUERY_EXPANSION: 'false', ...env }));

beforeAll(async () => {
  const root = tempDir('sitrep-reader-');
  models = { random: path.join(root, 'qa-random'), favouring: path.join(root, 'qa-ain-asad'), embedding: path.join(root, 'bert-embedding') };
  await writeTinyQaModel(models.random);
  await writeTinyQaModel(models.favouring, { favour: { start: 'ain', end: 'asad' } });
  await writeTinyModel(models.embedding);
  corpusDir = writeCorpus({ 'raid.md': RAID });
  indexDir = path.join(root, 'index');
  cacheDir = path.join(root, 'cache');
  await buildIndex(testConfig({ CORPUS_DIR: corpusDir, INDEX_DIR: indexDir, QUERY_EXPANSION: 'false' }));
}, 180_000);

describe('the reader on its own', () => {
  let reader: NeuralReader;
  beforeAll(async () => {
    reader = await createNeuralReader({ model: models.random, cacheDir, allowRemoteModels: false });
  });

  it('gives, for each sentence, a span that is a real substring of it and a probability in 0..1', async () => {
    const sentences = [LEAD, BASE_SENTENCE, 'No group claimed the strike, and no one was hurt.'];
    const spans = await reader.read(QUESTION, sentences);
    expect(spans).toHaveLength(3);
    spans.forEach((span, i) => {
      expect(span).not.toBeNull();
      expect(sentences[i]!.slice(span!.start, span!.end)).toBe(span!.text);
      expect(span!.text.trim()).toBe(span!.text);
      expect(span!.probability).toBeGreaterThanOrEqual(0);
      expect(span!.probability).toBeLessThanOrEqual(1);
    });
  });

  it('scores a span as the question-answering pipeline does, and marks the words the pipeline answers with', async () => {
    const { env, pipeline } = await import('@huggingface/transformers');
    env.allowRemoteModels = false;
    env.localModelPath = `${path.dirname(models.random)}${path.sep}`;
    const qa = await pipeline('question-answering', path.basename(models.random), { dtype: 'fp32' });
    const fold = (t: string) => t.replace(/^##/, '').toLowerCase().replace(/\s/g, '');
    for (const sentence of [LEAD, BASE_SENTENCE, 'No group claimed the strike, and no one was hurt.']) {
      const expected = (await qa(QUESTION, sentence)) as { answer: string; score: number };
      const [span] = await reader.read(QUESTION, [sentence]);
      expect(span!.probability).toBeCloseTo(expected.score, 6);
      expect(fold(span!.text)).toContain(fold(expected.answer));
    }
    await qa.dispose();
  });

  it('is deterministic, and reads nothing when given no sentence', async () => {
    expect(await reader.read(QUESTION, [LEAD])).toEqual(await reader.read(QUESTION, [LEAD]));
    expect(await reader.read(QUESTION, [])).toEqual([]);
  });

  it('follows the weights it is given: a model built to answer from "ain" to "asad" marks "Ain al-Asad"', async () => {
    const favouring = await createNeuralReader({ model: models.favouring, cacheDir, allowRemoteModels: false });
    const [lead, base] = await favouring.read(QUESTION, [LEAD, BASE_SENTENCE]);
    expect(base).toMatchObject({ text: 'Ain al-Asad', start: BASE_SENTENCE.indexOf('Ain') });
    expect(base!.probability).toBeGreaterThan(0.99);
    expect(lead!.probability).toBeLessThan(0.2);
    // A character the vocabulary lacks ([UNK], dropped when decoding) before the answer: found by its words.
    const withUnknown = 'The base (基地), Ain al-Asad, hosts US troops.';
    const [span] = await favouring.read(QUESTION, [withUnknown]);
    expect(span).toMatchObject({ text: 'Ain al-Asad', start: withUnknown.indexOf('Ain') });
    await favouring.dispose();
  });
});

describe('Sitrep with READER_MODEL', () => {
  let plain: Sitrep;
  let withReader: Sitrep;
  beforeAll(async () => {
    plain = await open();
    withReader = await open({ READER_MODEL: models.favouring });
  }, 60_000);

  it('quotes the sentence the reader chose, with its span, where the ranking alone quotes another', async () => {
    const before = await plain.answer(QUESTION);
    expect(before.answer!.text).toBe(LEAD);
    const after = await withReader.answer(QUESTION);
    expect(after.abstained).toBe(false);
    expect(after.answer!.text).toBe(BASE_SENTENCE);
    expect(after.answer!.span).toEqual({ start: BASE_SENTENCE.indexOf('Ain'), end: BASE_SENTENCE.indexOf(', hosts'), text: 'Ain al-Asad' });
  });

  it('stays extractive and cited: the quote is in its article verbatim, the span inside the quote', async () => {
    const a = await withReader.answer(QUESTION);
    const quote = a.answer!;
    expect(RAID).toContain(quote.text);
    expect(quote.text.slice(quote.span!.start, quote.span!.end)).toBe(quote.span!.text);
    expect(a.sources[quote.citation - 1]).toMatchObject({ file: 'raid.md', title: 'Rockets strike airbase in western Iraq' });
    expect(withReader.info().readerModel).toBe(models.favouring);
    expect(plain.info().readerModel).toBeNull();
  });

  it('at READER_WEIGHT 1 the confidence is the reader’s probability for the quoted sentence', async () => {
    const s = await open({ READER_MODEL: models.random, READER_WEIGHT: '1', MIN_CONFIDENCE: '0' });
    const reader = await createNeuralReader({ model: models.random, cacheDir, allowRemoteModels: false });
    for (const question of [QUESTION, 'Was anyone hurt?', 'Where did the rockets hit?']) {
      const a = await s.answer(question);
      const [span] = await reader.read(question, [a.answer!.text]);
      expect(a.confidence).toBeCloseTo(span!.probability, 12);
      expect(a.answer!.span).toMatchObject({ start: span!.start, end: span!.end, text: span!.text });
    }
  });

  it('at READER_WEIGHT 0 it quotes and trusts as the ranking does, marking the reader’s span', async () => {
    const s = await open({ READER_MODEL: models.random, READER_WEIGHT: '0' });
    for (const question of [QUESTION, 'Was anyone hurt?', 'Who claimed the strike?']) {
      const [a, b] = [await plain.answer(question), await s.answer(question)];
      expect(b.answer?.text).toBe(a.answer?.text);
      expect(b.confidence).toBeCloseTo(a.confidence, 12);
    }
  });

  it('with the learned answer model, weight 0 keeps the learned confidence and choice', async () => {
    const learned = { ANSWER_MODEL: 'models/answer-selection.json' };
    const [alone, read] = [await open(learned), await open({ ...learned, READER_MODEL: models.random, READER_WEIGHT: '0' })];
    for (const question of [QUESTION, 'Was anyone hurt?']) {
      const [a, b] = [await alone.answer(question), await read.answer(question)];
      expect(b.answer?.text).toBe(a.answer?.text);
      expect(b.confidence).toBeCloseTo(a.confidence, 12);
    }
  });

  it('at the default weight 0.5 the confidence is the mean of the ranking’s and the reader’s for the quoted sentence', async () => {
    // A question whose best-ranked sentence the reader also prefers, so all three quote the same one.
    const question = 'Which base hosts US troops?';
    const at = (weight: string) => open({ READER_MODEL: models.favouring, READER_WEIGHT: weight, MIN_CONFIDENCE: '0' }).then((s) => s.answer(question));
    const [ranking, reader, mixed] = [await at('0'), await at('1'), await (await open({ READER_MODEL: models.favouring, MIN_CONFIDENCE: '0' })).answer(question)];
    expect([ranking, reader, mixed].map((a) => a.answer!.text)).toEqual([BASE_SENTENCE, BASE_SENTENCE, BASE_SENTENCE]);
    expect(reader.confidence).toBeGreaterThan(0.99);
    expect(mixed.confidence).toBeCloseTo(0.5 * ranking.confidence + 0.5 * reader.confidence, 12);
    expect((await plain.answer(question)).confidence).toBeCloseTo(ranking.confidence, 12);
  });
});

describe('a reader model that cannot be used fails at open, with what to fix', () => {
  it('a missing folder', async () => {
    const missing = path.join(tempDir(), 'no-such-model');
    await expect(open({ READER_MODEL: missing })).rejects.toMatchObject({ name: 'ReaderError', code: 'READER_FOLDER_MISSING' });
    await expect(open({ READER_MODEL: missing })).rejects.toThrow(/READER_MODEL .*does not exist.*leave it unset/);
  });

  it('a file where a folder should be', async () => {
    const file = path.join(tempDir(), 'model.onnx');
    fs.writeFileSync(file, 'not a model');
    await expect(open({ READER_MODEL: file })).rejects.toMatchObject({ code: 'READER_FOLDER_MISSING', message: expect.stringMatching(/is a file/) });
  });

  it('a folder without its weights', async () => {
    const broken = path.join(tempDir(), 'broken-qa');
    await writeTinyQaModel(broken);
    fs.rmSync(path.join(broken, 'onnx'), { recursive: true });
    const error = await open({ READER_MODEL: broken }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReaderError);
    expect(error).toMatchObject({ code: 'READER_LOAD_FAILED', message: expect.stringMatching(/onnx\/model\.onnx/) });
  });

  it('a model that is no question-answering model (an embedding export)', async () => {
    await expect(open({ READER_MODEL: models.embedding })).rejects.toMatchObject({
      code: 'READER_NOT_QA',
      message: expect.stringMatching(/start_logits and end_logits/),
    });
  });

  it('a Hub id not in the model cache, with downloads disabled', async () => {
    await expect(createNeuralReader({ model: 'Xenova/no-such-reader', cacheDir, allowRemoteModels: false })).rejects.toMatchObject({
      code: 'READER_NOT_AVAILABLE',
      message: expect.stringContaining(path.join(cacheDir, 'Xenova/no-such-reader')),
    });
  });
});

describe('the default path', () => {
  /** Opens Sitrep in a fresh process and answers; prints how many transformers or onnxruntime modules it loaded. */
  const LOADED = `
    import { createRequire } from 'node:module';
    import { loadConfig } from './src/config.js';
    import { openSitrep } from './src/sitrep.js';
    const s = await openSitrep(loadConfig());
    const a = await s.answer(${JSON.stringify(QUESTION)});
    const loaded = Object.keys(createRequire(import.meta.url).cache).filter((k) => /onnxruntime|@huggingface/.test(k));
    console.log(JSON.stringify({ quoted: a.answer?.text ?? null, loaded: loaded.length }));
  `;
  const run = async (env: Record<string, string>) => {
    const { stdout } = await execFileAsync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', LOADED], {
      env: { ...process.env, CORPUS_DIR: corpusDir, INDEX_DIR: indexDir, QUERY_EXPANSION: 'false', MODEL_CACHE_DIR: path.resolve('data/models'), READER_MODEL: '', ...env },
    });
    return JSON.parse(stdout.trim().split('\n').at(-1)!) as { quoted: string | null; loaded: number };
  };

  it('never loads the transformers library when READER_MODEL is unset (and does when it is set)', async () => {
    const unset = await run({});
    expect(unset).toEqual({ quoted: LEAD, loaded: 0 });
    const set = await run({ READER_MODEL: models.favouring });
    expect(set.quoted).toBe(BASE_SENTENCE);
    expect(set.loaded).toBeGreaterThan(0);
  }, 120_000);
});
