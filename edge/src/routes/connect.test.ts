import { SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { BASE, register } from '../test-support/edge-client.ts';

describe('GET /v1/connect', () => {
  it('needs a valid token', async () => {
    const none = await SELF.fetch(`${BASE}/v1/connect`, { headers: { upgrade: 'websocket' } });
    expect(none.status).toBe(401);
    const bad = await SELF.fetch(`${BASE}/v1/connect?token=v1.x.y`, { headers: { upgrade: 'websocket' } });
    expect(bad.status).toBe(401);
  });

  it('answers 426 to a request that is not an upgrade', async () => {
    const { token } = await register();
    const response = await SELF.fetch(`${BASE}/v1/connect?token=${token}`);
    expect(response.status).toBe(426);
  });

  it('answers the ping frame with pong', async () => {
    const { token } = await register();
    const response = await SELF.fetch(`${BASE}/v1/connect?token=${token}`, {
      headers: { upgrade: 'websocket' },
    });
    const socket = response.webSocket!;
    socket.accept();
    const pong = new Promise((resolve) =>
      socket.addEventListener('message', (e) => e.data === 'pong' && resolve(e.data)),
    );
    socket.send('ping');
    expect(await pong).toBe('pong');
  });
});
