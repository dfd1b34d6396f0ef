/**
 * The passages an answer quoted, found while the index that answered is still loaded, so that the
 * Sources button can show them later whatever became of the index. For each cited source, each quote
 * of it is looked up by its own words (lexical search, as of the answer's day); the passage of that
 * source's file that holds the quote's text is kept. A quote whose passage cannot be found is kept
 * alone: what was quoted is shown either way.
 */
import type { Answer, Quote } from '../answer/types.js';
import type { Searcher } from '../sitrep.js';
import type { QuotedPassage } from './answer-store.js';

/** Passages looked at per quote: its own passage ranks first or near it, as it holds every word. */
const HITS_PER_QUOTE = 5;

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

export function quotesOf(answer: Answer): Quote[] {
  return answer.abstained || !answer.answer ? [] : [answer.answer, ...answer.supporting, ...answer.earlier];
}

export async function quotedPassages(searcher: Searcher, answer: Answer): Promise<QuotedPassage[]> {
  const out: QuotedPassage[] = [];
  for (const quote of quotesOf(answer)) {
    const source = answer.sources.find((s) => s.n === quote.citation);
    if (!source) continue;
    const words = squash(quote.text);
    // Another quote of the same source may have brought its passage already.
    if (out.some((p) => p.n === source.n && squash(p.text).includes(words))) continue;
    const hits = await searcher.search(quote.text, { k: HITS_PER_QUOTE, mode: 'lexical', asOf: answer.asOf }).catch(() => []);
    const hit = hits.find((h) => (h.line ? `${h.file}:${h.line}` : h.file) === source.file && squash(h.text).includes(words));
    out.push({ n: source.n, text: hit ? hit.text : quote.text });
  }
  return out;
}
