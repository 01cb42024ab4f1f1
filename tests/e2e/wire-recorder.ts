import net from 'node:net';

/**
 * A TCP proxy in front of Veneer's server that keeps every byte the browser sends through it:
 * HTTP requests as they are, and after a WebSocket upgrade the client's frames unmasked (a
 * client masks every frame, so the raw bytes would hide their text). What Veneer sends its server
 * is then searched in `sent()`, whichever part of the extension sent it (service worker,
 * offscreen document, pages): the network is the one place all of them pass.
 */
export interface WireRecorder {
  url: string;
  /**
   * Everything sent, as text (UTF-8): one entry per HTTP request (its request line, headers and
   * body), and for a WebSocket its upgrade request with every frame the browser sent after it.
   */
  sent(): string[];
  /** The request lines (`POST /v1/jobs HTTP/1.1`) seen, in order. */
  requestLines(): string[];
  stop(): Promise<void>;
}

/** The payloads of the WebSocket frames in `bytes` (client frames: masked), as far as complete. */
function unmaskFrames(bytes: Buffer): Buffer[] {
  const out: Buffer[] = [];
  let at = 0;
  while (at + 2 <= bytes.length) {
    const masked = (bytes[at + 1]! & 0x80) !== 0;
    let length = bytes[at + 1]! & 0x7f;
    let header = 2;
    if (length === 126) {
      if (at + 4 > bytes.length) break;
      length = bytes.readUInt16BE(at + 2);
      header = 4;
    } else if (length === 127) {
      if (at + 10 > bytes.length) break;
      length = Number(bytes.readBigUInt64BE(at + 2));
      header = 10;
    }
    const maskAt = at + header;
    const start = maskAt + (masked ? 4 : 0);
    if (start + length > bytes.length) break;
    const payload = Buffer.from(bytes.subarray(start, start + length));
    if (masked) for (let i = 0; i < payload.length; i++) payload[i]! ^= bytes[maskAt + (i % 4)]!;
    out.push(payload);
    at = start + length;
  }
  return out;
}

/** Where a request starts in a connection's bytes (keep-alive sends several on one). */
const REQUEST_START = /(?=^(?:GET|POST|PUT|DELETE|PATCH|OPTIONS) \S+ HTTP\/1\.1\r$)/m;

/** One connection's bytes from the client as text: its requests, or an upgrade and its frames unmasked. */
function connectionText(all: Buffer): string {
  const headerEnd = all.indexOf('\r\n\r\n');
  const head = all.subarray(0, headerEnd + 4).toString('latin1');
  if (headerEnd < 0 || !/^upgrade: websocket/im.test(head)) return all.toString('utf8');
  return (
    head +
    unmaskFrames(all.subarray(headerEnd + 4))
      .map((p) => p.toString('utf8'))
      .join('\n')
  );
}

/** What a client sent on one connection, one entry per request (a WebSocket: its upgrade and frames). */
export function sentTexts(bytes: Buffer): string[] {
  return connectionText(bytes).split(REQUEST_START).filter(Boolean);
}

export async function startWireRecorder(targetPort: number): Promise<WireRecorder> {
  const connections: Buffer[][] = [];
  const open = new Set<net.Socket>();
  const server = net.createServer((client) => {
    open.add(client);
    client.on('close', () => open.delete(client));
    const chunks: Buffer[] = [];
    connections.push(chunks);
    const upstream = net.connect(targetPort, '127.0.0.1');
    client.on('data', (data) => chunks.push(Buffer.from(data)));
    client.pipe(upstream);
    upstream.pipe(client);
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end);
    upstream.on('error', end);
    client.on('close', end);
    upstream.on('close', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  const texts = () => connections.map((chunks) => connectionText(Buffer.concat(chunks)));
  return {
    url: `http://127.0.0.1:${port}`,
    sent: () => texts().flatMap((text) => text.split(REQUEST_START).filter(Boolean)),
    requestLines: () =>
      texts().flatMap((text) =>
        [...text.matchAll(/^(?:GET|POST|PUT|DELETE|PATCH|OPTIONS) \S+ HTTP\/1\.1(?=\r$)/gm)].map((m) => m[0]),
      ),
    stop: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
