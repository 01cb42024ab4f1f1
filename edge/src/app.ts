import { ApiFailure, failureResponse } from '@veneer/shared/http';
import { apiError } from '@veneer/shared/protocol';
import { Hono } from 'hono';
import { requestId } from 'hono/request-id';
import type { AppEnv } from './env.ts';
import { extensionCors } from './http/cors.ts';
import { breakageRoutes } from './routes/breakage.ts';
import { connectRoutes } from './routes/connect.ts';
import { embeddingRoutes } from './routes/embeddings.ts';
import { filterRoutes } from './routes/filters.ts';
import { jobRoutes } from './routes/jobs.ts';
import { listRoutes } from './routes/lists.ts';
import { packRoutes } from './routes/packs.ts';
import { registerRoutes } from './routes/register.ts';
import { resultRoutes } from './routes/results.ts';
import { scoreRoutes } from './routes/score.ts';
import { tokenRoutes } from './routes/token.ts';

export const app = new Hono<AppEnv>();

app.use('*', requestId());
// One structured line per request, with the id every response carries in x-request-id.
app.use('*', async (c, next) => {
  const started = Date.now();
  await next();
  console.log(
    JSON.stringify({
      level: c.res.status >= 500 ? 'error' : 'info',
      requestId: c.get('requestId'),
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Date.now() - started,
      userId: c.get('userId'),
    }),
  );
});
app.use('/v1/*', (c, next) => extensionCors(c.env.ALLOWED_ORIGINS ?? '')(c, next));
app.use('/v1/*', async (c, next) => {
  if (!c.env.TOKEN_SECRET || !c.env.NODE_SECRET) {
    console.error(JSON.stringify({ level: 'error', msg: 'TOKEN_SECRET and NODE_SECRET must be set' }));
    return c.json(apiError('internal', 'the edge is not configured'), 500);
  }
  await next();
});

app.get('/health', (c) => c.json({ ok: true }));
app.route('/v1', registerRoutes);
app.route('/v1', jobRoutes);
app.route('/v1', connectRoutes);
app.route('/v1', resultRoutes);
app.route('/v1', tokenRoutes);
app.route('/v1', filterRoutes);
app.route('/v1', scoreRoutes);
app.route('/v1', packRoutes);
app.route('/v1', breakageRoutes);
app.route('/v1', listRoutes);
app.route('/v1', embeddingRoutes);

app.notFound((c) => c.json(apiError('not_found', `no route for ${c.req.method} ${c.req.path}`), 404));
app.onError((error, c) => {
  if (error instanceof ApiFailure) return failureResponse(c, error);
  console.error(JSON.stringify({ level: 'error', requestId: c.get('requestId'), msg: String(error) }));
  return c.json(apiError('internal', 'internal error'), 500);
});
