import { DurableObject } from 'cloudflare:workers';
import {
  CLOSE_CODES,
  ClientMessageSchema,
  type JobFrame,
  MAX_EMBEDDINGS_SEARCHED_PER_USER,
  PING,
  PONG,
  type SequencedFrame,
  type ServerMessage,
} from '@veneer/shared/protocol';
import type { Env } from '../env.ts';
import { type Bucket, type Limit, type RouteGroup, take } from '../limits/rate-limits.ts';

/** Headers the worker uses to tell the hub whose socket it is accepting. */
export const USER_HEADER = 'x-veneer-user';
export const SESSION_HEADER = 'x-veneer-session';
export const AFTER_HEADER = 'x-veneer-after';

/** Frames are kept until every session has acknowledged them, or this long at most. */
export const RETENTION_MS = 24 * 60 * 60 * 1000;
/**
 * How long a hub remembers a delivery it took, to drop a repeat: longer than an inference node
 * keeps retrying a callback (10 attempts, backoff from 0.5 s: about 4 minutes).
 */
export const DELIVERY_MEMORY_MS = 60 * 60 * 1000;
/** An embedded image stays searchable this long after it was last embedded (as the node keeps it). */
export const EMBEDDED_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;
/** Largest client message; larger closes that socket (not the object). */
export const MAX_CLIENT_MESSAGE_BYTES = 1024;
/** Client messages one socket may send per second; more closes that socket. */
export const MAX_CLIENT_MESSAGES_PER_S = 20;
/**
 * Acknowledgements are gathered in memory and written together at most this often: one storage
 * commit per ack would cost 1,000 commits for one frame delivered to 1,000 sessions. An ack lost
 * to an eviction only keeps a frame longer (replay follows the client's own position).
 */
export const ACK_FLUSH_MS = 1000;
/** Frames per socket message when replaying a backlog. */
const REPLAY_BATCH = 200;

export interface StoredFilters {
  version: number;
  filters: unknown[];
}

export type FilterWrite = { ok: true; version: number } | { ok: false; current: StoredFilters };

/** Kept with each socket by the runtime, so it survives hibernation. */
interface SocketAttachment {
  sessionId: string;
}

/** Per-socket state kept in memory only: a flood window that restarts after hibernation is harmless. */
interface SocketUse {
  sessionId: string;
  windowStart: number;
  messages: number;
}

/**
 * One per user. Every frame pushed to the user gets the next sequence number and is stored
 * (SQLite) until all of the user's sessions have acknowledged it or it is older than the
 * retention window. Sockets use the Hibernation API; pings are answered without waking the
 * object. A reconnecting session says the last sequence it saw and first receives everything
 * after it, in order, then live frames.
 */
