import { ApiFailure } from '@veneer/shared/http';
import { SESSION_ID_PATTERN } from '@veneer/shared/protocol';
import { Hono } from 'hono';
import { requireUser } from '../auth/require-user.ts';
import type { AppEnv } from '../env.ts';
import { AFTER_HEADER, SESSION_HEADER, USER_HEADER } from '../hub/user-hub.ts';
import { limitIp } from '../limits/limit-ip.ts';
import { userHub } from '../stubs.ts';

/**
 * `GET /v1/connect?token=&session=&after=`: upgrades to a WebSocket held by the user's own
 * Durable Object. `session` names the client (one per browser profile); `after` is the last
 * frame sequence it has seen, and everything newer is sent first.
 */
export const connectRoutes = new Hono<AppEnv>().get(
  '/connect',
  limitIp('connect'),
  requireUser('connect'),
  async (c) => {
    if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') {
      throw new ApiFailure(426, 'invalid_request', 'this route only accepts WebSocket upgrades');
    }
    const session = c.req.query('session') ?? crypto.randomUUID();
    if (!SESSION_ID_PATTERN.test(session)) {
      throw new ApiFailure(400, 'invalid_request', 'session must be 8-64 letters, digits, "-" or "_"');
    }
    const after = c.req.query('after') ?? '0';
    if (!/^\d{1,15}$/.test(after))
      throw new ApiFailure(400, 'invalid_request', 'after must be a frame sequence number');
    const userId = c.get('userId');
    const headers = new Headers(c.req.raw.headers);
    headers.set(USER_HEADER, userId);
    headers.set(SESSION_HEADER, session);
    headers.set(AFTER_HEADER, after);
    return userHub(c.env, userId).fetch(new Request(c.req.raw.url, { headers }));
  },
);
