import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/bot/logger.js';

const TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.GaBcDe.s3cr3t-t0ken-value_abcdefghijklmnop';

function capture() {
  const lines: string[] = [];
  const logger = createLogger({ LOG_LEVEL: 'info', DISCORD_TOKEN: TOKEN }, { write: (l: string) => lines.push(l) });
  return { logger, lines };
}

describe('logs', () => {
  it('are one JSON object per line', () => {
    const { logger, lines } = capture();
    logger.info({ user: '42' }, 'hello');
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 30, msg: 'hello', user: '42', app: 'sitrep' });
  });

  it('never contain the bot token, by field or inside an error message', () => {
    const { logger, lines } = capture();
    logger.info({ token: TOKEN, config: { DISCORD_TOKEN: TOKEN } }, 'config');
    logger.error({ err: new Error(`login failed with ${TOKEN}`) }, `failed: ${TOKEN}`);
    const all = lines.join('\n');
    expect(all).not.toContain(TOKEN);
    expect(all).toContain('[redacted]');
  });

  it('never contain the feedback secret', () => {
    const lines: string[] = [];
    const secret = 'feedback-secret-0123456789abcdef';
    const logger = createLogger({ LOG_LEVEL: 'info', DISCORD_TOKEN: TOKEN, FEEDBACK_SECRET: secret }, { write: (l: string) => lines.push(l) });
    logger.info({ config: { FEEDBACK_SECRET: secret } }, `key ${secret}`);
    expect(lines.join('\n')).not.toContain(secret);
  });

  it('cut interaction tokens out of urls', () => {
    const { logger, lines } = capture();
    const err = Object.assign(new Error('Unknown interaction'), {
      url: 'https://discord.com/api/v10/interactions/1234567890/aW50ZXJhY3Rpb246c2VjcmV0/callback',
    });
    logger.error({ err }, 'interaction failed');
    expect(lines[0]).not.toContain('aW50ZXJhY3Rpb246c2VjcmV0');
    expect(lines[0]).toContain('interactions/1234567890/[redacted]/callback');
  });
});
