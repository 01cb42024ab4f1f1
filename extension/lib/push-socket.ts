import { PING, type ServerFrame, ServerFrameSchema } from '@veneer/shared/protocol';

export type SocketState = 'connected' | 'connecting' | 'offline';

export interface PushSocketOptions {
  onFrame(frame: ServerFrame): void;
  onState?(state: SocketState): void;
  /** Keep-alive interval: under Chrome's 30 s idle limit for service-worker sockets. */
  pingMs?: number;
  createSocket?: (url: string) => WebSocket;
}

/**
 * One WebSocket to the edge that reconnects with capped exponential backoff and pings often
 * enough to keep an MV3 service worker (and the socket) alive.
 */
export class PushSocket {
  state: SocketState = 'offline';
  private socket: WebSocket | null = null;
  private url: string | null = null;
  private attempts = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private pingTimer: ReturnType<typeof setInterval> | null = null;
  private readonly options: PushSocketOptions;

  constructor(options: PushSocketOptions) {
    this.options = options;
  }

  connect(url: string): void {
    if (this.url === url && this.socket && this.state !== 'offline') return;
    this.close();
    this.url = url;
    this.open();
  }

  close(): void {
    this.url = null;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.pingTimer) clearInterval(this.pingTimer);
    this.retryTimer = null;
    this.pingTimer = null;
    const socket = this.socket;
    this.socket = null;
    socket?.close(1000, 'closing');
    this.setState('offline');
  }

  private open(): void {
    if (!this.url) return;
    this.setState('connecting');
    const socket = (this.options.createSocket ?? ((u) => new WebSocket(u)))(this.url);
    this.socket = socket;
    socket.addEventListener('open', () => {
      this.attempts = 0;
      this.setState('connected');
      this.pingTimer = setInterval(() => socket.send(PING), this.options.pingMs ?? 20_000);
    });
    socket.addEventListener('message', (event) => {
      if (typeof event.data !== 'string' || event.data === 'pong') return;
      try {
        const parsed = ServerFrameSchema.safeParse(JSON.parse(event.data));
        if (parsed.success) this.options.onFrame(parsed.data);
      } catch {
        // Not JSON: ignore.
      }
    });
    socket.addEventListener('close', () => {
      if (this.socket !== socket) return;
      if (this.pingTimer) clearInterval(this.pingTimer);
      this.pingTimer = null;
      this.socket = null;
      this.setState('offline');
      this.scheduleRetry();
    });
  }

  private scheduleRetry(): void {
    if (!this.url) return;
    const delay = Math.min(30_000, 500 * 2 ** this.attempts) * (0.75 + Math.random() * 0.5);
    this.attempts++;
    this.retryTimer = setTimeout(() => this.open(), delay);
  }

  private setState(state: SocketState): void {
    this.state = state;
    this.options.onState?.(state);
  }
}
