import { DurableObject } from 'cloudflare:workers';
import { PING, PONG, type ServerFrame } from '@veneer/shared/protocol';
import type { Env } from '../env.ts';

/** Header the worker uses to tell the hub whose socket it is accepting. */
export const USER_HEADER = 'x-veneer-user';
/** Frames waiting for a socket are kept this long. */
const PENDING_TTL_MS = 24 * 60 * 60 * 1000;
/** Largest client frame a socket may send; larger closes that socket (1009: message too big). */
const MAX_CLIENT_FRAME_BYTES = 4096;

interface PendingFrame {
  at: number;
  frame: ServerFrame;
}

/**
 * One per user: holds that user's WebSockets with the Hibernation API and fans results out to
 * all of them. Pings are answered by the runtime without waking the object. A frame that finds
 * no socket is stored and sent on the next connection, so a result is not lost while every
 * session of the user is offline.
 */
export class UserHub extends DurableObject<Env> {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair(PING, PONG));
  }

  override async fetch(request: Request): Promise<Response> {
    const userId = request.headers.get(USER_HEADER);
    if (!userId) return new Response('missing user', { status: 400 });
    const { 0: client, 1: server } = new WebSocketPair();
    this.ctx.acceptWebSocket(server);
    server.serializeAttachment({ userId, connectedAt: Date.now() });
    server.send(JSON.stringify({ kind: 'hello', userId } satisfies ServerFrame));
    for (const frame of await this.takePending()) server.send(JSON.stringify(frame));
    return new Response(null, { status: 101, webSocket: client });
  }

  /** Sends a frame to every open socket of this user; returns how many got it. */
  async deliver(frame: ServerFrame): Promise<number> {
    const text = JSON.stringify(frame);
    let delivered = 0;
    for (const socket of this.ctx.getWebSockets()) {
      try {
        socket.send(text);
        delivered++;
      } catch {
        // A socket that is closing; the others still get the frame.
      }
    }
    if (delivered === 0) await this.keepPending(frame);
    return delivered;
  }

  /** Number of sockets currently held (tests and diagnostics). */
  async socketCount(): Promise<number> {
    return this.ctx.getWebSockets().length;
  }

  override async webSocketMessage(socket: WebSocket, message: string | ArrayBuffer): Promise<void> {
    const size = typeof message === 'string' ? message.length : message.byteLength;
    if (size > MAX_CLIENT_FRAME_BYTES) socket.close(1009, 'frame too large');
    // Clients send nothing else yet: acknowledgements and replay requests come with per-user sequences.
  }

  override async webSocketClose(socket: WebSocket, code: number, reason: string): Promise<void> {
    try {
      socket.close(code === 1005 ? 1000 : code, reason);
    } catch {
      // Already closed.
    }
  }

  private async keepPending(frame: ServerFrame): Promise<void> {
    const key = `pending:${Date.now().toString().padStart(15, '0')}:${crypto.randomUUID()}`;
    await this.ctx.storage.put<PendingFrame>(key, { at: Date.now(), frame });
  }

  private async takePending(): Promise<ServerFrame[]> {
    const stored = await this.ctx.storage.list<PendingFrame>({ prefix: 'pending:' });
    if (stored.size === 0) return [];
    await this.ctx.storage.delete([...stored.keys()]);
    const fresh = Date.now() - PENDING_TTL_MS;
    return [...stored.values()].filter((p) => p.at >= fresh).map((p) => p.frame);
  }
}
