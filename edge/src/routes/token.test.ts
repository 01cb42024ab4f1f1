import { CLOSE_CODES } from '@veneer/shared/protocol';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { verifyToken } from '../auth/token.ts';
import {
  call,
  fakeInferenceNode,
  openSocket,
  postJob,
  register,
  settle,
  urlJob,
} from '../test-support/edge-client.ts';

afterEach(() => vi.restoreAllMocks());

describe('tokens', () => {
  it('refresh gives the same user a new token with a later expiry', async () => {
    const user = await register();
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const response = await call('POST', '/v1/token/refresh', user.token);
    expect(response.status).toBe(200);
    const refreshed = (await response.json()) as { userId: string; token: string; expiresAt: number };
    expect(refreshed.userId).toBe(user.userId);
    expect(refreshed.token).not.toBe(user.token);
    expect(refreshed.expiresAt).toBeGreaterThan(user.expiresAt);
    expect((await call('GET', '/v1/filters', refreshed.token)).status).toBe(200);
  });

  it('revoke stops every earlier token at once and closes their sockets; the caller keeps a new one', async () => {
    fakeInferenceNode();
    const user = await register();
    const { token: second } = (await (await call('POST', '/v1/token/refresh', user.token)).json()) as {
      token: string;
    };
    const tab = await openSocket(user.token);
    await settle(50);

    const response = await call('POST', '/v1/token/revoke', second);
    expect(response.status).toBe(200);
    const fresh = (await response.json()) as { token: string };
    expect((await verifyToken('test-token-secret', fresh.token))?.gen).toBe(1);

    await settle(100);
    expect(tab.closed.code).toBe(CLOSE_CODES.revoked);
    for (const old of [user.token, second]) {
      const refused = await postJob(old, urlJob());
      expect(refused.status).toBe(401);
      expect(((await refused.json()) as { error: { message: string } }).error.message).toBe(
        'token was revoked',
      );
    }
    expect((await postJob(fresh.token, urlJob())).status).toBe(202);
    const reconnected = await openSocket(fresh.token);
    await settle(50);
    expect(reconnected.closed.code).toBeUndefined();
  });
});

describe('rate limits', () => {
  it('limits registrations per address with 429 and Retry-After', async () => {
    const ip = '198.51.100.7';
    for (let i = 0; i < 10; i++) await register(ip);
    const refused = await call('POST', '/v1/register', null, undefined, ip);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
    expect((await call('POST', '/v1/register', null, undefined, '198.51.100.8')).status).toBe(201);
  });

  it('limits each user per route group, whatever the address', async () => {
    const user = await register();
    const other = await register();
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) statuses.push((await call('GET', '/v1/filters', user.token)).status);
    expect(statuses.slice(0, 20).every((s) => s === 200)).toBe(true);
    expect(statuses[20]).toBe(429);
    expect((await call('GET', '/v1/filters', other.token)).status).toBe(200);
    fakeInferenceNode();
    expect((await postJob(user.token, urlJob())).status).toBe(202);
  });
});
