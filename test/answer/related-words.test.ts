import { describe, expect, it } from 'vitest';
import { parseQuestion } from '../../src/answer/question.js';
import { rankSentences, type SentenceInput } from '../../src/answer/rank.js';
import { relatedExpansions, relatedWords } from '../../src/answer/related-words.js';
import { answerSpans, sameTerm } from '../../src/answer/spans.js';
import { confidenceOf } from '../../src/answer/compose.js';

const termsOf = (word: string) => relatedWords(word).map((r) => r.word);

function rank(question: string, texts: string[]) {
  const q = parseQuestion(question);
  const sentences: SentenceInput[] = texts.map((text, i) => ({ article: 0, start: i * 200, end: i * 200 + text.length, text, passage: 1, semantic: 0 }));
  return rankSentences(sentences, { question: q, expansions: relatedExpansions(q.tokens, q.names), idf: () => 1, similarity: sameTerm });
}

describe('the harm relation', () => {
  it('lets the general words stand for the particular ones and back', () => {
    expect(termsOf('hurt')).toEqual(expect.arrayContaining(['injured', 'wounded', 'casualties']));
    expect(termsOf('casualties')).toEqual(expect.arrayContaining(['injured', 'killed', 'dead']));
    expect(termsOf('killed')).toContain('casualties');
  });

  it('never lets being killed stand for being hurt, nor an unrelated word for either', () => {
    expect(termsOf('killed')).not.toContain('injured');
    expect(termsOf('wounded')).not.toContain('killed');
    expect(termsOf('convoy')).toEqual([]);
  });

  it('adds no term the question already holds, and leaves names alone', () => {
    const q = parseQuestion('Were the injured or the wounded taken to Hurt Hospital?');
    const added = relatedExpansions(q.tokens, q.names);
    expect(added.map((e) => e.term)).not.toContain('wound');
    expect(added.some((e) => e.from === 'hurt')).toBe(false);
  });
});

describe('ranking with the harm relation', () => {
  const sentences = [
    'The shelling of the convoy began at dawn on Monday.',
    'Three guards were wounded in the shelling of the convoy.',
  ];

  it('finds the sentence that settles "was anyone hurt" though it words the harm another way', () => {
    expect(rank('Was anyone hurt in the shelling of the convoy?', sentences)[0]!.text).toContain('guards were wounded');
  });

  it('matches a misspelling of a related word ("casualites" for "casualties")', () => {
    const texts = ['The shelling of the convoy began at dawn, the governor said.', 'The shelling of the convoy caused no casualites, the governor said.'];
    const [best] = rank('Was anyone injured in the shelling of the convoy?', texts);
    expect(best!.text).toContain('no casualites');
  });

  it('does not count the pronoun of a yes/no question as a word to find', () => {
    expect(parseQuestion('Was anyone hurt in the blast?').terms).toEqual(['hurt', 'blast']);
    expect(parseQuestion('Did anybody claim the raid?').terms).toEqual(['claim', 'raid']);
  });
});

describe('reason clauses', () => {
  const best = (sentence: string, question: string) => answerSpans(sentence, parseQuestion(question), { similarity: sameTerm })[0];

  it('scores down a reason that only repeats the question: it explains something else', () => {
    const q = 'Why did the militia shell the port?';
    const repeats = best('The navy struck back in retaliation for the shelling of the port.', q)!;
    const explains = best('The militia shelled the port in response to the seizure of its tanker.', q)!;
    expect(explains.text).toBe('in response to the seizure of its tanker');
    expect(repeats.score).toBeLessThan(explains.score);
  });

  it('gives a why-question little confidence when its best sentence holds no reason clause', () => {
    const q = 'Why did the militia shell the port?';
    const [bare] = rank(q, ['The militia shelled the port on Tuesday night.']);
    const [explained] = rank(q, ['The militia shelled the port because the navy had seized its tanker.']);
    expect(confidenceOf(bare!, 1, true, false, true)).toBeLessThan(0.35);
    expect(confidenceOf(explained!, 1, true, false, true)).toBeGreaterThan(0.6);
    // Ranked, the bare sentence is not sunk: reasons are worded too many ways for the patterns.
    expect(bare!.features.type).toBe(0.5);
  });
});
