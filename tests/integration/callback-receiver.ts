import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ResultCallback, ResultCallbackSchema } from '@veneer/shared/protocol';
import { SIGNATURE_HEADER, verifyBodySignature } from '@veneer/shared/signing';

/**
 * Takes the edge's place for the inference node's result callbacks in node-only integration
 * tests: checks every signature with the real verifier and records what arrives. (The
 * end-to-end tests use the real edge.)
 */
export async function startCallbackReceiver(secret: string) {
  const received: ResultCallback[] = [];
  const badSignatures: string[] = [];
  /** When each job's outcome (done or failed) arrived, by job id, and who waits for one. */
  const arrivedAt = new Map<string, number>();
  const outcomeWaiters = new Map<string, (at: number) => void>();
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const check = await verifyBodySignature(
      secret,
      body,
      req.headers[SIGNATURE_HEADER] as string | undefined,
    );
    if (!check.ok) {
      badSignatures.push(check.reason);
      res.writeHead(401).end();
      return;
    }
    const callback = ResultCallbackSchema.parse(JSON.parse(body));
    received.push(callback);
    if (callback.status !== 'running' && !arrivedAt.has(callback.jobId)) {
      const at = performance.now();
      arrivedAt.set(callback.jobId, at);
      outcomeWaiters.get(callback.jobId)?.(at);
      outcomeWaiters.delete(callback.jobId);
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"delivered":1}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    badSignatures,
    /** performance.now() when the job's outcome (done or failed) arrives (for benchmarks). */
    outcomeArrival(jobId: string): Promise<number> {
      const at = arrivedAt.get(jobId);
      if (at !== undefined) return Promise.resolve(at);
      return new Promise((resolve) => outcomeWaiters.set(jobId, resolve));
    },
    /** The job's outcome (done or failed), once it has arrived. */
    async waitFor(jobId: string, timeoutMs = 30_000): Promise<ResultCallback> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = received.find((r) => r.jobId === jobId && r.status !== 'running');
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no result for ${jobId} within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