export class UserHub extends DurableObject<Env> {
  private readonly sql: SqlStorage;
  /** Rate-limit buckets by route group; in memory (a reset on eviction is harmless). */
  private readonly buckets = new Map<RouteGroup, Bucket>();
  /**
   * Whether the pruning alarm is known to be set within the hour (saves a storage read on every
   * delivery). An alarm further off (only embedded images left) is brought forward by a delivery.
   */
  private alarmSet = false;
  /**
   * The open sockets, kept in memory while the object is awake (rebuilt from the runtime after it
   * wakes from hibernation), so a delivery does not ask the runtime for every socket again.
   */
  private readonly sockets = new Set<WebSocket>();
  /** Highest acknowledged sequence per session, not yet written. */
  private readonly pendingAcks = new Map<string, number>();
  private readonly socketUse = new WeakMap<WebSocket, SocketUse>();
  private ackFlush: ReturnType<typeof setTimeout> | undefined;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair(PING, PONG));
    this.sql.exec(`CREATE TABLE IF NOT EXISTS frames (
      seq INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, body TEXT NOT NULL)`);
    this.sql.exec(`CREATE TABLE IF NOT EXISTS sessions (
      id TEXT PRIMARY KEY, acked INTEGER NOT NULL, seen INTEGER NOT NULL)`);
    // Every acknowledgement asks for the lowest position of all sessions: an index keeps that
    // O(log n), so 1,000 sessions acknowledging a frame cost 1,000 small steps, not 1,000 scans.
    this.sql.exec('CREATE INDEX IF NOT EXISTS sessions_by_acked ON sessions (acked)');
    this.sql.exec('CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
    // The images this user had embedded (sha256 of the bytes, never the address): the scope of the
    // user's embedding searches.
    this.sql.exec('CREATE TABLE IF NOT EXISTS embedded (sha256 TEXT PRIMARY KEY, at INTEGER NOT NULL)');
    this.sql.exec('CREATE INDEX IF NOT EXISTS embedded_by_at ON embedded (at)');
    // Deliveries of a job's outcome taken lately, by the coordinator's id for them: the same one
    // again (a node's callback retried after an edge restart cut the delivery short) is dropped,
    // so each reaches the user once.
    this.sql.exec('CREATE TABLE IF NOT EXISTS deliveries (id TEXT PRIMARY KEY, at INTEGER NOT NULL)');
    for (const socket of ctx.getWebSockets()) this.sockets.add(socket);
  }

  /**
   * Checks a request of this user: `'revoked'` for a token older than the user's generation,
   * else the seconds to wait when over the group's limit (0: go ahead).
   */
  async authorize(
    tokenGen: number,
    group: RouteGroup,
    limit: Limit | undefined,
  ): Promise<'revoked' | number> {
    if (tokenGen < this.tokenGeneration()) return 'revoked';
    if (!limit) return 0;
    const { bucket, retryAfterS } = take(this.buckets.get(group), limit, Date.now());
    this.buckets.set(group, bucket);
    return retryAfterS;
  }

  /** Revokes every token of this user issued so far and closes every socket; returns the new generation. */
  async revokeTokens(): Promise<number> {
    const next = this.tokenGeneration() + 1;
    this.setMeta('token_gen', String(next));
    for (const socket of this.ctx.getWebSockets()) {
      try {
        socket.close(CLOSE_CODES.revoked, 'tokens revoked');
      } catch {
        // Already closing.
      }
    }
    return next;
  }

  async getFilters(): Promise<StoredFilters> {
    const stored = this.meta('filters');
    return stored ? (JSON.parse(stored) as StoredFilters) : { version: 0, filters: [] };
  }

  /** Replaces the filter list when `baseVersion` is the stored version; otherwise hands back the current one. */
  async putFilters(baseVersion: number, filters: unknown[]): Promise<FilterWrite> {
    const current = await this.getFilters();
    if (baseVersion !== current.version) return { ok: false, current };
    const next = { version: current.version + 1, filters };
    this.setMeta('filters', JSON.stringify(next));
    return { ok: true, version: next.version };
  }

  private tokenGeneration(): number {
    return Number(this.meta('token_gen') ?? 0);
  }

  private meta(key: string): string | undefined {
    return this.sql.exec<{ value: string }>('SELECT value FROM meta WHERE key = ?', key).toArray()[0]?.value;
  }

  private setMeta(key: string, value: string): void {
    this.sql.exec(
      'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      key,
      value,
    );
  }

  override async fetch(request: Request): Promise<Response> {
    const userId = request.headers.get(USER_HEADER);
    const sessionId = request.headers.get(SESSION_HEADER);
    const after = Number(request.headers.get(AFTER_HEADER) ?? 0);
    if (!userId || !sessionId || !Number.isInteger(after) || after < 0) {
      return new Response('missing user, session or position', { status: 400 });
    }
    const { 0: client, 1: server } = new WebSocketPair();
    this.ctx.acceptWebSocket(server, [sessionId]);
    this.sockets.add(server);
    server.serializeAttachment({ sessionId } satisfies SocketAttachment);
    this.sql.exec(
      `INSERT INTO sessions (id, acked, seen) VALUES (?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET seen = excluded.seen, acked = MAX(acked, excluded.acked)`,
      sessionId,
      Math.min(after, this.lastSeq()),
      Date.now(),
    );
    send(server, { kind: 'hello', userId, sessionId, lastSeq: this.lastSeq() });
    let batch: SequencedFrame[] = [];
    for (const row of this.sql.exec<{ seq: number; body: string }>(
      'SELECT seq, body FROM frames WHERE seq > ? ORDER BY seq',
      after,
    )) {
      batch.push({ ...(JSON.parse(row.body) as JobFrame), seq: row.seq });
      if (batch.length === REPLAY_BATCH) {
        send(server, { kind: 'frames', frames: batch });
        batch = [];
      }
    }
    if (batch.length > 0) send(server, { kind: 'frames', frames: batch });
    return new Response(null, { status: 101, webSocket: client });
  }

  /** Numbers and stores the frames, then sends them in one message to every open socket. */
  async deliver(frames: JobFrame[], deliveryId?: string): Promise<{ lastSeq: number; sockets: number }> {
    const now = Date.now();
    if (deliveryId !== undefined && !this.firstDelivery(deliveryId, now))
      return { lastSeq: this.lastSeq(), sockets: 0 };
    const sequenced = frames.map((frame) => {
      const seq = this.sql
        .exec<{ seq: number }>(
          'INSERT INTO frames (at, body) VALUES (?, ?) RETURNING seq',
          now,
          JSON.stringify(frame),
        )
        .one().seq;
      return { ...frame, seq };
    });
    this.rememberEmbedded(frames, now);
    const text = JSON.stringify({ kind: 'frames', frames: sequenced } satisfies ServerMessage);
    let sockets = 0;
    for (const socket of this.sockets) {
      try {
        socket.send(text);
        sockets++;
      } catch {
        // A socket that is closing; the others still get the frames, and it gets them on reconnect.
        this.sockets.delete(socket);
      }
    }
    if (!this.alarmSet) {
      const alarm = await this.ctx.storage.getAlarm();
      if (alarm === null || alarm > now + 60 * 60 * 1000)
        await this.ctx.storage.setAlarm(now + 60 * 60 * 1000);
      this.alarmSet = true;
    }
    return { lastSeq: sequenced.at(-1)?.seq ?? this.lastSeq(), sockets };
  }

  /** Records a delivery; false when this hub took the same one before (a repeat). */
  private firstDelivery(deliveryId: string, now: number): boolean {
    return (
      this.sql
        .exec(
          'INSERT INTO deliveries (id, at) VALUES (?, ?) ON CONFLICT (id) DO NOTHING RETURNING id',
          deliveryId,
          now,
        )
        .toArray().length > 0
    );
  }

  /** The images this user had embedded, newest first (the scope of the user's embedding search). */
  async embeddedImages(): Promise<string[]> {
    return this.sql
      .exec<{ sha256: string }>(
        'SELECT sha256 FROM embedded ORDER BY at DESC LIMIT ?',
        MAX_EMBEDDINGS_SEARCHED_PER_USER,
      )
      .toArray()
      .map((row) => row.sha256);
  }

  /** Keeps the sha256 of every image embedded for this user (the newest few thousand, 30 days). */
  private rememberEmbedded(frames: JobFrame[], now: number): void {
    let added = false;
    for (const frame of frames) {
      if (frame.kind !== 'done' || frame.result.type !== 'embed') continue;
      this.sql.exec(
        `INSERT INTO embedded (sha256, at) VALUES (?, ?)
         ON CONFLICT (sha256) DO UPDATE SET at = excluded.at`,
        frame.result.sha256,
        now,
      );
      added = true;
    }
    if (!added) return;
    this.sql.exec(
      'DELETE FROM embedded WHERE at < (SELECT at FROM embedded ORDER BY at DESC LIMIT 1 OFFSET ?)',
      MAX_EMBEDDINGS_SEARCHED_PER_USER - 1,
    );
  }

  /** Sockets held and frames stored (tests and diagnostics). */
  async stats(): Promise<{ sockets: number; frames: number; sessions: number }> {
    this.flushAcks();
    return {
      sockets: this.sockets.size,
      frames: this.sql.exec<{ n: number }>('SELECT COUNT(*) AS n FROM frames').one().n,
      sessions: this.sql.exec<{ n: number }>('SELECT COUNT(*) AS n FROM sessions').one().n,
    };
  }

  override async webSocketError(socket: WebSocket): Promise<void> {
    this.sockets.delete(socket);
  }

  override async webSocketMessage(socket: WebSocket, message: string | ArrayBuffer): Promise<void> {
    const size = typeof message === 'string' ? message.length : message.byteLength;
    if (size > MAX_CLIENT_MESSAGE_BYTES) {
      socket.close(CLOSE_CODES.tooBig, `messages over ${MAX_CLIENT_MESSAGE_BYTES} bytes are refused`);
      return;
    }
    const use = this.useOf(socket);
    const now = Date.now();
    if (now - use.windowStart >= 1000) {
      use.windowStart = now;
      use.messages = 0;
    }
    use.messages++;
    if (use.messages > MAX_CLIENT_MESSAGES_PER_S) {
      socket.close(CLOSE_CODES.flood, `more than ${MAX_CLIENT_MESSAGES_PER_S} messages per second`);
      return;
    }
    if (typeof message !== 'string') return;
    let parsed: ReturnType<typeof ClientMessageSchema.safeParse>;
    try {
      parsed = ClientMessageSchema.safeParse(JSON.parse(message));
    } catch {
      return;
    }
    if (!parsed.success) return;
    const { sessionId } = use;
    this.pendingAcks.set(sessionId, Math.max(this.pendingAcks.get(sessionId) ?? 0, parsed.data.seq));
    this.ackFlush ??= setTimeout(() => this.flushAcks(), ACK_FLUSH_MS);
  }

  private useOf(socket: WebSocket): SocketUse {
    let use = this.socketUse.get(socket);
    if (!use) {
      const { sessionId } = socket.deserializeAttachment() as SocketAttachment;
      use = { sessionId, windowStart: Date.now(), messages: 0 };
      this.socketUse.set(socket, use);
    }
    return use;
  }

  /** Writes the gathered acknowledgements (one commit), then drops what every session has. */
  private flushAcks(): void {
    if (this.ackFlush) clearTimeout(this.ackFlush);
    this.ackFlush = undefined;
    if (this.pendingAcks.size === 0) return;
    const now = Date.now();
    const lastSeq = this.lastSeq();
    for (const [sessionId, seq] of this.pendingAcks) {
      this.sql.exec(
        'UPDATE sessions SET acked = MAX(acked, MIN(?, ?)), seen = ? WHERE id = ?',
        seq,
        lastSeq,
        now,
        sessionId,
      );
    }
    this.pendingAcks.clear();
    this.dropAcknowledged();
  }

  override async webSocketClose(socket: WebSocket, code: number, reason: string): Promise<void> {
    this.sockets.delete(socket);
    try {
      socket.close(code === 1005 || code === 1006 ? 1000 : code, reason);
    } catch {
      // Already closed.
    }
  }

  override async alarm(): Promise<void> {
    this.flushAcks();
    this.prune(Date.now());
    const now = Date.now();
    const recent = this.sql
      .exec<{ n: number }>('SELECT (SELECT COUNT(*) FROM frames) + (SELECT COUNT(*) FROM deliveries) AS n')
      .one().n;
    // Frames and deliveries are pruned hourly; embedded images only when the oldest expires.
    const oldestEmbedded = this.sql
      .exec<{ at: number | null }>('SELECT MIN(at) AS at FROM embedded')
      .one().at;
    const next =
      recent > 0
        ? now + 60 * 60 * 1000
        : oldestEmbedded !== null
          ? Math.max(now + 60 * 1000, oldestEmbedded + EMBEDDED_RETENTION_MS)
          : null;
    if (next !== null) await this.ctx.storage.setAlarm(next);
    this.alarmSet = recent > 0;
  }

  /**
   * Drops frames past retention and sessions gone that long (sessions with an open socket count as
   * seen now), then frames every session has acknowledged. Runs from the alarm: it visits every
   * socket, which is too much work for every acknowledgement.
   */
  private prune(now: number): void {
    for (const socket of this.ctx.getWebSockets()) {
      const { sessionId } = socket.deserializeAttachment() as SocketAttachment;
      this.sql.exec('UPDATE sessions SET seen = ? WHERE id = ?', now, sessionId);
    }
    this.sql.exec('DELETE FROM sessions WHERE seen < ?', now - RETENTION_MS);
    this.sql.exec('DELETE FROM frames WHERE at < ?', now - RETENTION_MS);
    this.sql.exec('DELETE FROM embedded WHERE at < ?', now - EMBEDDED_RETENTION_MS);
    this.sql.exec('DELETE FROM deliveries WHERE at < ?', now - DELIVERY_MEMORY_MS);
    this.dropAcknowledged();
  }

  /** Drops the frames every session has acknowledged (index lookup, then a range delete). */
  private dropAcknowledged(): void {
    this.sql.exec('DELETE FROM frames WHERE seq <= (SELECT MIN(acked) FROM sessions)');
  }

  private lastSeq(): number {
    // AUTOINCREMENT keeps the highest number ever given in sqlite_sequence, even after deletes.
    const row = this.sql
      .exec<{ seq: number }>("SELECT seq FROM sqlite_sequence WHERE name = 'frames'")
      .toArray()[0];
    return row?.seq ?? 0;
  }
}

function send(socket: WebSocket, message: ServerMessage): void {
  socket.send(JSON.stringify(message));
}
