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

// ---- Servers, their channels, and messages in them ----

export const GUILD_ID = '1100000000000000001';
/** The channel interactions come from by default. */
export const GENERAL_CHANNEL_ID = '1100000000000000002';
export const ASK_CHANNEL_ID = '1100000000000000003';
export const OTHER_CHANNEL_ID = '1100000000000000004';

export interface FakeChannel {
  id: string;
  type: number;
  name: string;
  /** Threads: the channel they are in, and who started them. */
  parent_id?: string | null;
  owner_id?: string;
}

export const CHANNEL_TYPE = { text: 0, publicThread: 11 } as const;

export function textChannel(id: string, name: string): FakeChannel {
  return { id, type: CHANNEL_TYPE.text, name };
}

/** A thread channel object, as Discord returns it when a thread is started on a message. */
export function threadChannel(input: { id?: string; guildId: string; parentId: string; ownerId: string; name: string }): Record<string, unknown> {
  return {
    id: input.id ?? snowflake(),
    guild_id: input.guildId,
    parent_id: input.parentId,
    owner_id: input.ownerId,
    type: CHANNEL_TYPE.publicThread,
    name: input.name,
    last_message_id: null,
    message_count: 0,
    member_count: 1,
    rate_limit_per_user: 0,
    flags: 0,
    total_message_sent: 0,
    thread_metadata: { archived: false, auto_archive_duration: 1440, archive_timestamp: new Date().toISOString(), locked: false },
  };
}

function member(u: FakeUser): Record<string, unknown> {
  return { user: u, roles: [], joined_at: new Date(0).toISOString(), deaf: false, mute: false, flags: 0 };
}

/** GUILD_CREATE: the server with its channels, the members given (the bot among them) and its active threads. */
export function guildCreate(input: { id: string; name?: string; channels: FakeChannel[]; threads?: Record<string, unknown>[]; members: FakeUser[] }): Record<string, unknown> {
  return {
    id: input.id,
    name: input.name ?? 'Newsroom',
    icon: null,
    owner_id: input.members[0]?.id ?? snowflake(),
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    roles: [{ id: input.id, name: '@everyone', permissions: PERMISSIONS.member, position: 0, color: 0, hoist: false, managed: false, mentionable: false, flags: 0 }],
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: 0,
    system_channel_id: null,
    system_channel_flags: 0,
    rules_channel_id: null,
    joined_at: new Date(0).toISOString(),
    large: false,
    unavailable: false,
    member_count: input.members.length,
    members: input.members.map(member),
    channels: input.channels.map((c) => ({ ...c, position: 0, permission_overwrites: [], parent_id: c.parent_id ?? null })),
    threads: input.threads ?? [],
    presences: [],
    voice_states: [],
    premium_tier: 0,
    preferred_locale: 'en-US',
    nsfw_level: 0,
    premium_progress_bar_enabled: false,
  };
}

export interface GuildMessageInput {
  content: string;
  channelId: string;
  guildId?: string;
  author?: FakeUser;
  /** Users the message mentions (Discord lists them whether or not their id is in the text). */
  mentions?: FakeUser[];
  /** 0: an ordinary message; 7: "joined the server", and other system types. */
  type?: number;
}

/** MESSAGE_CREATE of a message in a server channel or thread, content and all (the fake hides it as Discord would). */
export function guildMessage(input: GuildMessageInput): Record<string, unknown> {
  const author = input.author ?? user();
  return {
    id: snowflake(),
    channel_id: input.channelId,
    guild_id: input.guildId ?? GUILD_ID,
    author,
    member: { roles: [], joined_at: new Date(0).toISOString(), deaf: false, mute: false, flags: 0 },
    content: input.content,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: (input.mentions ?? []).map((u) => ({ ...u, member: member(u) })),
    mention_roles: [],
    attachments: [],
    embeds: [],
    components: [],
    pinned: false,
    type: input.type ?? 0,
    flags: 0,
  };
}

/** INTERACTION_CREATE of a message context-menu command ("Apps > <name>" on `target`, a message payload). */
export function messageCommand(input: Omit<InteractionInput, 'options'> & { target: Record<string, unknown> }): FakeInteraction {
  const targetId = String(input.target.id);
  return base(input, 2, {
    id: snowflake(),
    name: input.name,
    type: 3,
    target_id: targetId,
    resolved: { messages: { [targetId]: input.target } },
  });
}
