import { SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { BASE, register } from '../test-support/edge-client.ts';

const upgrade = { headers: { upgrade: 'websocket' } };

describe('GET /v1/connect', () => {
  it('needs a valid token', async () => {
    expect((await SELF.fetch(`${BASE}/v1/connect`, upgrade)).status).toBe(401);
    expect((await SELF.fetch(`${BASE}/v1/connect?token=v1.x.y`, upgrade)).status).toBe(401);
  });

  it('answers 426 to a request that is not an upgrade', async () => {
    const { token } = await register();
    expect((await SELF.fetch(`${BASE}/v1/connect?token=${token}`)).status).toBe(426);
  });

  it('refuses a malformed session or position', async () => {
    const { token } = await register();
    const bad = await SELF.fetch(`${BASE}/v1/connect?token=${token}&session=../../x`, upgrade);
    expect(bad.status).toBe(400);
    const negative = await SELF.fetch(`${BASE}/v1/connect?token=${token}&after=-1`, upgrade);
    expect(negative.status).toBe(400);
  });

  it('declines permessage-deflate, which browsers always offer', async () => {
    // Frames are small JSON: compressing each one for every socket costs the object and every
    // client more CPU than the bytes it saves (bench:fanout measured it). Without the
    // no_web_socket_compression flag, the runtime accepts the offer here.
    const { token } = await register();
    const response = await SELF.fetch(`${BASE}/v1/connect?token=${token}`, {
      headers: {
        upgrade: 'websocket',
        'sec-websocket-extensions': 'permessage-deflate; client_max_window_bits',
      },
    });
    expect(response.status).toBe(101);
    expect(response.headers.get('sec-websocket-extensions') ?? '').not.toContain('permessage-deflate');
    response.webSocket?.accept();
    response.webSocket?.close(1000);
  });

  it('answers the ping frame with pong', async () => {
    const { token } = await register();
    const response = await SELF.fetch(`${BASE}/v1/connect?token=${token}`, upgrade);
    const socket = response.webSocket!;
    socket.accept();
    const pong = new Promise((resolve) =>
      socket.addEventListener('message', (e) => e.data === 'pong' && resolve(e.data)),
    );
    socket.send('ping');
    expect(await pong).toBe('pong');
  });
});
