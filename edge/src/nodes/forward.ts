import { ApiFailure } from '@veneer/shared/http';
import { ApiErrorSchema, type NodeJob } from '@veneer/shared/protocol';
import type { Env } from '../env.ts';

const FORWARD_TIMEOUT_MS = 10_000;

const registry = (env: Env) => env.NODE_REGISTRY.get(env.NODE_REGISTRY.idFromName('nodes'));

/**
 * Sends a job to a healthy inference node, trying the next one when a node fails; a node that
 * refuses the job itself (blocked address, not an image) is believed, not retried elsewhere.
 * With no healthy node: 503 with Retry-After.
 */
export async function forwardJob(env: Env, job: NodeJob, requestId: string): Promise<void> {
  const choice = await registry(env).choose();
  if (choice.nodes.length === 0) throw unavailable('retryAfterS' in choice ? choice.retryAfterS : 5);
  for (const node of choice.nodes) {
    try {
      await postJob(node.url, env.NODE_SECRET, job, requestId);
      return;
    } catch (error) {
      if (error instanceof ApiFailure) throw error;
      await registry(env).reportFailure(node.url);
    }
  }
  throw unavailable(5);
}

async function postJob(nodeUrl: string, secret: string, job: NodeJob, requestId: string): Promise<void> {
  const response = await fetch(new URL('/jobs', nodeUrl), {
    method: 'POST',
    headers: {
      authorization: `Bearer ${secret}`,
      'content-type': 'application/json',
      'x-request-id': requestId,
    },
    body: JSON.stringify(job),
    signal: AbortSignal.timeout(FORWARD_TIMEOUT_MS),
  });
  if (response.ok) {
    await response.body?.cancel();
    return;
  }
  if (response.status >= 400 && response.status < 500 && response.status !== 401 && response.status !== 429) {
    const parsed = ApiErrorSchema.safeParse(await response.json().catch(() => null));
    if (parsed.success) {
      throw new ApiFailure(
        response.status as 400,
        parsed.data.error.code as 'invalid_request',
        parsed.data.error.message,
      );
    }
  }
  await response.body?.cancel();
  throw new Error(`node ${nodeUrl} answered ${response.status}`);
}

const unavailable = (retryAfterS: number) =>
  new ApiFailure(503, 'upstream_unavailable', 'no inference node is available; try again shortly', {
    'retry-after': String(retryAfterS),
  });
