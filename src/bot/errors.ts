/** Errors the bot's entry points report as a plain message. */
export class MissingTokenError extends Error {
  override readonly name = 'MissingTokenError';
  constructor() {
    super(
      'DISCORD_TOKEN is not set. Create a bot and put its token in .env: see "Discord setup" in the README (docs/discord-setup.md).',
    );
  }
}
