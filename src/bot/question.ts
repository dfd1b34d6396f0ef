/** What counts as a question the bot will look up. */
import { z } from 'zod';

export const MAX_QUESTION_LENGTH = 300;

export const questionSchema = z
  .string()
  .trim()
  .min(1, 'Please type a question, for example: How many attacks since Oct 17?')
  .max(MAX_QUESTION_LENGTH, `Please keep your question under ${MAX_QUESTION_LENGTH} characters.`)
  .refine((q) => /[\p{L}\p{N}]/u.test(q), 'That has no words in it. Please ask a question in words.');

export type QuestionCheck = { ok: true; question: string } | { ok: false; message: string };

/** The trimmed question, or the message that says what is wrong with it. */
export function checkQuestion(raw: string | null | undefined): QuestionCheck {
  const parsed = questionSchema.safeParse(raw ?? '');
  return parsed.success ? { ok: true, question: parsed.data } : { ok: false, message: parsed.error.issues[0]!.message };
}
