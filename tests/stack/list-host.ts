import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { certificate } from './image-host.ts';

export interface ListHost {
  /** host:port on loopback, for the browser's host map (a public name mapped here). */
  hostPort: string;
  /** What each path answers; change it to publish a new version. */
  files: Map<string, { status?: number; body: string; headers?: Record<string, string> }>;
  requests: Array<{ path: string; ifNoneMatch?: string }>;
  stop(): Promise<void>;
}

/**
 * Serves filter lists over https on a loopback port, standing in for a public list host: each
 * path answers what `files` holds (with an ETag from its body, and 304 for a matching
 * If-None-Match), 404 otherwise.
 */
export async function startListHost(): Promise<ListHost> {
  const { key, cert } = certificate();
  const files: ListHost['files'] = new Map();
  const requests: ListHost['requests'] = [];
  const server = https.createServer({ key, cert }, (req, res) => {
    const path = new URL(req.url ?? '/', 'https://fixture').pathname;
    const ifNoneMatch = req.headers['if-none-match'];
    requests.push({ path, ifNoneMatch: typeof ifNoneMatch === 'string' ? ifNoneMatch : undefined });
    const file = files.get(path);
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const etag = `"${Buffer.from(file.body).length}-${hash(file.body)}"`;
    if ((file.status ?? 200) === 200 && ifNoneMatch === etag) {
      res.writeHead(304, { etag }).end();
      return;
    }
    res
      .writeHead(file.status ?? 200, { 'content-type': 'application/json', etag, ...file.headers })
      .end(file.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    hostPort: `127.0.0.1:${port}`,
    files,
    requests,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16);
}
