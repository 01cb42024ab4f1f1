import { ApiFailure } from '@veneer/shared/http';
import { Hono } from 'hono';
import { requireUser } from '../auth/require-user.ts';
import type { AppEnv } from '../env.ts';
import { USER_HEADER } from '../hub/user-hub.ts';

/** `GET /v1/connect`: upgrades to a WebSocket held by the user's own Durable Object. */
export const connectRoutes = new Hono<AppEnv>().get('/connect', requireUser, async (c) => {
  if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') {
    throw new ApiFailure(426, 'invalid_request', 'this route only accepts WebSocket upgrades');
  }
  const userId = c.get('userId');
  const hub = c.env.USER_HUB.get(c.env.USER_HUB.idFromName(userId));
  const headers = new Headers(c.req.raw.headers);
  headers.set(USER_HEADER, userId);
  return hub.fetch(new Request(c.req.raw.url, { headers }));
});
