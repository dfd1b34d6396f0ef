/**
 * The question in a message someone points the bot at ("Ask Sitrep" on a message): its text without
 * the bot's mention; a long message (a pasted article) is asked by its first question, or else its
 * first sentence, that fits.
 */
import { MAX_QUESTION_LENGTH } from './question.js';
import { mentionPattern } from './message-route.js';

export const NO_TEXT = 'That message has no text to ask about.';
export const TOO_LONG = `That message is too long to ask as it is: I take questions of up to ${MAX_QUESTION_LENGTH} characters. Copy the question into /ask instead.`;

export type TargetQuestion = { ok: true; text: string } | { ok: false; message: string };

const sentences = new Intl.Segmenter('en', { granularity: 'sentence' });

export function questionFromMessage(content: string, botId: string): TargetQuestion {
  const text = content.replace(mentionPattern(botId), ' ').replace(/\s+/g, ' ').trim();
  if (!/[\p{L}\p{N}]/u.test(text)) return { ok: false, message: NO_TEXT };
  if (text.length <= MAX_QUESTION_LENGTH) return { ok: true, text };
  const parts = [...sentences.segment(text.slice(0, 20 * MAX_QUESTION_LENGTH))].map((s) => s.segment.trim()).filter((s) => /[\p{L}\p{N}]/u.test(s));
  const fits = (s: string) => s.length <= MAX_QUESTION_LENGTH;
  const picked = parts.find((s) => s.endsWith('?') && fits(s)) ?? (parts[0] && fits(parts[0]) ? parts[0] : undefined);
  return picked ? { ok: true, text: picked } : { ok: false, message: TOO_LONG };
}
