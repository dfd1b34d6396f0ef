/**
 * A small Discord on 127.0.0.1 for driving the real discord.js client offline: REST under
 * `/api/v10` (recording every request) and a gateway WebSocket (HELLO, IDENTIFY → READY,
 * heartbeats, RESUME with replay). Tests dispatch gateway events and assert on the requests.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { FakeGateway } from './gateway.js';
import {
  GUILD_ID,
  guildCreate,
  guildMessage,
  threadChannel,
  type FakeChannel,
  type FakeUser,
  type GuildMessageInput,
} from './payloads.js';
import { snowflake } from './snowflake.js';

export interface RecordedRequest {
  method: string;
  /** Decoded path after `/api/v10`, e.g. `/webhooks/1/abc/messages/@original`. */
  path: string;
  query: URLSearchParams;
  authorization: string | undefined;
  /** The JSON body; for a request with files (multipart), its `payload_json` part. */
  body: any;
  /** Files uploaded with the request (multipart `files[n]` parts), as sent. */
  files: RecordedFile[];
  at: number;
}

export interface RecordedFile {
  /** The part's name, e.g. `files[0]`. */
  field: string;
  filename: string;
  contentType: string | undefined;
  data: Buffer;
}

/** The parts of a multipart/form-data body, as discord.js sends files: each part's headers and bytes. */
export function parseMultipart(raw: Buffer, contentType: string): { name: string; filename?: string; contentType?: string; data: Buffer }[] {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  if (!boundary) return [];
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  const parts: { name: string; filename?: string; contentType?: string; data: Buffer }[] = [];
  let at = raw.indexOf(delimiter);
  while (at !== -1) {
    const start = at + delimiter.length;
    if (raw.subarray(start, start + 2).toString() === '--') break;
    const next = raw.indexOf(delimiter, start);
    if (next === -1) break;
    const part = raw.subarray(start + 2, next - 2); // after CRLF, before the CRLF ahead of the next delimiter
    const headerEnd = part.indexOf('\r\n\r\n');
    const headers = part.subarray(0, headerEnd).toString('utf8');
    const disposition = /content-disposition:[^\r\n]*/i.exec(headers)?.[0] ?? '';
    parts.push({
      name: /name="([^"]*)"/.exec(disposition)?.[1] ?? '',
      filename: /filename="([^"]*)"/.exec(disposition)?.[1],
      contentType: /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1],
      data: part.subarray(headerEnd + 4),
    });
    at = next;
  }
  return parts;
}

interface Waiter {
  match: (r: RecordedRequest) => boolean;
  resolve: (r: RecordedRequest) => void;
}


/** A response to force on a matching request (an error, a 429), once. */
interface Override {
  match: (r: RecordedRequest) => boolean;
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface FakeDiscordOptions {
  token: string;
  applicationId: string;
  botUser?: FakeUser;
  heartbeatIntervalMs?: number;
  /**
   * Whether the Message Content intent is switched on for the application in the Developer Portal
   * (its `GatewayMessageContentLimited` flag). Default false, as for a new application: asking for
   * the intent then closes the gateway with 4014.
   */
  messageContent?: boolean;
}

/** Gateway intents the fake enforces. */
export const INTENT = { guildMessages: 1 << 9, messageContent: 1 << 15 } as const;
/** Application flags: the Message Content intent allowed (unverified bots: the "limited" flag). */
export const FLAG_MESSAGE_CONTENT = 1 << 18;
const FLAG_MESSAGE_CONTENT_LIMITED = 1 << 19;

/** A server the fake knows: its channels and the threads started in them. */
interface FakeGuild {
  id: string;
  channels: FakeChannel[];
  threads: Record<string, unknown>[];
  members: FakeUser[];
}

const API_PREFIX = '/api/v10';

export class FakeDiscord {
  readonly requests: RecordedRequest[] = [];
  readonly botUser: FakeUser;
  /** Dispatch events, close connections, count identifies and resumes. */
  readonly gateway: FakeGateway;

  /** Whether the application may use the Message Content intent (see FakeDiscordOptions). */
  messageContent: boolean;
  readonly guilds = new Map<string, FakeGuild>();

  private waiters: Waiter[] = [];
  private overrides: Override[] = [];
  private acknowledged = new Set<string>();
  private readonly wss: WebSocketServer;

  private constructor(
    private readonly server: http.Server,
    private readonly options: FakeDiscordOptions,
  ) {
    this.botUser = options.botUser ?? { id: options.applicationId, username: 'sitrep', discriminator: '0', avatar: null, bot: true };
    this.messageContent = options.messageContent ?? false;
    this.wss = new WebSocketServer({ server });
    this.gateway = new FakeGateway(this.wss, {
      ...options,
      botUser: this.botUser,
      url: () => this.gatewayUrl,
      allowedIntents: () => ~(this.messageContent ? 0 : INTENT.messageContent),
    });
    server.on('request', (req, res) => void this.onRequest(req, res));
  }

