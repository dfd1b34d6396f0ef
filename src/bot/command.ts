/** The shape of a slash command module, and what every command receives. */
import type {
  ButtonInteraction,
  ChatInputCommandInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { Config } from '../config.js';
import type { Sitrep } from '../sitrep.js';
import type { IndexKeeper } from './index-keeper.js';
import type { Logger } from './logger.js';
import type { RateLimiter } from './rate-limit.js';

export interface BotContext {
  config: Config;
  sitrep: Sitrep;
  logger: Logger;
  limiter: RateLimiter;
  index: IndexKeeper;
}

/** A module under `commands/`: its definition (a SlashCommandBuilder) and what it does. */
export interface Command {
  data: { name: string; toJSON(): RESTPostAPIChatInputApplicationCommandsJSONBody };
  execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void>;
  /** Buttons whose custom id starts with `prefix` belong to this command. */
  buttonPrefix?: string;
  onButton?(interaction: ButtonInteraction, ctx: BotContext): Promise<void>;
}

export function isCommand(value: unknown): value is Command {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<Record<keyof Command, unknown>>;
  const data = v.data as { name?: unknown; toJSON?: unknown } | undefined;
  return (
    typeof data === 'object' &&
    data !== null &&
    typeof data.name === 'string' &&
    typeof data.toJSON === 'function' &&
    typeof v.execute === 'function' &&
    (v.buttonPrefix === undefined || (typeof v.buttonPrefix === 'string' && typeof v.onButton === 'function'))
  );
}
