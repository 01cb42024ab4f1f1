import http from 'node:http';
import net from 'node:net';
import { sentTexts } from './wire-recorder.ts';

/**
 * An HTTP proxy every test browser sends all of its traffic through (`--proxy-server`, loopback
 * included): pages, the service worker, offscreen documents, WebSockets. It keeps what the browser
 * sends in plain text (requests to Veneer's server and other loopback fixtures, WebSocket frames
 * unmasked) and the host of every encrypted tunnel, so a test can say what left the browser and
 * where to, whichever part of the extension sent it. Names that the browser maps to loopback
 * fixtures (`hostMap`) are mapped here too; any other host is refused (no test reaches the
 * internet) and recorded as asked.
 */
export interface NetworkRecorder {
  /** `http://127.0.0.1:<port>`, for `--proxy-server`. */
  url: string;
  /** Everything sent in plain text: one entry per HTTP request or WebSocket upgrade with its frames. */
  sent(): SentRequest[];
  /** Every host the browser asked for (`host:port`), in order of first asking. */
  hosts(): string[];
  /** Hosts asked for that are neither loopback nor mapped to a fixture. */
  foreignHosts(): string[];
  stop(): Promise<void>;
}

export interface SentRequest {
  /** When the request (or the tunnel it went in) started, ms since the epoch. */
  at: number;
  /** `host:port` as the browser named it. */
  target: string;
  /** `POST /v1/jobs HTTP/1.1`, its headers, and its body (a WebSocket's frames after its upgrade). */
  text: string;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

function splitHostPort(hostPort: string, defaultPort: number): { host: string; port: number } {
  const match = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(hostPort);
  return { host: match?.[1] ?? hostPort, port: Number(match?.[2] ?? defaultPort) };
}

export async function startNetworkRecorder(hostMap: Record<string, string> = {}): Promise<NetworkRecorder> {
  const requests: SentRequest[] = [];
  const tunnels: Array<{ at: number; target: string; chunks: Buffer[] }> = [];
  const asked: string[] = [];
  const foreign: string[] = [];
  const open = new Set<net.Socket>();

  /** Where `host:port` really is: itself on loopback, its fixture when mapped, else nowhere. */
  const resolve = (hostPort: string, defaultPort: number): { host: string; port: number } | null => {
    if (!asked.includes(hostPort)) asked.push(hostPort);
    const { host, port } = splitHostPort(hostPort, defaultPort);
    if (LOOPBACK.has(host)) return { host: host === 'localhost' ? '127.0.0.1' : host, port };
    const mapped = hostMap[host];
    if (mapped) return splitHostPort(mapped, port);
    if (!foreign.includes(hostPort)) foreign.push(hostPort);
    return null;
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://invalid');
    const at = Date.now();
    const target = resolve(url.host, 80);
    const body: Buffer[] = [];
    // A browser that drops a request or a page closed mid-answer is no error of the test's.
    req.on('error', () => res.destroy());
    res.on('error', () => undefined);
    req.on('data', (chunk: Buffer) => body.push(chunk));
    req.on('end', () => {
      const head = [
        `${req.method} ${url.pathname}${url.search} HTTP/1.1`,
        ...Object.entries(req.headers).map(([name, value]) => `${name}: ${value}`),
      ].join('\r\n');
      requests.push({ at, target: url.host, text: `${head}\r\n\r\n${Buffer.concat(body).toString('utf8')}` });
      if (!target) {
        res.writeHead(502, { 'content-type': 'text/plain' }).end(`no route to ${url.host} in tests`);
        return;
      }
      const upstream = http.request(
        {
          host: target.host,
          port: target.port,
          method: req.method,
          path: `${url.pathname}${url.search}`,
          headers: req.headers,
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.rawHeaders);
          answer.on('error', () => res.destroy());
          answer.pipe(res);
        },
      );
      upstream.on('error', () => {
        if (!res.headersSent) res.writeHead(502).end();
        else res.destroy();
      });
      upstream.end(Buffer.concat(body));
    });
  });

  /** A tunnel: CONNECT (TLS, or a plain WebSocket), or a plain upgrade sent to the proxy itself. */
  const tunnel = (hostPort: string, client: net.Socket, head: Buffer, prefix: Buffer | null) => {
    client.on('error', () => client.destroy());
    const target = resolve(hostPort, 443);
    if (!target) {
      client.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
      return;
    }
    const chunks: Buffer[] = prefix ? [prefix] : [];
    tunnels.push({ at: Date.now(), target: hostPort, chunks });
    open.add(client);
    const upstream = net.connect(target.port, target.host, () => {
      if (!prefix) client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      else upstream.write(prefix);
      if (head.length > 0) {
        chunks.push(Buffer.from(head));
        upstream.write(head);
      }
      client.on('data', (data: Buffer) => chunks.push(Buffer.from(data)));
      client.pipe(upstream);
      upstream.pipe(client);
    });
    open.add(upstream);
    const end = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    client.on('error', end);
    upstream.on('error', end);
    client.on('close', end);
    upstream.on('close', end);
  };
  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) =>
    tunnel(req.url ?? '', client, head, null),
  );
  server.on('upgrade', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://invalid');
    const lines = [`${req.method} ${url.pathname}${url.search} HTTP/1.1`];
    for (let i = 0; i < req.rawHeaders.length; i += 2)
      lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
    tunnel(url.host, client, head, Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'));
  });
  server.on('connection', (socket) => {
    open.add(socket);
    // A reset from either side (a browser closing, a server restarting in a test) ends that
    // connection only: an error no one listens for would end the whole test run.
    socket.on('error', () => socket.destroy());
    socket.on('close', () => open.delete(socket));
  });
  server.on('clientError', (_error, socket) => socket.destroy());
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const { port } = server.address() as net.AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    sent: () => [
      ...requests,
      ...tunnels.flatMap(({ at, target, chunks }) => {
        const bytes = Buffer.concat(chunks);
        // TLS (a handshake record first) stays unread: only its host is known.
        if (bytes.length === 0 || bytes[0] === 0x16) return [];
        return sentTexts(bytes).map((text) => ({ at, target, text }));
      }),
    ],
    hosts: () => [...asked],
    foreignHosts: () => [...foreign],
    stop: () =>
      new Promise<void>((done) => {
        for (const socket of open) socket.destroy();
        server.close(() => done());
      }),
  };
}
