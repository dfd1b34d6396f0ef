import { describe, expect, it } from 'vitest';
import { parseQuestion } from '../../src/answer/question.js';
import { MAX_SPAN_WORDS, spanCandidates, spanContext } from '../../src/answer/span-candidates.js';
import { SPAN_FEATURES, spanFeatures } from '../../src/answer/span-features.js';
import { HAND_KEPT, markSpan, selectSpan } from '../../src/answer/span-selector.js';
import { answerSpans } from '../../src/answer/spans.js';
import { sameTerm } from '../../src/answer/spans.js';
import { readSpanModel } from '../../src/learn/span-model.js';

const contextOf = (sentence: string, question: string) => spanContext(sentence, parseQuestion(question), { similarity: sameTerm });
const model = readSpanModel('models/span-selection.json', SPAN_FEATURES).span;
const pick = (sentence: string, question: string) => selectSpan(model, sentence, parseQuestion(question), { similarity: sameTerm })?.text;

describe('span candidates', () => {
  it('never cross a clause mark nor start or end on a function word, and stay short', () => {
    const ctx = contextOf('The Varda convoy was hit near Tal Noor; two drivers (both local) were hurt.', 'Where was the convoy hit?');
    const texts = spanCandidates(ctx).map((c) => c.text);
    expect(texts).toContain('Tal Noor');
    expect(texts).toContain('two drivers');
    expect(texts.some((t) => t.includes(';') || t.includes('('))).toBe(false);
    expect(texts.some((t) => /^(of|was|near|and)\b|\b(of|was|near|and)$/i.test(t))).toBe(false);
    expect(Math.max(...spanCandidates(ctx).filter((c) => c.handScore === null).map((c) => c.to - c.from + 1))).toBeLessThanOrEqual(MAX_SPAN_WORDS);
  });

  it('hold the hand rules’ spans, their first choice marked, even when longer than a word run', () => {
    const ctx = contextOf('The depot was shelled in response to the raid on Kessel port last week.', 'Why was the depot shelled?');
    const top = spanCandidates(ctx).find((c) => c.handTop);
    expect(top?.text).toBe('in response to the raid on Kessel port last week');
    expect(top?.handScore).toBe(1);
  });

  it('give one finite row of every feature per candidate', () => {
    const ctx = contextOf('Officials counted 14 drone attacks on Harlow base since 2 March.', 'How many drone attacks hit Harlow base?');
    const candidates = spanCandidates(ctx);
    const rows = spanFeatures(ctx, candidates);
    expect(rows).toHaveLength(candidates.length);
    expect(rows.every((r) => r.length === SPAN_FEATURES.length && r.every(Number.isFinite))).toBe(true);
    expect(new Set(SPAN_FEATURES).size).toBe(SPAN_FEATURES.length);
  });
});

describe('the learned span selector', () => {
  it('marks the date of a when-question', () => {
    expect(pick('The Harlow depot exploded on 14 February 2022, officials in Varda said.', 'When did the Harlow depot explode?')).toContain('14 February 2022');
  });

  it('marks the number of a how-many question', () => {
    expect(pick('Rescuers said 37 villagers were killed when the dam at Orlen broke.', 'How many villagers were killed when the dam broke?')).toMatch(/^37\b/);
  });

  it('marks the group that claimed an attack, not the words the question gives', () => {
    expect(pick('The Northern Liberation Front claimed the bombing of the Kessel bridge.', 'Who claimed the bombing of the Kessel bridge?')).toMatch(/^(The )?Northern Liberation Front$/);
  });

  it('marks a span for a what-question, which the hand rules leave unmarked', () => {
    const q = 'What did the engineers build across the Orlen river?';
    const s = 'In 1931 the engineers built a steel railway bridge across the Orlen river.';
    expect(spanContext(s, parseQuestion(q), { similarity: sameTerm }).hand).toHaveLength(0);
    expect(pick(s, q)).toMatch(/bridge/);
  });
});

describe('marking the quoted sentence', () => {
  it('keeps the hand rules’ count with its counted noun, and lets the model mark a what-question', () => {
    expect(HAND_KEPT.has('quantity')).toBe(true);
    const s = 'Officials counted at least 40 raids on Harlow since March 3.';
    const count = parseQuestion('How many raids on Harlow since March 3?');
    const hand = answerSpans(s, count, { similarity: sameTerm })[0] ?? null;
    expect(markSpan(model, { text: s, span: hand }, count, sameTerm)?.text).toBe('at least 40 raids');
    const what = parseQuestion('What did officials count on Harlow?');
    const marked = markSpan(model, { text: s, span: null }, what, sameTerm);
    expect(marked).not.toBeNull();
    expect(s.slice(marked!.start, marked!.end)).toBe(marked!.text);
  });
});
