import type { NodeJob, ResultCallback } from '@veneer/shared/protocol';
import type { Logger } from 'pino';
import type { EdgeClient } from '../callback/edge-client.ts';
import { ImageRefusal } from '../images/image-refusal.ts';
import type { Metrics } from '../metrics.ts';
import { type Models, runnerFor } from './job-runners.ts';
import { contentHash, type ResultCache } from './result-cache.ts';

export interface JobDependencies {
  fetchImage(url: string): Promise<Uint8Array>;
  models: Models;
  cache: Pick<ResultCache, 'get' | 'set'>;
  edge: EdgeClient;
  metrics: Metrics;
  log: Logger;
}

/**
 * Runs one job and hands its outcome to the edge. An image that can never be processed is
 * answered with a `failed` result at once; anything else (edge down, inference crash) throws so
 * the queue retries with backoff.
 */
export async function processJob(job: NodeJob, deps: JobDependencies): Promise<void> {
  const started = performance.now();
  const { jobId } = job;
  // Progress is best effort: a missed "running" frame must not fail the job.
  await deps.edge
    .sendResult({ status: 'running', jobId })
    .catch((error: Error) => deps.log.warn({ jobId, err: error.message }, 'could not report progress'));
  let callback: ResultCallback;
  try {
    const bytes =
      job.job.image.kind === 'url'
        ? await deps.fetchImage(job.job.image.url)
        : Buffer.from(job.job.image.data, 'base64');
    const runner = runnerFor(job.job, deps.models);
    const sha256 = contentHash(bytes);
    const cached = await deps.cache.get(runner.cacheKey, sha256);
    deps.metrics.cache.inc({ outcome: cached ? 'hit' : 'miss' });
    const result = cached ?? (await runner.run(bytes));
    if (!cached) await deps.cache.set(runner.cacheKey, sha256, result);
    callback = { status: 'done', jobId, result };
  } catch (error) {
    if (!(error instanceof ImageRefusal)) throw error;
    callback = { status: 'failed', jobId, error: { code: error.code, message: error.message } };
  }
  await deps.edge.sendResult(callback);
  deps.metrics.jobs.inc({ type: job.job.type, status: callback.status });
  deps.metrics.jobSeconds.observe({ type: job.job.type }, (performance.now() - started) / 1000);
  deps.log.info(
    { jobId, type: job.job.type, status: callback.status, ms: Math.round(performance.now() - started) },
    'job finished',
  );
}
