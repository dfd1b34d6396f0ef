/** Gateway event payloads as Discord sends them, with only what discord.js needs (see notes/fake-discord.md). */
import { snowflake } from './snowflake.js';

export interface FakeUser {
  id: string;
  username: string;
  global_name?: string | null;
  discriminator: string;
  avatar: string | null;
  bot?: boolean;
}

export function user(username = 'analyst', id = snowflake()): FakeUser {
  return { id, username, global_name: username, discriminator: '0', avatar: null };
}

export const PERMISSIONS = {
  none: '0',
  /** Send messages, view channel: an ordinary member. */
  member: String((1n << 10n) | (1n << 11n)),
  manageGuild: String((1n << 5n) | (1n << 10n) | (1n << 11n)),
};

export interface CommandOption {
  name: string;
  type: number;
  value: string | number | boolean;
}

export interface InteractionInput {
  applicationId: string;
  name: string;
  options?: CommandOption[];
  user?: FakeUser;
  /** null for a command used in a DM with the bot. */
  guildId?: string | null;
  channelId?: string;
  permissions?: string;
}

export interface FakeInteraction {
  id: string;
  token: string;
  payload: Record<string, unknown>;
}

const OPTION_TYPE = { string: 3, boolean: 5 } as const;

export const stringOption = (name: string, value: string): CommandOption => ({ name, type: OPTION_TYPE.string, value });
export const booleanOption = (name: string, value: boolean): CommandOption => ({ name, type: OPTION_TYPE.boolean, value });

function interactionToken(): string {
  return `aW50ZXJhY3Rpb24${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`;
}

function base(input: Omit<InteractionInput, 'name' | 'options'>, type: number, data: Record<string, unknown>, extra: Record<string, unknown> = {}): FakeInteraction {
  const id = snowflake();
  const token = interactionToken();
  const u = input.user ?? user();
  const guildId = input.guildId === undefined ? '1100000000000000001' : input.guildId;
  const channelId = input.channelId ?? '1100000000000000002';
  const inGuild = guildId !== null;
  const payload: Record<string, unknown> = {
    id,
    application_id: input.applicationId,
    type,
    token,
    version: 1,
    data,
    channel_id: channelId,
    channel: { id: channelId, type: inGuild ? 0 : 1 },
    locale: 'en-US',
    app_permissions: PERMISSIONS.member,
    entitlements: [],
    authorizing_integration_owners: inGuild ? { '0': guildId } : { '1': u.id },
    context: inGuild ? 0 : 1,
    ...extra,
  };
  if (inGuild) {
    payload.guild_id = guildId;
    payload.guild_locale = 'en-US';
    payload.member = {
      user: u,
      roles: [],
      permissions: input.permissions ?? PERMISSIONS.member,
      joined_at: new Date(0).toISOString(),
      deaf: false,
      mute: false,
      flags: 0,
    };
  } else payload.user = u;
  return { id, token, payload };
}

/** INTERACTION_CREATE of a slash command. */
export function slashCommand(input: InteractionInput): FakeInteraction {
  return base(input, 2, { id: snowflake(), name: input.name, type: 1, options: input.options ?? [] });
}

/** INTERACTION_CREATE of a button press on a message the bot sent. */
export function buttonPress(input: Omit<InteractionInput, 'name' | 'options'> & { customId: string; message: Record<string, unknown> }): FakeInteraction {
  return base(input, 3, { custom_id: input.customId, component_type: 2 }, { message: input.message });
}

/** MESSAGE_CREATE of a direct message to the bot. */
export function directMessage(input: { content: string; author?: FakeUser; channelId?: string }): Record<string, unknown> {
  return {
    id: snowflake(),
    channel_id: input.channelId ?? '1200000000000000001',
    channel_type: 1,
    author: input.author ?? user(),
    content: input.content,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: [],
    pinned: false,
    type: 0,
  };
}
