/**
 * What both learned models of incidents (the report filter, `report-model.ts`, and the sentence model,
 * `sentence-features.ts`) read alike from a report's sentence: cues of tense, negation, quotation and
 * cause from small word lists, and the fields the rules read (how far the day is from publication,
 * how specific the place is, an actor, a target). General by design: nothing names a place or an
 * article. Pure.
 */
import { parseIsoDay } from '../time/days.js';
import { DENIED } from './event-words.js';
import type { IncidentReport } from './types.js';

export const TOLL_WORD = /^(?:killed|kills?|killing|wounded|wounding|injured|injuring|injures|dead|died)$/i;
export const FUTURE_MODAL = /\b(?:will|would|could|might|may|can|should|plans?|planned|planning|threat\w*|vow\w*|warn\w*|if|possible|potential|imminent|expected|capable)\b/i;
export const PAST_VERB = /\b(?:\w+ed|struck|hit|shot|fired|killed|wounded|launched|blew|fell|took)\b/i;
export const PERFECT = /\b(?:ha(?:ve|s|d))\s+(?:been\s+|also\s+|already\s+)?\w+(?:ed|en|t)\b/i;
export const PROGRESSIVE = /\b(?:is|are|was|were|being)\s+\w+ing\b/i;
export const PLURAL_ATTACKS = /\b(?:attacks|strikes|airstrikes|bombings|explosions|raids|shellings|clashes)\b/i;
export const SINCE = /\bsince\b/i;
export const CAUSAL = /\b(?:after|following|in response|in retaliation|as a result|due to|because|amid|prompt\w*|led to)\b/i;
export const QUOTE = /["“”]/;
export const SAYS = /\b(?:said|says|say|told|according to|reported|reports|claims?|claimed|announced|confirms?|confirmed|stated)\b/i;

const flag = (b: boolean): number => (b ? 1 : 0);

/** The features `setWordCues` sets, in the order both models read them. */
export const WORD_CUES = ['negation', 'future_modal', 'past_verb', 'perfect', 'progressive', 'plural_attacks', 'since', 'causal', 'quoted', 'says', 'question'] as const;

/** The features `setFieldCues` sets, in the order both models read them. */
export const FIELD_CUES = ['log_days_before', 'place_site', 'place_town', 'place_region', 'place_country', 'place_none', 'place_gazetteer', 'other_places', 'actor', 'target'] as const;

/** Sets the word-list cues of `sentence` in `f`. */
export function setWordCues(f: Record<(typeof WORD_CUES)[number], number>, sentence: string): void {
  DENIED.lastIndex = 0;
  f.negation = flag(DENIED.test(sentence));
  DENIED.lastIndex = 0;
  f.future_modal = flag(FUTURE_MODAL.test(sentence));
  f.past_verb = flag(PAST_VERB.test(sentence));
  f.perfect = flag(PERFECT.test(sentence));
  f.progressive = flag(PROGRESSIVE.test(sentence));
  f.plural_attacks = flag(PLURAL_ATTACKS.test(sentence));
  f.since = flag(SINCE.test(sentence));
  f.causal = flag(CAUSAL.test(sentence));
  f.quoted = flag(QUOTE.test(sentence));
  f.says = flag(SAYS.test(sentence));
  f.question = flag(sentence.trimEnd().endsWith('?'));
}

/** Sets in `f` what the fields of `report` say, beside its article's publication day. */
export function setFieldCues(f: Record<(typeof FIELD_CUES)[number], number>, report: IncidentReport, published: string | undefined): void {
  const publishedDay = published ? parseIsoDay(published) : null;
  const day = report.eventDay ? parseIsoDay(report.eventDay.day) : null;
  // Day numbers, not milliseconds: a day or two back is news, a year back is history.
  f.log_days_before = publishedDay != null && day != null ? Math.log1p(Math.max(0, publishedDay - day)) : 0;
  const spec = report.place?.specificity;
  f.place_site = flag(spec === 'site');
  f.place_town = flag(spec === 'town');
  f.place_region = flag(spec === 'region');
  f.place_country = flag(spec === 'country');
  f.place_none = flag(report.place === null);
  f.place_gazetteer = flag(report.place?.gazetteer !== undefined || report.place?.country !== undefined);
  f.other_places = Math.min(3, report.otherPlaces.length);
  f.actor = flag(report.actor !== null);
  f.target = flag(report.target !== null);
}
