/**
 * The floor for pnpm bench:fanout: a Durable Object that does nothing but the fan-out itself. It
 * accepts hibernatable WebSockets, and on a POST sends the body, unchanged, to every socket: no
 * token, no signature, no storage, no sequence numbers. Whatever the real hub's figures are, this
 * worker, on the same machine in the same run, shows how much of them is workerd and the
 * sockets alone. Bench only; it is never deployed (wrangler.fanout-floor.jsonc).
 */
import { DurableObject } from 'cloudflare:workers';

export class FanoutFloor extends DurableObject {
  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get('upgrade')?.toLowerCase() === 'websocket') {
      const pair = new WebSocketPair();
      this.ctx.acceptWebSocket(pair[1]);
      return new Response(null, { status: 101, webSocket: pair[0] });
    }
    if (request.method !== 'POST')
      return new Response('POST a frame to send it to every socket', { status: 405 });
    const frame = await request.text();
    let sent = 0;
    for (const socket of this.ctx.getWebSockets()) {
      socket.send(frame);
      sent++;
    }
    return Response.json({ sent });
  }

  /** Acknowledgements and anything else the sockets send are read and dropped. */
  override webSocketMessage(): void {}
}

export default {
  fetch(request: Request, env: { FANOUT_FLOOR: DurableObjectNamespace<FanoutFloor> }): Promise<Response> {
    if (new URL(request.url).pathname === '/health') return Promise.resolve(new Response('fanout floor'));
    return env.FANOUT_FLOOR.get(env.FANOUT_FLOOR.idFromName('one user')).fetch(request);
  },
} satisfies ExportedHandler<{ FANOUT_FLOOR: DurableObjectNamespace<FanoutFloor> }>;
