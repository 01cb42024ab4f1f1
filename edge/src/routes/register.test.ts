import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { verifyToken } from '../auth/token.ts';
import { register } from '../test-support/edge-client.ts';

describe('POST /v1/register', () => {
  it('creates a new anonymous user with a token that verifies', async () => {
    const first = await register();
    const second = await register();
    expect(first.userId).not.toBe(second.userId);
    const claims = await verifyToken(env.TOKEN_SECRET, first.token);
    expect(claims?.sub).toBe(first.userId);
    expect(first.expiresAt).toBeGreaterThan(Date.now() / 1000);
  });
});
