import { ApiFailure } from '@veneer/shared/http';
import {
  ApiErrorSchema,
  type NodeEmbeddingSearch,
  type NodeJob,
  type ScoreRequest,
} from '@veneer/shared/protocol';
import type { Env } from '../env.ts';

const FORWARD_TIMEOUT_MS = 10_000;

const registry = (env: Env) => env.NODE_REGISTRY.get(env.NODE_REGISTRY.idFromName('nodes'));

/**
 * Sends a job to a healthy inference node, trying the next one when a node fails; a node that
 * refuses the job itself (blocked address, not an image) is believed, not retried elsewhere.
 * With no healthy node: 503 with Retry-After.
 */
export async function forwardJob(env: Env, job: NodeJob, requestId: string): Promise<void> {
  const response = await postToNodes(env, '/jobs', job, requestId, FORWARD_TIMEOUT_MS);
  await response.body?.cancel();
}

/** Scoring answers in the request: up to six images fetched and run through the heavy models. */
const SCORE_TIMEOUT_MS = 60_000;

/** `POST /score` on a healthy inference node (with failover), its answer as it is. */
export async function scoreOnNode(env: Env, request: ScoreRequest, requestId: string): Promise<unknown> {
  const response = await postToNodes(env, '/score', request, requestId, SCORE_TIMEOUT_MS);
  return response.json();
}

/** `POST /embeddings/search` on a healthy inference node (every node reads the same Redis). */
export async function searchEmbeddingsOnNode(
  env: Env,
  query: NodeEmbeddingSearch,
  requestId: string,
): Promise<unknown> {
  const response = await postToNodes(env, '/embeddings/search', query, requestId, FORWARD_TIMEOUT_MS);
  return response.json();
}

/** Posts to each healthy node in turn until one answers 2xx; a node's own 4xx is believed. */
async function postToNodes(
  env: Env,
  path: string,
  body: unknown,
  requestId: string,
  timeoutMs: number,
): Promise<Response> {
  const choice = await registry(env).choose();
  if (choice.nodes.length === 0) throw unavailable('retryAfterS' in choice ? choice.retryAfterS : 5);
  for (const node of choice.nodes) {
    try {
      return await postToNode(node.url, path, env.NODE_SECRET, body, requestId, timeoutMs);
    } catch (error) {
      if (error instanceof ApiFailure) throw error;
      await registry(env).reportFailure(node.url);
    }
  }
  throw unavailable(5);
}

async function postToNode(
  nodeUrl: string,
  path: string,
  secret: string,
  body: unknown,
  requestId: string,
  timeoutMs: number,
): Promise<Response> {
  const response = await fetch(new URL(path, nodeUrl), {
    method: 'POST',
    headers: {
      authorization: `Bearer ${secret}`,
      'content-type': 'application/json',
      'x-request-id': requestId,
    },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (response.ok) return response;
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
