import { ApiFailure } from '@veneer/shared/http';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env.ts';
import { ipShard } from './ip-limiter.ts';
import { limitsFrom, type RouteGroup } from './rate-limits.ts';

/** The client's address as Cloudflare reports it. */
export const clientIp = (header: string | undefined) => header?.trim() || 'unknown';

/** Per-IP limit of a route group: 429 with Retry-After past it. */
export function limitIp(group: RouteGroup) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const limit = limitsFrom(c.env.RATE_LIMITS).ip[group];
    if (limit) {
      const ip = clientIp(c.req.header('cf-connecting-ip'));
      const limiter = c.env.IP_LIMITER.get(c.env.IP_LIMITER.idFromName(ipShard(ip)));
      const retryAfterS = await limiter.take(`${group}:${ip}`, limit);
      if (retryAfterS > 0) throw tooMany(retryAfterS, `too many ${group} requests from this address`);
    }
    await next();
  });
}

export const tooMany = (retryAfterS: number, message: string) =>
  new ApiFailure(429, 'rate_limited', `${message}; retry in ${retryAfterS} s`, {
    'retry-after': String(retryAfterS),
  });
