import type { ResultCallback } from '@veneer/shared/protocol';
import { SIGNATURE_HEADER, signBody } from '@veneer/shared/signing';

/** Posts signed results to the edge. A refusal or an unreachable edge throws, so the queue retries. */
export function createEdgeClient(edgeUrl: string, secret: string, timeoutMs = 10_000) {
  const endpoint = new URL('/v1/results', edgeUrl);
  return {
    async sendResult(callback: ResultCallback): Promise<void> {
      const body = JSON.stringify(callback);
      const response = await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: await signBody(secret, body) },
        body,
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (!response.ok) {
        throw new Error(`edge refused result ${callback.jobId}: ${response.status} ${await response.text()}`);
      }
    },
  };
}

export type EdgeClient = ReturnType<typeof createEdgeClient>;
