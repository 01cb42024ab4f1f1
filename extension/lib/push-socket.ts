import {
  ackDelayMs,
  CLOSE_CODES,
  type ClientMessage,
  PING,
  type SequencedFrame,
  ServerMessageSchema,
} from '@veneer/shared/protocol';

export type SocketState = 'connected' | 'connecting' | 'offline';

export interface PushSocketOptions {
  /** Each frame once, in order, never one already seen. */
  onFrame(frame: SequencedFrame): void;
  /** The newest sequence handled, to persist (the next connection resumes after it). */
  onPosition?(seq: number): void;
  onState?(state: SocketState): void;
  /** The server closed the socket because this user's tokens were revoked. */
  onRevoked?(): void;
  /** Keep-alive interval: under Chrome's 30 s idle limit for service-worker sockets. */
  pingMs?: number;
  ackDelayMs?: number;
  createSocket?: (url: string) => WebSocket;
}

/**
 * One WebSocket to the edge. It reconnects with capped exponential backoff, resumes after the
 * last frame it handled (the edge replays what was missed), drops duplicates, acknowledges what
 * it handled, and pings often enough to keep an MV3 service worker (and the socket) alive.
 */
export class PushSocket {
  state: SocketState = 'offline';
  private socket: WebSocket | null = null;
  private urlFor: ((after: number) => string) | null = null;
  private key: string | null = null;
  private lastSeq = 0;
  private attempts = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private pingTimer: ReturnType<typeof setInterval> | null = null;
  private ackTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly options: PushSocketOptions;

  constructor(options: PushSocketOptions) {
    this.options = options;
  }

  /**
   * Connects (or keeps the connection when `key`, which names user and server, is unchanged).
   * `lastSeq` is the position persisted from earlier runs.
   */
  connect(key: string, urlFor: (after: number) => string, lastSeq: number): void {
    if (this.key === key && this.socket && this.state !== 'offline') return;
    this.close();
    this.key = key;
    this.urlFor = urlFor;
    this.lastSeq = lastSeq;
    this.open();
  }

  close(): void {
    this.key = null;
    this.urlFor = null;
    for (const timer of [this.retryTimer, this.ackTimer]) if (timer) clearTimeout(timer);
    if (this.pingTimer) clearInterval(this.pingTimer);
    this.retryTimer = this.ackTimer = this.pingTimer = null;
    const socket = this.socket;
    this.socket = null;
    socket?.close(1000, 'closing');
    this.setState('offline');
  }

  private open(): void {
    if (!this.urlFor) return;
    this.setState('connecting');
    const socket = (this.options.createSocket ?? ((u) => new WebSocket(u)))(this.urlFor(this.lastSeq));
    this.socket = socket;
    socket.addEventListener('open', () => {
      this.attempts = 0;
      this.setState('connected');
      this.pingTimer = setInterval(() => socket.send(PING), this.options.pingMs ?? 20_000);
    });
    socket.addEventListener('message', (event) => this.receive(event.data));
    socket.addEventListener('close', (event) => {
      if (this.socket !== socket) return;
      if (this.pingTimer) clearInterval(this.pingTimer);
      this.pingTimer = null;
      this.socket = null;
      this.setState('offline');
      if (event.code === CLOSE_CODES.revoked) {
        this.close();
        this.options.onRevoked?.();
        return;
      }
      this.scheduleRetry();
    });
  }

  private receive(data: unknown): void {
    if (typeof data !== 'string' || data === 'pong') return;
    let parsed: ReturnType<typeof ServerMessageSchema.safeParse>;
    try {
      parsed = ServerMessageSchema.safeParse(JSON.parse(data));
    } catch {
      return;
    }
    if (!parsed.success) return;
    const message = parsed.data;
    if (message.kind === 'hello') {
      // The server holds fewer frames than we have seen: its numbering started over.
      if (message.lastSeq < this.lastSeq) this.lastSeq = 0;
      return;
    }
    for (const frame of message.frames) {
      if (frame.seq <= this.lastSeq) continue;
      this.lastSeq = frame.seq;
      this.options.onFrame(frame);
    }
    this.options.onPosition?.(this.lastSeq);
    this.scheduleAck();
  }

  private scheduleAck(): void {
    if (this.ackTimer) return;
    this.ackTimer = setTimeout(() => {
      this.ackTimer = null;
      const ack: ClientMessage = { kind: 'ack', seq: this.lastSeq };
      if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(ack));
    }, this.options.ackDelayMs ?? ackDelayMs());
  }

  private scheduleRetry(): void {
    if (!this.urlFor) return;
    const delay = Math.min(30_000, 500 * 2 ** this.attempts) * (0.75 + Math.random() * 0.5);
    this.attempts++;
    this.retryTimer = setTimeout(() => this.open(), delay);
  }

  private setState(state: SocketState): void {
    this.state = state;
    this.options.onState?.(state);
  }
}
