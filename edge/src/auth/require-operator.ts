import { ApiFailure } from '@veneer/shared/http';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env.ts';

/** Operators only: `Authorization: Bearer <OPERATOR_SECRET>`; without that secret configured, nobody. */
export const requireOperator = createMiddleware<AppEnv>(async (c, next) => {
  const secret = c.env.OPERATOR_SECRET;
  const header = c.req.header('authorization') ?? '';
  if (!secret) throw new ApiFailure(403, 'forbidden', 'operator routes are off (no OPERATOR_SECRET)');
  if (!(await sameSecret(header, `Bearer ${secret}`)))
    throw new ApiFailure(401, 'unauthorized', 'operator secret required');
  await next();
});

/** Compares in constant time (through digests of equal length). */
async function sameSecret(given: string, expected: string): Promise<boolean> {
  const digest = async (text: string) =>
    new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  const [a, b] = await Promise.all([digest(given), digest(expected)]);
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}
