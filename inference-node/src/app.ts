import { ApiFailure, failureResponse } from '@veneer/shared/http';
import { apiError } from '@veneer/shared/protocol';
import { Hono } from 'hono';
import { dashboardRoutes } from './routes/dashboard.ts';
import { type EmbeddingRouteDependencies, embeddingRoutes } from './routes/embeddings.ts';
import { type HealthDependencies, healthRoutes } from './routes/health.ts';
import { type JobRouteDependencies, jobRoutes } from './routes/jobs.ts';
import { type ScoreRouteDependencies, scoreRoutes } from './routes/score.ts';

export function createApp(
  deps: JobRouteDependencies &
    Omit<ScoreRouteDependencies, 'fetcher'> & {
      fetcher: JobRouteDependencies['fetcher'] & ScoreRouteDependencies['fetcher'];
    } & HealthDependencies &
    EmbeddingRouteDependencies & { operatorSecret?: string | undefined },
) {
  const app = new Hono();
  app.route('/', healthRoutes(deps));
  app.route('/', jobRoutes(deps));
  app.route('/', scoreRoutes(deps));
  app.route('/', embeddingRoutes(deps));
  app.route('/', dashboardRoutes(deps));
  app.notFound((c) => c.json(apiError('not_found', `no route for ${c.req.method} ${c.req.path}`), 404));
  app.onError((error, c) => {
    if (error instanceof ApiFailure) return failureResponse(c, error);
    deps.log.error({ err: error, path: c.req.path }, 'request failed');
    return c.json(apiError('internal', 'internal error'), 500);
  });
  return app;
}
