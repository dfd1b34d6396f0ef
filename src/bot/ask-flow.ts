/** The checks every question passes before it is looked up, shared by /ask and direct messages. */
import { checkQuestion } from './question.js';
import { retryMessage, type RateLimiter } from './rate-limit.js';

export type Admission = { ok: true; question: string } | { ok: false; message: string };

/** Validates the question, then counts it against the user's rate limit (invalid ones do not count). */
export function admitQuestion(limiter: RateLimiter, userId: string, raw: string | null | undefined): Admission {
  const checked = checkQuestion(raw);
  if (!checked.ok) return checked;
  const decision = limiter.take(userId);
  return decision.allowed ? checked : { ok: false, message: retryMessage(decision.retryAfterMs) };
}
