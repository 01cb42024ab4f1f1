import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { HonoAdapter } from '@bull-board/hono';
import { serveStatic } from '@hono/node-server/serve-static';
import { apiError, JOB_TYPES } from '@veneer/shared/protocol';
import { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { JobQueues } from '../queue/job-queue.ts';
import { sameSecret } from './require-node-secret.ts';

export const DASHBOARD_PATH = '/admin/queues';

/** The secret from `Authorization: Bearer <secret>`, or the password of HTTP Basic (for browsers). */
function givenSecret(header: string | undefined): string | null {
  if (!header) return null;
  if (header.startsWith('Bearer ')) return header.slice(7);
  if (header.startsWith('Basic ')) {
    const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
    return decoded.slice(decoded.indexOf(':') + 1);
  }
  return null;
}

/**
 * The bull-board queue dashboard at /admin/queues, for operators only: every request needs the
 * operator secret (a browser asks for it: any user name, the secret as password). Without an
 * OPERATOR_SECRET the dashboard does not exist.
 */
export function dashboardRoutes({
  queues,
  operatorSecret,
}: {
  queues: JobQueues;
  operatorSecret?: string | undefined;
}) {
  const app = new Hono();
  if (!operatorSecret) return app;
  const requireOperator = createMiddleware(async (c, next) => {
    const secret = givenSecret(c.req.header('authorization'));
    if (secret === null || !sameSecret(secret, operatorSecret)) {
      c.header('WWW-Authenticate', 'Basic realm="veneer operators", charset="UTF-8"');
      return c.json(apiError('unauthorized', 'the queue dashboard needs the operator secret'), 401);
    }
    await next();
  });
  const adapter = new HonoAdapter(serveStatic).setBasePath(DASHBOARD_PATH);
  createBullBoard({
    queues: JOB_TYPES.map((type) => new BullMQAdapter(queues.queue(type), { readOnlyMode: false })),
    serverAdapter: adapter,
  });
  app.use(`${DASHBOARD_PATH}/*`, requireOperator);
  app.use(DASHBOARD_PATH, requireOperator);
  app.route(DASHBOARD_PATH, adapter.registerPlugin());
  return app;
}
