/** Answers from the shipped corpus, end to end through openSitrep (GloVe embedder, real index). */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openSitrep, type Sitrep } from '../../src/sitrep.js';
import { tempDir, testConfig } from '../helpers/fixtures.js';

let sitrep: Sitrep;
let indexDir: string;
const SEED = 'ain-al-asad-drone-attack.md';

beforeAll(async () => {
  indexDir = path.join(tempDir(), 'index');
  sitrep = await openSitrep(testConfig({ CORPUS_DIR: path.resolve('corpus'), INDEX_DIR: indexDir }), {
    buildIfMissing: true,
  });
}, 180_000);

async function answerOf(question: string) {
  const a = await sitrep.answer(question);
  expect(a.abstained, `${question} should be answered`).toBe(false);
  const cited = a.sources.find((s) => s.n === a.answer!.citation)!;
  return { a, span: a.answer!.span?.text ?? '', cited };
}

describe('answers from the shipped corpus', () => {
  it('counts the attacks since Oct 17: 78, cited to the seed article, as of its date', async () => {
    const { a, span, cited } = await answerOf('How many attacks since Oct 17?');
    expect(span).toContain('78');
    expect(a.answer!.text.slice(a.answer!.span!.start, a.answer!.span!.end)).toBe(span);
    expect(a.answer!.text).toMatch(/^In total, Washington has counted at least 78 attacks since October 17/);
    expect(cited).toMatchObject({ file: SEED, source: 'AFP', published: '2023-12-06' });
    expect(a.answerPublished).toBe('2023-12-06');
  });

  it('names who claimed the drone attack on Ain al-Asad', async () => {
    const { span, cited } = await answerOf('Who claimed the drone attack on Ain al-Asad?');
    expect(span).toBe('Islamic Resistance in Iraq');
    expect(cited.file).toBe(SEED);
  });

  it('counts the militants killed in the Kirkuk strike', async () => {
    const { span } = await answerOf('How many militants were killed in the Kirkuk strike?');
    expect(span).toBe('five');
  });

  it('counts the US bombings of Iran-linked sites in Syria', async () => {
    const { span } = await answerOf('How many times have US forces bombed sites in Syria linked to Iran?');
    expect(span).toContain('three');
  });

  it('abstains on a question the corpus cannot answer, listing the closest sources', async () => {
    const a = await sitrep.answer('What is the capital of France?');
    expect(a.abstained).toBe(true);
    expect(a.answer).toBeNull();
    expect(a.confidence).toBeLessThan(0.35);
  });

  it('quotes sentences exactly as they stand in the article', async () => {
    const a = await sitrep.answer('When did the US strike militants in Kirkuk?');
    const fs = await import('node:fs');
    const seed = fs.readFileSync(path.resolve('corpus', SEED), 'utf8');
    for (const q of [a.answer!, ...a.supporting]) expect(seed).toContain(q.text);
  });

  it('names the base the drone targeted, from the sentence that names it', async () => {
    const { a, span } = await answerOf('Which base was targeted by the drone?');
    expect(a.answer!.text).toContain('al-Asad Airbase');
    expect(span).toContain('al-Asad Airbase');
  });

  it('says what the Islamic Resistance in Iraq is', async () => {
    const { span } = await answerOf('What is the Islamic Resistance in Iraq?');
    expect(span).toMatch(/^a loose alliance of armed groups/);
  });

  it('gives the reason for the attacks', async () => {
    const { span } = await answerOf('Why has the pro-Iran group been carrying out attacks?');
    expect(span).toMatch(/^in response to the United States’ support for Israel/);
  });

  it('settles "was anyone hurt" with the sentence that reports no casualties, though misspelt', async () => {
    const { a } = await answerOf('Was anyone hurt in the drone attack?');
    expect(a.answer!.text).toContain('caused no causalities or damage');
    expect(a.answer!.span).toBeNull();
  });

  it('gives the group\'s reason, not the reason of the strikes against it', async () => {
    const { span } = await answerOf('Why did the pro-Iran group attack?');
    expect(span).toMatch(/^in response to the United States’ support for Israel/);
  });

  it('abstains on a why-question whose best sentence gives no reason', async () => {
    const a = await sitrep.answer('Why was the base attacked?');
    expect(a.abstained).toBe(true);
  });

  it('says who told AFP: the official, unnamed', async () => {
    const { a, span } = await answerOf('Who told AFP about the drone attack?');
    expect(a.answer!.text).toContain('told AFP');
    expect(span).toBe('the official');
  });

  it('counts the bombings in Syria asked as "how many times"', async () => {
    const { span } = await answerOf('How many times did the US bomb Syria?');
    expect(span).toBe('three occasions');
  });
});

describe('the learned answer/abstain model (ABSTAIN_MODEL)', () => {
  const withModel = (extra: Record<string, string> = {}) =>
    openSitrep(testConfig({ CORPUS_DIR: path.resolve('corpus'), INDEX_DIR: indexDir, ABSTAIN_MODEL: 'models/answerability.json', ...extra }));

  it('gives its probability as the confidence and its held-out threshold as MIN_CONFIDENCE, quoting the same sentence', async () => {
    const learned = await withModel();
    expect(learned.info().abstainModel).toBe('models/answerability.json');
    expect(learned.info().minConfidence).toBeGreaterThan(0);
    const question = 'Which base was targeted by the drone?';
    const [a, b] = [await learned.answer(question), await sitrep.answer(question)];
    expect(a.confidence).toBeGreaterThan(0);
    expect(a.confidence).toBeLessThan(1);
    expect(a.confidence).not.toBe(b.confidence);
    if (!a.abstained) expect(a.answer!.text).toBe(b.answer!.text);
  }, 60_000);

  it('refuses a fold the model does not have', async () => {
    await expect(withModel({ ABSTAIN_MODEL_FOLD: '9' })).rejects.toThrow(/ABSTAIN_MODEL_FOLD is 9/);
  }, 60_000);
});
