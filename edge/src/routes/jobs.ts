import { ApiFailure, assertKnownJobType, parseJsonText, readBodyText, validate } from '@veneer/shared/http';
import {
  ApiErrorSchema,
  type JobAccepted,
  JobRequestSchema,
  MAX_JOB_BODY_BYTES,
  type NodeJob,
} from '@veneer/shared/protocol';
import { Hono } from 'hono';
import { requireUser } from '../auth/require-user.ts';
import type { AppEnv } from '../env.ts';
import { jobIdFor } from '../jobs/job-id.ts';
import { limitIp } from '../limits/limit-ip.ts';
import { jobCoordinator, userHub } from '../stubs.ts';

const FORWARD_TIMEOUT_MS = 10_000;

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
      await forwardToNode(c.env.INFERENCE_NODE_URL, c.env.NODE_SECRET, { jobId, job });
    } catch (error) {
      const waiters = await coordinator.forwardFailed();
      const failure = error instanceof ApiFailure ? error : unavailable();
      const frame = {
        kind: 'failed' as const,
        jobId,
        error: { code: failure.code, message: failure.message },
      };
      await Promise.all(waiters.map((waiter) => userHub(c.env, waiter).deliver([frame])));
      throw failure;
    }
  }
  return c.json({ jobId } satisfies JobAccepted, 202);
});

async function forwardToNode(nodeUrl: string, secret: string, job: NodeJob): Promise<void> {
  let response: Response;
  try {
    response = await fetch(new URL('/jobs', nodeUrl), {
      method: 'POST',
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
      body: JSON.stringify(job),
      signal: AbortSignal.timeout(FORWARD_TIMEOUT_MS),
    });
  } catch {
    throw unavailable();
  }
  if (response.ok) return;
  if (response.status >= 400 && response.status < 500 && response.status !== 401 && response.status !== 429) {
    // The node refused the job itself (blocked address, bad image, ...): tell the client why.
    const parsed = ApiErrorSchema.safeParse(await response.json().catch(() => null));
    if (parsed.success) {
      throw new ApiFailure(
        response.status as 400,
        parsed.data.error.code as 'invalid_request',
        parsed.data.error.message,
      );
    }
  }
  throw unavailable();
}

const unavailable = () =>
  new ApiFailure(503, 'upstream_unavailable', 'no inference node is available; try again shortly', {
    'retry-after': '5',
  });
