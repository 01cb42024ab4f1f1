import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Stands in for inference nodes in the fan-out bench: accepts every forwarded job (202) and
 * reports its id, so the bench can post that job's result itself. Nothing is inferred.
 */
export async function startJobSink() {
  const waiting = new Map<string, (jobId: string) => void>();
  const seen: string[] = [];
  const server = http.createServer(async (req, res) => {
    if (req.url === '/ready') {
      res.writeHead(200).end('{"ready":true}');
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const { jobId, job } = JSON.parse(Buffer.concat(chunks).toString()) as {
      jobId: string;
      job: { image: { url: string } };
    };
    seen.push(jobId);
    waiting.get(job.image.url)?.(jobId);
    res.writeHead(202, { 'content-type': 'application/json' }).end(JSON.stringify({ jobId }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    /** Resolves with the job id the edge forwards for this image URL. */
    expect(url: string): Promise<string> {
      return new Promise((resolve) => waiting.set(url, resolve));
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
