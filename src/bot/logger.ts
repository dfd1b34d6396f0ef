/**
 * JSON logs (pino). Secrets never reach a log line: the bot token and the feedback secret are
 * redacted by field and, in case they hide inside an error message, by value; interaction and webhook tokens are cut out of urls.
 */
import { pino, type Logger } from 'pino';
import type { Config } from '../config.js';

export type { Logger };

export const REDACTED = '[redacted]';

/** `/interactions/<id>/<token>` and `/webhooks/<app>/<token>`: the token is a short-lived secret. */
const URL_TOKENS = /((?:interactions|webhooks)\/\d+\/)[\w.-]{8,}/g;

export interface LogDestination {
  write(line: string): unknown;
}

export function scrubSecrets(line: string, secrets: string[]): string {
  let out = line;
  for (const s of secrets) out = out.split(s).join(REDACTED);
  return out.replace(URL_TOKENS, `$1${REDACTED}`);
}

export function createLogger(
  config: Pick<Config, 'LOG_LEVEL' | 'DISCORD_TOKEN'> & Partial<Pick<Config, 'FEEDBACK_SECRET'>>,
  destination: LogDestination = process.stdout,
): Logger {
  const secrets = [config.DISCORD_TOKEN, config.FEEDBACK_SECRET].filter((s): s is string => Boolean(s && s.length >= 8));
  return pino(
    {
      level: config.LOG_LEVEL,
      base: { app: 'sitrep' },
      redact: {
        paths: ['token', '*.token', 'DISCORD_TOKEN', '*.DISCORD_TOKEN', 'headers.authorization', '*.headers.authorization', 'FEEDBACK_SECRET', '*.FEEDBACK_SECRET'],
        censor: REDACTED,
      },
    },
    { write: (line: string) => destination.write(scrubSecrets(line, secrets)) },
  );
}
