import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { dataDir, tmpDir } from './paths.ts';

export interface ImageHost {
  /** https://127.0.0.1:<port> */
  origin: string;
  /** host:port, for the inference node's allow-list. */
  hostPort: string;
  /** The self-signed certificate, for NODE_EXTRA_CA_CERTS. */
  caFile: string;
  /** Paths requested so far (to prove who fetched what). */
  requests: string[];
  stop(): Promise<void>;
}

/** A self-signed certificate for 127.0.0.1, made once with openssl and reused. */
export function certificate(): { key: string; cert: string; caFile: string } {
  const dir = path.join(tmpDir, 'certs');
  const keyFile = path.join(dir, 'fixture-host.key');
  const certFile = path.join(dir, 'fixture-host.crt');
  if (!fs.existsSync(certFile)) {
    fs.mkdirSync(dir, { recursive: true });
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '3650',
        '-keyout',
        keyFile,
        '-out',
        certFile,
        '-subj',
        '/CN=veneer fixture image host',
        '-addext',
        'subjectAltName=IP:127.0.0.1,DNS:localhost',
      ],
      { stdio: 'ignore' },
    );
  }
  return { key: fs.readFileSync(keyFile, 'utf8'), cert: fs.readFileSync(certFile, 'utf8'), caFile: certFile };
}

const types: Record<string, string> = { '.jpg': 'image/jpeg', '.png': 'image/png' };

/**
 * Serves ../shared/data over https on a loopback port: /faces/<file> and /images/<file>, plus
 * /redirect?to=<url> (one 302) for redirect tests and /slow/<ms>/<path> (the same file later).
 * Stands in for a public image CDN.
 */
export async function startImageHost(): Promise<ImageHost> {
  const { key, cert, caFile } = certificate();
  const requests: string[] = [];
  const server = https.createServer({ key, cert }, (req, res) => {
    const url = new URL(req.url ?? '/', 'https://fixture');
    requests.push(url.pathname);
    const slow = /^\/slow\/(\d+)(\/.*)$/.exec(url.pathname);
    if (slow) {
      // /slow/<ms>/<path>: the same file after a delay (keeps a job in flight).
      setTimeout(() => {
        req.url = slow[2];
        server.emit('request', req, res);
      }, Number(slow[1]));
      return;
    }
    if (url.pathname === '/redirect') {
      res.writeHead(302, { location: url.searchParams.get('to') ?? '/' }).end();
      return;
    }
    const match = /^\/(faces|images)\/([\w.-]+)$/.exec(url.pathname);
    const file = match ? path.join(dataDir, match[1]!, match[2]!) : null;
    if (!file || !fs.existsSync(file)) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, {
      'content-type': types[path.extname(file)] ?? 'application/octet-stream',
      'access-control-allow-origin': '*',
      'cache-control': 'no-store',
    });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `https://127.0.0.1:${port}`,
    hostPort: `127.0.0.1:${port}`,
    caFile,
    requests,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