  static async start(options: FakeDiscordOptions): Promise<FakeDiscord> {
    const server = http.createServer();
    const fake = new FakeDiscord(server, options);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** What the bot takes as DISCORD_API_URL. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  // ---- Servers and messages ----

  /** Adds a server with these channels (the bot is a member) and sends its GUILD_CREATE. */
  addGuild(channels: FakeChannel[], id = GUILD_ID, members: FakeUser[] = []): void {
    this.guilds.set(id, { id, channels, threads: [], members: [this.botUser, ...members] });
    this.sendGuildCreate(id);
  }

  /** GUILD_CREATE as Discord sends it after (re)connecting: channels and the active threads. */
  sendGuildCreate(id = GUILD_ID, shard = 0): void {
    const g = this.guilds.get(id);
    if (!g) throw new Error(`No fake guild ${id}`);
    this.gateway.dispatch('GUILD_CREATE', guildCreate({ id, channels: g.channels, threads: g.threads, members: g.members }), shard);
  }

  /** Threads started in a server, newest last. */
  threads(guildId = GUILD_ID): Record<string, unknown>[] {
    return this.guilds.get(guildId)?.threads ?? [];
  }

  /**
   * Sends MESSAGE_CREATE for a message in a server, as Discord would to this bot: nothing without
   * the Guild Messages intent, and with empty content (no embeds, attachments or components) unless
   * the bot asked for Message Content, is mentioned, or wrote the message. Returns the payload as
   * written, content included.
   */
  sendGuildMessage(input: GuildMessageInput, shard = 0): Record<string, any> {
    const payload = guildMessage(input);
    const intents = this.gateway.intents ?? 0;
    if ((intents & INTENT.guildMessages) === 0) return payload;
    const mentionsBot = (input.mentions ?? []).some((u) => u.id === this.botUser.id);
    const byBot = (input.author?.id ?? '') === this.botUser.id;
    const delivered = (intents & INTENT.messageContent) !== 0 || mentionsBot || byBot ? payload : { ...payload, content: '', embeds: [], attachments: [], components: [] };
    this.gateway.dispatch('MESSAGE_CREATE', delivered, shard);
    return payload;
  }

  /** Messages the bot posted in a channel or thread (POST /channels/:id/messages), in order. */
  posts(channelId: string): RecordedRequest[] {
    return this.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${channelId}/messages`);
  }

  /** Resolves with the bot's first post in a channel (past or future) that passes `match`. */
  waitForPost(channelId: string, match: (body: any) => boolean = () => true, timeoutMs?: number): Promise<RecordedRequest> {
    return this.waitForRequest((r) => r.method === 'POST' && r.path === `/channels/${channelId}/messages` && match(r.body), timeoutMs);
  }

  // ---- REST ----

  /** Resolves with the first request, past or future, that matches. */
  waitForRequest(match: (r: RecordedRequest) => boolean, timeoutMs = 15_000): Promise<RecordedRequest> {
    const seen = this.requests.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { match, resolve };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`No matching request within ${timeoutMs} ms; saw:\n${this.describeRequests()}`));
      }, timeoutMs);
      waiter.resolve = (r) => {
        clearTimeout(timer);
        resolve(r);
      };
      this.waiters.push(waiter);
    });
  }

  /** Requests to an interaction's callback and webhook, in order. */
  requestsFor(interaction: { id: string; token: string }): RecordedRequest[] {
    return this.requests.filter((r) => r.path.includes(`/${interaction.id}/`) || r.path.includes(`/${interaction.token}`));
  }

  /** The next request matching `match` gets this response instead (once). */
  respondOnce(match: (r: RecordedRequest) => boolean, status: number, body: unknown, headers?: Record<string, string>): void {
    this.overrides.push({ match, status, body, headers });
  }

  describeRequests(): string {
    return this.requests.map((r) => `  ${r.method} ${r.path}`).join('\n') || '  (none)';
  }

  private async onRequest(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const bytes = Buffer.concat(chunks);
    const raw = bytes.toString('utf8');
    const path = decodeURIComponent(url.pathname.startsWith(API_PREFIX) ? url.pathname.slice(API_PREFIX.length) : url.pathname);
    const type = req.headers['content-type'] ?? '';
    let body: any = raw && type.includes('json') ? JSON.parse(raw) : raw || null;
    const files: RecordedFile[] = [];
    if (type.startsWith('multipart/form-data')) {
      body = null;
      for (const part of parseMultipart(bytes, type)) {
        if (part.name === 'payload_json') body = JSON.parse(part.data.toString('utf8'));
        else if (part.filename !== undefined) files.push({ field: part.name, filename: part.filename, contentType: part.contentType, data: part.data });
      }
    }
    const record: RecordedRequest = {
      method: req.method ?? 'GET',
      path,
      query: url.searchParams,
      authorization: req.headers.authorization,
      body,
      files,
      at: Date.now(),
    };
    this.requests.push(record);
    for (const w of this.waiters.filter((w) => w.match(record))) {
      this.waiters = this.waiters.filter((x) => x !== w);
      w.resolve(record);
    }

    const override = this.overrides.find((o) => o.match(record));
    if (override) {
      this.overrides = this.overrides.filter((o) => o !== override);
      return send(res, override.status, override.body, override.headers);
    }
    const [status, response] = this.route(record);
    send(res, status, response);
  }

  private route(r: RecordedRequest): [number, unknown] {
    const { method, path } = r;
    let m: RegExpExecArray | null;
    // Interaction callbacks and interaction webhooks are authorised by their token, not the bot's.
    if ((m = /^\/interactions\/(\d+)\/([^/]+)\/callback$/.exec(path)) && method === 'POST') {
      if (this.acknowledged.has(m[1]!)) return [400, { message: 'Interaction has already been acknowledged.', code: 40060 }];
      this.acknowledged.add(m[1]!);
      return [204, null];
    }
    if ((m = /^\/webhooks\/(\d+)\/([^/]+)(?:\/messages\/([^/]+))?$/.exec(path))) {
      if (method === 'POST' || method === 'PATCH') return [200, this.message(r.body, m[3] === '@original' ? undefined : m[3])];
      if (method === 'GET') return [200, this.message({})];
    }
    if (r.authorization !== `Bot ${this.options.token}`) return [401, { message: '401: Unauthorized', code: 0 }];
    if (path === '/gateway/bot' && method === 'GET') {
      return [
        200,
        {
          url: this.gatewayUrl,
          shards: 1,
          session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 },
        },
      ];
    }
    if (path === '/users/@me' && method === 'GET') return [200, this.botUser];
    if (path === '/applications/@me' && method === 'GET') {
      return [200, { id: this.options.applicationId, name: this.botUser.username, bot: this.botUser, flags: this.messageContent ? FLAG_MESSAGE_CONTENT_LIMITED : 0 }];
    }
    if ((m = /^\/channels\/(\d+)\/messages\/(\d+)\/threads$/.exec(path)) && method === 'POST') {
      const guild = [...this.guilds.values()].find((g) => g.channels.some((c) => c.id === m![1]));
      if (!guild) return [404, { message: 'Unknown Channel', code: 10003 }];
      const thread = threadChannel({ guildId: guild.id, parentId: m[1]!, ownerId: this.botUser.id, name: String(r.body?.name ?? '') });
      guild.threads.push(thread);
      return [201, thread];
    }
    if ((m = /^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/.exec(path)) && method === 'PUT') {
      const body = Array.isArray(r.body) ? r.body : [];
      return [200, body.map((c: Record<string, unknown>) => ({ ...c, id: snowflake(), application_id: m![1], version: snowflake() }))];
    }
    if ((m = /^\/channels\/(\d+)\/messages\/(\d+)$/.exec(path)) && method === 'PATCH') {
      return [200, this.message({ ...r.body, channel_id: m[1] }, m[2])];
    }
    if ((m = /^\/channels\/(\d+)$/.exec(path)) && method === 'GET') {
      for (const g of this.guilds.values()) {
        const c = g.channels.find((x) => x.id === m![1]) ?? g.threads.find((t) => t.id === m![1]);
        if (c) return [200, { position: 0, permission_overwrites: [], ...c, guild_id: g.id }];
      }
      return [404, { message: 'Unknown Channel', code: 10003 }];
    }
    if ((m = /^\/channels\/(\d+)\/messages$/.exec(path)) && method === 'POST') {
      return [200, this.message({ ...r.body, channel_id: m[1] })];
    }
    return [404, { message: `404: Not Found (${method} ${path})`, code: 0 }];
  }

  /** A message object as Discord returns it for a message the bot sent. */
  private message(body: any, id = snowflake()): Record<string, unknown> {
    return {
      id,
      channel_id: body?.channel_id ?? '1100000000000000002',
      author: this.botUser,
      content: body?.content ?? '',
      embeds: body?.embeds ?? [],
      components: body?.components ?? [],
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      pinned: false,
      type: body?.message_reference ? 19 : 0,
      flags: body?.flags ?? 0,
    };
  }

  async close(): Promise<void> {
    for (const c of this.wss.clients) c.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (status === 204 || body === null) {
    res.writeHead(status, headers).end();
    return;
  }
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}
