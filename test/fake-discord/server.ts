/**
 * A small Discord on 127.0.0.1 for driving the real discord.js client offline: REST under
 * `/api/v10` (recording every request) and a gateway WebSocket (HELLO, IDENTIFY → READY,
 * heartbeats, RESUME with replay). Tests dispatch gateway events and assert on the requests.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { FakeGateway } from './gateway.js';
import type { FakeUser } from './payloads.js';
import { snowflake } from './snowflake.js';

export interface RecordedRequest {
  method: string;
  /** Decoded path after `/api/v10`, e.g. `/webhooks/1/abc/messages/@original`. */
  path: string;
  query: URLSearchParams;
  authorization: string | undefined;
  body: any;
  at: number;
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
}

const API_PREFIX = '/api/v10';

export class FakeDiscord {
  readonly requests: RecordedRequest[] = [];
  readonly botUser: FakeUser;
  /** Dispatch events, close connections, count identifies and resumes. */
  readonly gateway: FakeGateway;

  private waiters: Waiter[] = [];
  private overrides: Override[] = [];
  private acknowledged = new Set<string>();
  private readonly wss: WebSocketServer;

  private constructor(
    private readonly server: http.Server,
    private readonly options: FakeDiscordOptions,
  ) {
    this.botUser = options.botUser ?? { id: options.applicationId, username: 'sitrep', discriminator: '0', avatar: null, bot: true };
    this.wss = new WebSocketServer({ server });
    this.gateway = new FakeGateway(this.wss, { ...options, botUser: this.botUser, url: () => this.gatewayUrl });
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
    const raw = Buffer.concat(chunks).toString('utf8');
    const path = decodeURIComponent(url.pathname.startsWith(API_PREFIX) ? url.pathname.slice(API_PREFIX.length) : url.pathname);
    const record: RecordedRequest = {
      method: req.method ?? 'GET',
      path,
      query: url.searchParams,
      authorization: req.headers.authorization,
      body: raw && (req.headers['content-type'] ?? '').includes('json') ? JSON.parse(raw) : raw || null,
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
    const [status, body] = this.route(record);
    send(res, status, body);
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
    if ((m = /^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/.exec(path)) && method === 'PUT') {
      const body = Array.isArray(r.body) ? r.body : [];
      return [200, body.map((c: Record<string, unknown>) => ({ ...c, id: snowflake(), application_id: m![1], version: snowflake() }))];
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
