import fc from 'fast-check';
import { emptyRow, type FuzzRow } from './fuzz-routes.ts';

/** What the hub may answer a bad client message with: nothing, or one of its documented closes. */
const DOCUMENTED_CLOSES = new Set([1000, 1009, 4008]);

const message = fc.oneof(
  fc
    .record({
      kind: fc.constantFrom('ack', 'ACK', 'ping', 'x', ''),
      seq: fc.oneof(fc.integer(), fc.double(), fc.string()),
    })
    .map((m) => JSON.stringify(m)),
  fc.jsonValue().map((value) => JSON.stringify(value)),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.constantFrom(
    '{',
    'ping',
    'PING',
    '{"kind":"ack","seq":9007199254740993}',
    '{"kind":"ack","seq":-1}',
    '\u0000',
  ),
  fc.uint8Array({ maxLength: 200 }),
);

function open(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.binaryType = 'arraybuffer';
    socket.onopen = () => resolve(socket);
    socket.onerror = () => reject(new Error(`socket to ${url.split('?')[0]} failed`));
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * `fuzz socket messages`: generated client messages over many sockets of one user, paced under the
 * hub's per-socket rate (so each is read, not refused as a flood), plus sockets that flood or send
 * oversized messages on purpose: every close must be a documented one, and afterwards a job's
 * result still reaches a fresh socket of the user.
 */
export async function fuzzSocket(
  edgeUrl: string,
  token: string,
  _nodeSecret: string,
  { count, sockets = 50, imageUrl }: { count: number; sockets?: number; imageUrl?: string },
): Promise<FuzzRow> {
  const ws = edgeUrl.replace('http', 'ws');
  const url = () => `${ws}/v1/connect?token=${encodeURIComponent(token)}&session=${crypto.randomUUID()}`;
  const inputs = fc.sample(message, { numRuns: count, seed: 7 });
  const row = emptyRow('fuzz socket messages');
  const undocumented = (code: number, reason: string) => {
    if (DOCUMENTED_CLOSES.has(code)) return;
    row.bad_shape++;
    if (row.examples.length < 5) row.examples.push(`closed ${code} ${reason}`);
  };
  const perSocket = Math.ceil(inputs.length / sockets);
  await Promise.all(
    Array.from({ length: sockets }, async (_, s) => {
      const mine = inputs.slice(s * perSocket, (s + 1) * perSocket);
      let socket = await open(url());
      let closed: { code: number; reason: string } | null = null;
      socket.onclose = (event) => (closed = { code: event.code, reason: event.reason });
      for (const input of mine) {
        if (closed) {
          undocumented((closed as { code: number }).code, (closed as { reason: string }).reason);
          socket = await open(url());
          closed = null;
          socket.onclose = (event) => (closed = { code: event.code, reason: event.reason });
        }
        socket.send(input);
        row.inputs++;
        // 14 a second: under the hub's 20 per second, so each message is read.
        await sleep(70);
      }
      socket.close(1000);
    }),
  );
  // On purpose: a flood and an oversized message get their documented closes.
  for (const [what, send, expected] of [
    [
      'flood',
      (socket: WebSocket) => Array.from({ length: 60 }, () => socket.send('{"kind":"ack","seq":0}')),
      4008,
    ],
    ['oversized', (socket: WebSocket) => socket.send('x'.repeat(4096)), 1009],
  ] as const) {
    const socket = await open(url());
    const code = await new Promise<number>((resolve) => {
      socket.onclose = (event) => resolve(event.code);
      send(socket);
      setTimeout(() => resolve(-1), 10_000);
    });
    row.inputs++;
    if (code !== expected) {
      row.bad_shape++;
      row.examples.push(`${what}: closed ${code}, expected ${expected}`);
    }
  }
  // The hub still delivers: a job's result reaches a fresh socket.
  if (imageUrl) {
    const socket = await open(url());
    const frames: string[] = [];
    socket.onmessage = (event) => frames.push(String(event.data));
    const response = await fetch(`${edgeUrl}/v1/jobs`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'faces', image: { kind: 'url', url: imageUrl } }),
    });
    const { jobId } = (await response.json()) as { jobId: string };
    const deadline = Date.now() + 60_000;
    while (!frames.some((f) => f.includes(jobId) && f.includes('"done"')) && Date.now() < deadline)
      await sleep(100);
    if (!frames.some((f) => f.includes(jobId) && f.includes('"done"'))) {
      row.no_answer++;
      row.examples.push(`after the fuzz, job ${jobId} (${response.status}) reached no socket`);
    }
    socket.close(1000);
  }
  return row;
}
