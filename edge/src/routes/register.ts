import type { RegisterResponse } from '@veneer/shared/protocol';
import { Hono } from 'hono';
import { issueToken } from '../auth/token.ts';
import type { AppEnv } from '../env.ts';
import { limitIp } from '../limits/limit-ip.ts';

/** `POST /v1/register`: a new anonymous user and a signed token for it. */
export const registerRoutes = new Hono<AppEnv>().post('/register', limitIp('register'), async (c) => {
  const userId = crypto.randomUUID();
  const ttl = Number(c.env.TOKEN_TTL_S) || 30 * 24 * 3600;
  const { token, expiresAt } = await issueToken(c.env.TOKEN_SECRET, userId, ttl);
  return c.json({ userId, token, expiresAt } satisfies RegisterResponse, 201);
});
