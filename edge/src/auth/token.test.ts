import { describe, expect, it } from 'vitest';
import { issueToken, verifyToken } from './token.ts';

describe('user tokens', () => {
  it('verify with the right secret before expiry only', async () => {
    const now = Date.UTC(2026, 0, 1);
    const { token } = await issueToken('s', 'user-1', 60, 3, now);
    expect(await verifyToken('s', token, now)).toMatchObject({ sub: 'user-1', gen: 3 });
    expect(await verifyToken('other', token, now)).toBeNull();
    expect(await verifyToken('s', token, now + 61_000)).toBeNull();
  });

  it('refuse tampered and malformed tokens', async () => {
    const { token } = await issueToken('s', 'user-1', 60);
    const [v, payload, signature] = token.split('.');
    const forged = btoa(JSON.stringify({ sub: 'user-2', iat: 0, exp: 9e9 })).replace(/=+$/, '');
    expect(await verifyToken('s', `${v}.${forged}.${signature}`)).toBeNull();
    expect(await verifyToken('s', `${v}.${payload}`)).toBeNull();
    expect(await verifyToken('s', `${token}.x`)).toBeNull();
    expect(await verifyToken('s', 'garbage')).toBeNull();
  });
});
