/** The shape of a command module (a slash command or a message context-menu command), and what every command receives. */
import type {
  ButtonInteraction,
  ChatInputCommandInteraction,
  MessageContextMenuCommandInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
  RESTPostAPIContextMenuApplicationCommandsJSONBody,
} from 'discord.js';
import type { Config } from '../config.js';
import type { Sitrep } from '../sitrep.js';
import type { AnswerStore } from './answer-store.js';
import type { FeedbackStore } from './feedback-store.js';
import type { IndexKeeper } from './index-keeper.js';
import type { Logger } from './logger.js';
import type { RateLimiter } from './rate-limit.js';

export interface BotContext {
  config: Config;
  sitrep: Sitrep;
  logger: Logger;
  limiter: RateLimiter;
  index: IndexKeeper;
  /** Answers sent, for the buttons under them. */
  answers: AnswerStore;
  /** Votes on answers; null when FEEDBACK_SECRET is not set (no vote buttons then). */
  feedback: FeedbackStore | null;
}

/** A command's definition as registered: a slash command's, or a context-menu command's (which has no options). */
export type CommandJSON =
  | RESTPostAPIChatInputApplicationCommandsJSONBody
  | (RESTPostAPIContextMenuApplicationCommandsJSONBody & { options?: undefined });

export type CommandInteraction = ChatInputCommandInteraction | MessageContextMenuCommandInteraction;

/**
 * A module under `commands/`: its definition (a SlashCommandBuilder, or a ContextMenuCommandBuilder
 * of type Message) and what it does. `execute` receives the interaction of its own kind.
 */
export interface Command {
  data: { name: string; toJSON(): CommandJSON };
  execute(interaction: CommandInteraction, ctx: BotContext): Promise<void>;
  /** Buttons whose custom id starts with `prefix` belong to this command. */
  buttonPrefix?: string;
  onButton?(interaction: ButtonInteraction, ctx: BotContext): Promise<void>;
}

/** Buttons that belong to no command (those under every answer): custom ids starting with `prefix`. */
export interface ButtonHandler {
  prefix: string;
  onButton(interaction: ButtonInteraction, ctx: BotContext): Promise<void>;
}

/** 1: a slash command, 3: a message context-menu command (Discord's ApplicationCommandType). */
export function commandType(command: Pick<Command, 'data'>): number {
  return (command.data.toJSON() as { type?: number }).type ?? 1;
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
