import { timingSafeEqual } from 'node:crypto';
import { ApiFailure } from '@veneer/shared/http';
import { createMiddleware } from 'hono/factory';

export const sameSecret = (given: string, expected: string) => {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

/** Only the edge (which holds the node secret, as a bearer token) may call what follows. */
export const requireNodeSecret = (secret: string) =>
  createMiddleware(async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    if (!header.startsWith('Bearer ') || !sameSecret(header.slice(7), secret)) {
      throw new ApiFailure(401, 'unauthorized', 'missing or wrong node secret');
    }
    await next();
  });
