import { ApiFailure, assertKnownJobType, parseJsonText, readBodyText, validate } from '@veneer/shared/http';
import { type JobAccepted, JobRequestSchema, MAX_JOB_BODY_BYTES } from '@veneer/shared/protocol';
import { Hono } from 'hono';
import { requireUser } from '../auth/require-user.ts';
import type { AppEnv } from '../env.ts';
import { jobIdFor } from '../jobs/job-id.ts';
import { limitIp } from '../limits/limit-ip.ts';
import { forwardJob } from '../nodes/forward.ts';
import { jobCoordinator, userHub } from '../stubs.ts';

/**
 * `POST /v1/jobs`: validates a job and names it by its content. A result already known is pushed
 * at once (200, `cached: true`) without any inference node; a job already running is joined; a
 * new one is forwarded to an inference node. Either way the user's sessions get `queued` and
 * later the outcome, pushed.
 */
export const jobRoutes = new Hono<AppEnv>().post('/jobs', limitIp('jobs'), requireUser('jobs'), async (c) => {
  const body = parseJsonText(await readBodyText(c, MAX_JOB_BODY_BYTES));
  assertKnownJobType((body as { type?: unknown } | null)?.type);
  const job = validate(JobRequestSchema, body);
  const jobId = await jobIdFor(job);
  const userId = c.get('userId');
  const coordinator = jobCoordinator(c.env, jobId);
  const hub = userHub(c.env, userId);

  const decision = await coordinator.join(userId);
  if (decision.action === 'known') {
    await hub.deliver([decision.frame]);
    return c.json({ jobId, cached: true } satisfies JobAccepted, 200);
  }
  await hub.deliver([{ kind: 'queued', jobId }]);
  if (decision.action === 'forward') {
    try {
      await forwardJob(c.env, { jobId, job }, c.get('requestId'));
    } catch (error) {
      const failure =
        error instanceof ApiFailure
          ? error
          : new ApiFailure(503, 'upstream_unavailable', 'no inference node is available');
      await coordinator.forwardFailed(jobId, {
        kind: 'failed' as const,
        jobId,
        error: { code: failure.code, message: failure.message },
      });
      throw failure;
    }
    await coordinator.forwarded();
  }
  return c.json({ jobId } satisfies JobAccepted, 202);
});
