import { ApiFailure } from '@veneer/shared/http';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env.ts';
import { verifyToken } from './token.ts';

/**
 * Accepts `Authorization: Bearer <token>`; WebSocket upgrades from browsers cannot set headers,
 * so `GET /v1/connect` may pass it as `?token=` instead.
 */
export const requireUser = createMiddleware<AppEnv>(async (c, next) => {
  const header = c.req.header('authorization');
  const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : c.req.query('token');
  if (!token) throw new ApiFailure(401, 'unauthorized', 'missing bearer token');
  const claims = await verifyToken(c.env.TOKEN_SECRET, token);
  if (!claims) throw new ApiFailure(401, 'unauthorized', 'token is invalid or expired');
  c.set('userId', claims.sub);
  await next();
});
