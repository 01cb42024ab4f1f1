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
