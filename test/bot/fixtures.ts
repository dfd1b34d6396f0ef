/** Hand-made answers for formatting tests (the end-to-end tests use the real pipeline). */
import type { Answer, Quote, SourceRef } from '../../src/answer/types.js';

export const SEED_SENTENCE =
  'In total, Washington has counted at least 78 attacks since October 17 against its forces in Iraq and Syria, 10 days after the start of the war between Israel and Hamas.';

export function quote(text: string, spanText: string | null, citation = 1): Quote {
  const start = spanText ? text.indexOf(spanText) : -1;
  return {
    text,
    span: spanText && start >= 0 ? { start, end: start + spanText.length, text: spanText } : null,
    citation,
    dates: [],
  };
}

export function source(n: number, over: Partial<SourceRef> = {}): SourceRef {
  return {
    n,
    title: `Article number ${n}`,
    source: 'AFP',
    published: '2023-12-06',
    url: `https://example.org/articles/${n}`,
    file: `article-${n}.md`,
    ...over,
  };
}

export function answer(over: Partial<Answer> = {}): Answer {
  return {
    question: 'How many attacks since Oct 17?',
    abstained: false,
    answer: quote(SEED_SENTENCE, 'at least 78 attacks'),
    supporting: [],
    earlier: [],
    sources: [source(1, { title: 'Western Troops in Iraq Targeted in Drone Attack Claimed by Pro-Iran Group' })],
    confidence: 0.91,
    asOf: '2023-12-06',
    answerPublished: '2023-12-06',
    newestSource: '2023-12-06',
    ms: 12.4,
    ...over,
  };
}

/** Every length Discord checks on an embed, and its total. */
export function embedSizes(e: { title?: string; description?: string; fields?: { name: string; value: string }[]; footer?: { text: string } }) {
  const fields = e.fields ?? [];
  return {
    title: e.title?.length ?? 0,
    description: e.description?.length ?? 0,
    fields: fields.length,
    longestFieldValue: Math.max(0, ...fields.map((f) => f.value.length)),
    longestFieldName: Math.max(0, ...fields.map((f) => f.name.length)),
    total:
      (e.title?.length ?? 0) +
      (e.description?.length ?? 0) +
      (e.footer?.text.length ?? 0) +
      fields.reduce((n, f) => n + f.name.length + f.value.length, 0),
  };
}

/** `**` markers not preceded by a backslash: an odd count would mean a bold left open. */
export function boldMarkers(markdown: string): number {
  return markdown.replace(/\\./g, '').split('**').length - 1;
}
