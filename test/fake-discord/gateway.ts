/**
 * The fake Discord's gateway: HELLO, IDENTIFY → READY, heartbeats answered, RESUME with the missed
 * events replayed, one session per shard.
 */
import type { WebSocket, WebSocketServer } from 'ws';
import type { FakeUser } from './payloads.js';
import { snowflake } from './snowflake.js';

interface GatewayEvent {
  s: number;
  t: string;
  d: unknown;
}

/** One gateway session per shard; its events are kept so a RESUME can replay what was missed. */
interface Session {
  id: string;
  shard: [number, number];
  socket: WebSocket | null;
  seq: number;
  events: GatewayEvent[];
}

export interface GatewayOptions {
  token: string;
  applicationId: string;
  botUser: FakeUser;
  url: () => string;
  heartbeatIntervalMs?: number;
  /** Intents the application may use; IDENTIFY asking for others is closed with 4014 (disallowed intents). */
  allowedIntents?: () => number;
}

export class FakeGateway {
  /** Opcodes received, in order (1 heartbeat, 2 identify, 6 resume). */
  readonly opsReceived: number[] = [];
  identifies = 0;
  resumes = 0;
  intents: number | null = null;
  /** IDENTIFYs refused with 4014 for asking for an intent the application may not use. */
  disallowed = 0;
  /** The `shard` of each IDENTIFY, in order. */
  readonly identifiedShards: [number, number][] = [];

  private sessions = new Map<number, Session>();
  private readyWaiters: { shards: number; resolve: () => void }[] = [];

  constructor(
    wss: WebSocketServer,
    private readonly options: GatewayOptions,
  ) {
    wss.on('connection', (ws) => this.onConnection(ws));
  }

  private get gatewayUrl(): string {
    return this.options.url();
  }

  /** Whether shard 0 (or `shard`) has an open connection. */
  connected(shard = 0): boolean {
    return this.sessions.get(shard)?.socket != null;
  }

  /** Resolves when `shards` sessions (default 1) are connected and ready or resumed. */
  waitForSession(shards = 1): Promise<void> {
    return new Promise((resolve) => {
      this.readyWaiters.push({ shards, resolve });
      this.flushReady();
    });
  }

  /** Sends a dispatch event on a shard; while it is disconnected the event is kept for replay on RESUME. */
  dispatch(t: string, d: unknown, shard = 0): void {
    const session = this.sessions.get(shard);
    if (!session) throw new Error(`No gateway session for shard ${shard}`);
    const event = { s: ++session.seq, t, d };
    session.events.push(event);
    session.socket?.send(JSON.stringify({ op: 0, ...event }));
  }

  /** Closes a shard's gateway connection with `code` (4000: unknown error, which discord.js resumes after). */
  close(code = 4000, shard = 0): void {
    const session = this.sessions.get(shard);
    session?.socket?.close(code, 'closed by the test');
    if (session) session.socket = null;
  }

  private onConnection(ws: WebSocket): void {
    ws.send(JSON.stringify({ op: 10, d: { heartbeat_interval: this.options.heartbeatIntervalMs ?? 2000 } }));
    ws.on('message', (data) => this.onGatewayMessage(ws, JSON.parse(data.toString())));
    ws.on('close', () => {
      for (const session of this.sessions.values()) if (session.socket === ws) session.socket = null;
    });
  }

  private onGatewayMessage(ws: WebSocket, msg: { op: number; d: any }): void {
    this.opsReceived.push(msg.op);
    switch (msg.op) {
      case 1:
        ws.send(JSON.stringify({ op: 11 }));
        break;
      case 2: {
        if (msg.d?.token !== this.options.token) {
          ws.close(4004, 'Authentication failed.');
          return;
        }
        const allowed = this.options.allowedIntents?.() ?? ~0;
        if ((Number(msg.d.intents) & ~allowed) !== 0) {
          this.disallowed++;
          ws.close(4014, 'Disallowed intent(s).');
          return;
        }
        const shard: [number, number] = Array.isArray(msg.d.shard) ? msg.d.shard : [0, 1];
        this.identifies++;
        this.identifiedShards.push(shard);
        this.intents = msg.d.intents;
        const session: Session = { id: `session-${snowflake()}`, shard, socket: ws, seq: 0, events: [] };
        this.sessions.set(shard[0], session);
        this.dispatch(
          'READY',
          {
            v: 10,
            user: this.options.botUser,
            guilds: [],
            session_id: session.id,
            resume_gateway_url: this.gatewayUrl,
            shard,
            application: { id: this.options.applicationId, flags: 0 },
          },
          shard[0],
        );
        this.flushReady();
        break;
      }
      case 6: {
        const session = [...this.sessions.values()].find((x) => x.id === msg.d?.session_id);
        if (msg.d?.token !== this.options.token || !session) {
          ws.send(JSON.stringify({ op: 9, d: false }));
          return;
        }
        this.resumes++;
        session.socket = ws;
        for (const e of session.events.filter((e) => e.s > Number(msg.d.seq))) ws.send(JSON.stringify({ op: 0, ...e }));
        this.dispatch('RESUMED', {}, session.shard[0]);
        this.flushReady();
        break;
      }
    }
  }

  private flushReady(): void {
    const live = [...this.sessions.values()].filter((x) => x.socket).length;
    const due = this.readyWaiters.filter((w) => w.shards <= live);
    this.readyWaiters = this.readyWaiters.filter((w) => w.shards > live);
    for (const w of due) w.resolve();
  }
}
