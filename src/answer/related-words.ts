/**
 * A small, hand-kept relation between the words reports use for harm to people. "Was anyone hurt?" is
 * settled by "caused no casualties", and "Were there casualties?" by "two people were wounded", yet
 * the words share no stem and word vectors put them apart ("hurt" is closest to "bad", "casualties" to
 * "deaths"). The relation is small on purpose: a casualty is someone killed or injured, so the general
 * words (casualties, hurt) stand for the particular ones, while "killed" never stands for "injured".
 */
import { termOf, type Token } from '../store/analyze.js';
import type { Expansion } from './expand.js';

/** Words for being hurt, one meaning: each stands for the others. */
const INJURED = ['hurt', 'injured', 'injuries', 'wounded', 'harmed'];
/** Words for being killed, one meaning. */
const KILLED = ['killed', 'dead', 'deaths', 'fatalities'];
/** The general word: a casualty is one killed or one injured. */
const CASUALTIES = ['casualties'];

/**
 * Pairs of (question word, word that may answer it). Within a group every word stands for every other;
 * "casualties" and every word of both groups stand for each other, but the groups never for each other.
 */
function relation(): Map<string, { word: string; term: string }[]> {
  const pairs = new Map<string, { word: string; term: string }[]>();
  const link = (from: readonly string[], to: readonly string[]) => {
    for (const a of from) {
      const key = termOf(a)!;
      const list = pairs.get(key) ?? [];
      for (const b of to) {
        const term = termOf(b)!;
        if (term !== key && !list.some((x) => x.term === term)) list.push({ word: b, term });
      }
      pairs.set(key, list);
    }
  };
  for (const group of [INJURED, KILLED]) {
    link(group, group);
    link(group, CASUALTIES);
    link(CASUALTIES, group);
  }
  return pairs;
}

const RELATED = relation();

/** Weight of a related word, relative to the question's own word: below a compound's tail (0.7). */
export const RELATED_WEIGHT = 0.6;

/** The words of the relation that stand for `word` (by index term), with their terms. */
export function relatedWords(word: string): readonly { word: string; term: string }[] {
  const term = termOf(word.toLowerCase());
  return term === null ? [] : (RELATED.get(term) ?? []);
}

/**
 * Extra terms for the question's words from the relation, at RELATED_WEIGHT, each with the word it
 * comes from (so that a misspelling of it in a sentence can be matched too). Terms the question holds
 * already, and names, are left out.
 */
export function relatedExpansions(tokens: readonly Token[], names: ReadonlySet<string>): Expansion[] {
  const own = new Set(tokens.map((t) => t.term));
  const out: Expansion[] = [];
  for (const t of tokens) {
    if (t.term === null || names.has(t.term)) continue;
    for (const r of relatedWords(t.word)) {
      if (own.has(r.term) || out.some((o) => o.term === r.term && o.from === t.term)) continue;
      out.push({ term: r.term, weight: RELATED_WEIGHT, from: t.term, word: r.word });
    }
  }
  return out;
}
