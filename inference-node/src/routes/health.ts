import { JOB_TYPES } from '@veneer/shared/protocol';
import { Hono } from 'hono';
import type { Metrics } from '../metrics.ts';
import type { JobQueues } from '../queue/job-queue.ts';
import type { RedisConnection } from '../queue/redis-connection.ts';

export interface HealthDependencies {
  redis: RedisConnection;
  metrics: Metrics;
  queues: JobQueues;
  provider: string;
  models: string[];
}

/** `/health` (alive), `/ready` (models loaded, Redis answering), `/metrics` (Prometheus). */
export function healthRoutes({ redis, metrics, queues, provider, models }: HealthDependencies) {
  return new Hono()
    .get('/health', (c) => c.json({ ok: true }))
    .get('/ready', async (c) => {
      const redisOk = await redis
        .ping()
        .then((answer) => answer === 'PONG')
        .catch(() => false);
      return c.json({ ready: redisOk, redis: redisOk, provider, models }, redisOk ? 200 : 503);
    })
    .get('/metrics', async (c) => {
      for (const type of JOB_TYPES)
        metrics.queueDepth.set({ type }, await queues.depth(type).catch(() => -1));
      return c.text(await metrics.registry.metrics(), 200, { 'content-type': metrics.registry.contentType });
    });
}
