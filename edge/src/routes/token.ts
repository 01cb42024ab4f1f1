import type { RegisterResponse } from '@veneer/shared/protocol';
import { Hono } from 'hono';
import { requireUser } from '../auth/require-user.ts';
import { issueToken } from '../auth/token.ts';
import type { AppEnv } from '../env.ts';
import { limitIp } from '../limits/limit-ip.ts';
import { userHub } from '../stubs.ts';

const ttl = (value: string) => Number(value) || 30 * 24 * 3600;

/**
 * `POST /v1/token/refresh`: a fresh token (new expiry) for the same user.
 * `POST /v1/token/revoke`: every token of the user stops working at once and every socket is
 * closed (code 4001); the caller gets a new token, so only the other holders are signed out.
 */
export const tokenRoutes = new Hono<AppEnv>()
  .post('/token/refresh', limitIp('token'), requireUser('token'), async (c) => {
    const userId = c.get('userId');
    const { token, expiresAt } = await issueToken(
      c.env.TOKEN_SECRET,
      userId,
      ttl(c.env.TOKEN_TTL_S),
      c.get('tokenGen'),
    );
    return c.json({ userId, token, expiresAt } satisfies RegisterResponse);
  })
  .post('/token/revoke', limitIp('token'), requireUser('token'), async (c) => {
    const userId = c.get('userId');
    const generation = await userHub(c.env, userId).revokeTokens();
    const { token, expiresAt } = await issueToken(
      c.env.TOKEN_SECRET,
      userId,
      ttl(c.env.TOKEN_TTL_S),
      generation,
    );
    return c.json({ userId, token, expiresAt } satisfies RegisterResponse);
  });
