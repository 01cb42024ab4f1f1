import { ApiFailure } from '@veneer/shared/http';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env.ts';
import { tooMany } from '../limits/limit-ip.ts';
import { limitsFrom, type RouteGroup } from '../limits/rate-limits.ts';
import { userHub } from '../stubs.ts';
import { verifyToken } from './token.ts';

/**
 * Accepts `Authorization: Bearer <token>`; WebSocket upgrades from browsers cannot set headers,
 * so `GET /v1/connect` may pass it as `?token=` instead. The user's Durable Object then checks
 * that the token was not revoked and counts the request against the user's limit for `group`.
 */
export function requireUser(group: RouteGroup) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const header = c.req.header('authorization');
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : c.req.query('token');
    if (!token) throw new ApiFailure(401, 'unauthorized', 'missing bearer token');
    const claims = await verifyToken(c.env.TOKEN_SECRET, token);
    if (!claims) throw new ApiFailure(401, 'unauthorized', 'token is invalid or expired');
    const verdict = await userHub(c.env, claims.sub).authorize(
      claims.gen,
      group,
      limitsFrom(c.env.RATE_LIMITS).user[group],
    );
    if (verdict === 'revoked') throw new ApiFailure(401, 'unauthorized', 'token was revoked');
    if (verdict > 0) throw tooMany(verdict, `too many ${group} requests for this user`);
    c.set('userId', claims.sub);
    c.set('tokenGen', claims.gen);
    await next();
  });
}
