import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { type JobQueues, QueueUnavailable } from '../queue/job-queue.ts';
import { jobRoutes } from './jobs.ts';

const SECRET = 'node-secret';
const JOB = {
  jobId: 'job-1',
  job: { type: 'faces', image: { kind: 'url', url: 'https://i.redd.it/a.jpg' } },
};

/** The route over a fake queue (named so) that fails as Redis does while it is away. */
function routeWith(enqueue: JobQueues['enqueue']) {
  const fakeQueues = { enqueue } as unknown as JobQueues;
  return jobRoutes({
    secret: SECRET,
    log: pino({ level: 'silent' }),
    queues: fakeQueues,
    fetcher: { checkUrl: async () => {} } as never,
    maxPixels: 1e8,
    unavailable: [],
  });
}

const post = (app: ReturnType<typeof routeWith>) =>
  app.request('/jobs', {
    method: 'POST',
    headers: { authorization: `Bearer ${SECRET}`, 'content-type': 'application/json' },
    body: JSON.stringify(JOB),
  });

describe('POST /jobs while Redis is away', () => {
  it('answers 503 with Retry-After and the error shape, and queued nothing', async () => {
    const app = routeWith(async () => {
      throw new QueueUnavailable('Redis is reconnecting');
    });
    app.onError((error, c) => {
      const failure = error as { status?: number; code?: string; headers?: Record<string, string> };
      return c.json(
        { error: { code: failure.code, message: error.message } },
        failure.status as 503,
        failure.headers,
      );
    });
    const response = await post(app);
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('2');
    expect(await response.json()).toEqual({
      error: { code: 'upstream_unavailable', message: 'the job queue is unavailable; try again shortly' },
    });
  });

  it('answers 202 once the queue takes the job', async () => {
    const queued: unknown[] = [];
    const response = await post(routeWith(async (job) => void queued.push(job)));
    expect(response.status).toBe(202);
    expect(queued).toHaveLength(1);
  });
});
