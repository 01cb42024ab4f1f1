import { ApiFailure, assertKnownJobType, parseJsonText, readBodyText, validate } from '@veneer/shared/http';
import {
  type JobAccepted,
  MAX_IMAGE_BYTES,
  MAX_JOB_BODY_BYTES,
  NodeJobSchema,
} from '@veneer/shared/protocol';
import { Hono } from 'hono';
import type { Logger } from 'pino';
import type { ImageFetcher } from '../fetch/image-fetcher.ts';
import { inspectImage } from '../images/decode.ts';
import { ImageRefusal } from '../images/image-refusal.ts';
import { type JobQueues, QueueUnavailable } from '../queue/job-queue.ts';
import { requireNodeSecret } from './require-node-secret.ts';

export interface JobRouteDependencies {
  secret: string;
  log: Logger;
  queues: JobQueues;
  fetcher: Pick<ImageFetcher, 'checkUrl'>;
  maxPixels: number;
  /** Job types this node cannot run now (a model that failed to load): refused with a 503. */
  unavailable: readonly string[];
}

/**
 * `POST /jobs` (edge only, by the shared secret): checks what can be checked at once (the URL's
 * scheme and address, or the uploaded bytes' format and size) so a bad job is refused with a
 * 4xx here, then queues it and answers 202.
 */
export function jobRoutes({ secret, queues, fetcher, maxPixels, log, unavailable }: JobRouteDependencies) {
  const requireEdge = requireNodeSecret(secret);

  return new Hono().post('/jobs', requireEdge, async (c) => {
    const body = parseJsonText(await readBodyText(c, MAX_JOB_BODY_BYTES));
    assertKnownJobType((body as { job?: { type?: unknown } } | null)?.job?.type);
    const job = validate(NodeJobSchema, body);
    if (unavailable.includes(job.job.type)) {
      throw new ApiFailure(
        503,
        'model_unavailable',
        `this node cannot run ${job.job.type} jobs: its model did not load`,
      );
    }
    try {
      if (job.job.image.kind === 'url') {
        await fetcher.checkUrl(job.job.image.url);
      } else {
        const bytes = Buffer.from(job.job.image.data, 'base64');
        if (bytes.byteLength > MAX_IMAGE_BYTES) {
          throw new ImageRefusal('image_too_large', `the image is over ${MAX_IMAGE_BYTES} bytes`, 413);
        }
        await inspectImage(bytes, maxPixels);
      }
    } catch (error) {
      if (error instanceof ImageRefusal) throw new ApiFailure(error.status, error.code, error.message);
      throw error;
    }
    try {
      await queues.enqueue(job);
    } catch (error) {
      if (!(error instanceof QueueUnavailable)) throw error;
      log.warn({ jobId: job.jobId, reason: error.message }, 'job not queued: Redis unavailable');
      throw new ApiFailure(503, 'upstream_unavailable', 'the job queue is unavailable; try again shortly', {
        'retry-after': '2',
      });
    }
    log.info({ jobId: job.jobId, type: job.job.type, requestId: c.req.header('x-request-id') }, 'job queued');
    return c.json({ jobId: job.jobId } satisfies JobAccepted, 202);
  });
}
