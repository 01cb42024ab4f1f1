/**
 * pnpm bench:fanout: time from an inference node's result callback to delivery on every socket,
 * against the real edge (wrangler dev, workerd), for 1, 100 and 1,000 sockets of one user and
 * for 1,000 users with one socket each; and frames per second sustained. Bench sockets behave like
 * the extension's (they parse every message and acknowledge). Side rows, in the same run: 1,000
 * sockets straight to the worker behind wrangler dev's reload proxy, and 1,000 sockets that offer
 * per-message deflate as browsers do (see SocketKind). And the floor: 1,000 sockets of a Durable
 * Object that does nothing but send (edge/bench/fanout-floor.ts: no auth, no signature, no storage,
 * no sequence numbers), through wrangler dev and direct, to show what workerd and the sockets
 * alone cost on this machine.
 */

import { execSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { ackDelayMs, type ServerMessage } from '@veneer/shared/protocol';
import { signBody } from '@veneer/shared/signing';
import PlainWebSocket from 'ws';
import { type Edge, freePort, startEdge, startFanoutFloor } from '../stack/index.ts';
import { percentile, type Row, report, round } from './bench-report.ts';
import { startJobSink } from './job-sink.ts';

const nodeSecret = randomBytes(24).toString('hex');
const relaxed = { perMinute: 1_000_000, burst: 100_000 };
const sink = await startJobSink();
const edge = await startEdge({
  port: await freePort(),
  inferenceNodeUrl: sink.url,
  nodeSecret,
  tokenSecret: randomBytes(24).toString('hex'),
  vars: {
    RATE_LIMITS: JSON.stringify({
      user: { jobs: relaxed, connect: relaxed },
      ip: { register: relaxed, jobs: relaxed, connect: relaxed },
    }),
  },
});
/** Where requests and sockets go: wrangler dev's address, or (for one comparison row) the worker behind it. */
let base = edge.url;

async function register(): Promise<{ userId: string; token: string }> {
  const response = await fetch(`${base}/v1/register`, { method: 'POST' });
  return response.json() as Promise<{ userId: string; token: string }>;
}

/**
 * How a bench socket connects. `plain` is what every client gets from the deployed edge, which
 * declines per-message deflate (compatibility flag no_web_socket_compression). `deflate` is Node's
 * built-in WebSocket, which offers deflate as browsers do: wrangler dev's entry worker (Miniflare's,
 * in front of ours, absent in production) accepts that offer itself, so only this row pays for it.
 */
type SocketKind = 'plain' | 'deflate';

/** A socket that acknowledges like the extension (ackDelayMs() after a frame) and resolves waiters. */
async function openSocket(token: string, kind: SocketKind = 'plain') {
  const url = `${base.replace('http', 'ws')}/v1/connect?token=${token}&session=${crypto.randomUUID()}`;
  const socket =
    kind === 'plain' ? new PlainWebSocket(url, { perMessageDeflate: false }) : new WebSocket(url);
  /** When each frame (`kind jobId`) arrived, taken as the message is handled. */
  const seen = new Map<string, number>();
  const waiters = new Map<string, (at: number) => void>();
  let frames = 0;
  let lastSeq = 0;
  let ackTimer: ReturnType<typeof setTimeout> | undefined;
  socket.addEventListener('message', (event: { data: unknown }) => {
    const at = performance.now();
    const message = JSON.parse(String(event.data)) as ServerMessage;
    if (message.kind !== 'frames') return;
    for (const frame of message.frames) {
      lastSeq = Math.max(lastSeq, frame.seq);
      if (frame.kind === 'done') frames++;
      const key = `${frame.kind} ${frame.jobId}`;
      seen.set(key, at);
      waiters.get(key)?.(at);
      waiters.delete(key);
    }
    ackTimer ??= setTimeout(() => {
      ackTimer = undefined;
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify({ kind: 'ack', seq: lastSeq }));
    }, ackDelayMs());
  });
  await new Promise((resolve, reject) => {
    socket.addEventListener('open', resolve, { once: true });
    socket.addEventListener('error', reject, { once: true });
  });
  return {
    close: () => {
      clearTimeout(ackTimer);
      socket.close();
    },
    frames: () => frames,
    /** Resolves with the time a frame of this kind for this job arrived (at once if it has). */
    waitFor: (jobId: string, frameKind: 'queued' | 'done' = 'done'): Promise<number> => {
      const key = `${frameKind} ${jobId}`;
      const at = seen.get(key);
      if (at !== undefined) return Promise.resolve(at);
      return new Promise<number>((resolve) => waiters.set(key, resolve));
    },
  };
}
type BenchSocket = Awaited<ReturnType<typeof openSocket>>;

async function openSockets(tokens: string[], kind: SocketKind = 'plain'): Promise<BenchSocket[]> {
  const sockets: BenchSocket[] = [];
  for (let i = 0; i < tokens.length; i += 50)
    sockets.push(...(await Promise.all(tokens.slice(i, i + 50).map((t) => openSocket(t, kind)))));
  return sockets;
}

async function postJob(token: string, url: string) {
  const response = await fetch(`${base}/v1/jobs`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ type: 'faces', image: { kind: 'url', url } }),
  });
  if (response.status !== 202) throw new Error(`job answered ${response.status}: ${await response.text()}`);
}

async function postDone(jobId: string) {
  const body = JSON.stringify({
    status: 'done',
    jobId,
    result: { type: 'faces', model: 'ultraface-rfb-320', width: 640, height: 480, faces: [] },
  });
  const response = await fetch(`${base}/v1/results`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'veneer-signature': await signBody(nodeSecret, body) },
    body,
  });
  if (!response.ok) throw new Error(`callback answered ${response.status}`);
  await response.body?.cancel();
}

/** Joins `tokens` to one new job, then measures callback -> frame on the first and on every socket. */
async function oneRound(tokens: string[], sockets: BenchSocket[]): Promise<{ first: number; all: number }> {
  const url = `https://images.example/${crypto.randomUUID()}.jpg`;
  const forwarded = sink.expect(url);
  await postJob(tokens[0]!, url);
  const jobId = await forwarded;
  for (let i = 1; i < tokens.length; i += 100)
    await Promise.all(tokens.slice(i, i + 100).map((t) => postJob(t, url)));
  // Each result is timed after this job's `queued` frame has reached every socket. Acks go out
  // as the extension sends them, so some rounds meet a wave of them, as a busy user's hub would.
  await Promise.all(sockets.map((s) => s.waitFor(jobId, 'queued')));
  await new Promise((resolve) => setTimeout(resolve, 50));
  const started = performance.now();
  const arrived = Promise.all(sockets.map((s) => s.waitFor(jobId)));
  await postDone(jobId);
  const times = (await arrived).map((at) => at - started);
  return { first: Math.min(...times), all: Math.max(...times) };
}

async function sustained(token: string, sockets: BenchSocket[], callbacks: number): Promise<number> {
  const jobs: string[] = [];
  for (let i = 0; i < callbacks; i++) {
    const url = `https://images.example/${crypto.randomUUID()}.jpg`;
    const forwarded = sink.expect(url);
    await postJob(token, url);
    jobs.push(await forwarded);
  }
  await Promise.all(jobs.flatMap((jobId) => sockets.map((s) => s.waitFor(jobId, 'queued'))));
  await new Promise((resolve) => setTimeout(resolve, 50));
  const before = sockets.reduce((n, s) => n + s.frames(), 0);
  const arrived = Promise.all(jobs.flatMap((jobId) => sockets.map((s) => s.waitFor(jobId))));
  const started = performance.now();
  for (let i = 0; i < jobs.length; i += 8) await Promise.all(jobs.slice(i, i + 8).map(postDone));
  await arrived;
  const seconds = (performance.now() - started) / 1000;
  return (sockets.reduce((n, s) => n + s.frames(), 0) - before) / seconds;
}

/**
 * One round on the floor worker: the same frames message the hub sends for a faces result, POSTed
 * to it and sent as it is to every socket.
 */
async function floorRound(sockets: BenchSocket[], seq: number): Promise<{ first: number; all: number }> {
  const jobId = randomBytes(32).toString('hex');
  const message: ServerMessage = {
    kind: 'frames',
    frames: [
      {
        seq,
        kind: 'done',
        jobId,
        result: { type: 'faces', model: 'ultraface-rfb-320', width: 640, height: 480, faces: [] },
      },
    ],
  };
  await new Promise((resolve) => setTimeout(resolve, 50));
  const started = performance.now();
  const arrived = Promise.all(sockets.map((s) => s.waitFor(jobId)));
  const response = await fetch(`${base}/send`, { method: 'POST', body: JSON.stringify(message) });
  if (!response.ok) throw new Error(`the floor worker answered ${response.status}`);
  await response.body?.cancel();
  const times = (await arrived).map((at) => at - started);
  return { first: Math.min(...times), all: Math.max(...times) };
}

/** 1,000 sockets on the floor worker, through wrangler dev and direct to workerd. */
async function floorRows(): Promise<Row[]> {
  const floor = await startFanoutFloor();
  const out: Row[] = [];
  try {
    for (const [label, url] of [
      ['floor: 1,000 sockets of a Durable Object that only sends', floor.url],
      [
        'floor: 1,000 sockets of a Durable Object that only sends, direct to workerd',
        await innerWorkerUrl(floor),
      ],
    ] as const) {
      base = url;
      const sockets = await openSockets(Array.from({ length: 1000 }, () => 'floor'));
      let seq = 1;
      await floorRound(sockets, seq++); // warm-up
      const times: Array<{ first: number; all: number }> = [];
      for (let i = 0; i < 30; i++) times.push(await floorRound(sockets, seq++));
      const perSecond = times.map((t) => (1000 / t.all) * 1000);
      out.push(row(label, times, percentile(perSecond, 50)));
      console.log(`${label}: done`);
      for (const s of sockets) s.close();
    }
  } finally {
    await floor.stop();
  }
  return out;
}

/** p50/p99 until every socket has the frame (the goal's figure), and p50 until the first has it. */
function row(label: string, times: Array<{ first: number; all: number }>, framesPerS: number): Row {
  const all = times.map((t) => t.all);
  return {
    case: label,
    p50_ms: round(percentile(all, 50)),
    p99_ms: round(percentile(all, 99)),
    first_p50_ms: round(
      percentile(
        times.map((t) => t.first),
        50,
      ),
    ),
    frames_per_s: Math.round(framesPerS),
  };
}

/** 1,000 users with one socket each, all waiting for the same job. */
async function manyUsers(): Promise<Row> {
  const users: Array<{ token: string }> = [];
  for (let i = 0; i < 1000; i += 50) users.push(...(await Promise.all(Array.from({ length: 50 }, register))));
  const sockets = await openSockets(users.map((u) => u.token));
  const tokens = users.map((u) => u.token);
  await oneRound(tokens, sockets);
  const times: Array<{ first: number; all: number }> = [];
  for (let i = 0; i < 8; i++) times.push(await oneRound(tokens, sockets));
  for (const s of sockets) s.close();
  const perSecond = times.map((t) => (1000 / t.all) * 1000);
  return row('1,000 users, one socket each', times, percentile(perSecond, 50));
}

const rows: Row[] = [];
try {
  const direct = await innerWorkerUrl(edge);
  for (const [count, rounds, label, url, kind] of [
    [1, 40, '1 socket, one user', edge.url, 'plain'],
    [100, 40, '100 sockets, one user', edge.url, 'plain'],
    [1000, 30, '1,000 sockets, one user', edge.url, 'plain'],
    [1000, 30, '1,000 sockets, one user, direct to workerd', direct, 'plain'],
    [1000, 30, '1,000 sockets, one user, deflate offered', edge.url, 'deflate'],
  ] as const) {
    if (process.env.FANOUT_ONLY && !label.includes(process.env.FANOUT_ONLY)) continue;
    base = url;
    const user = await register();
    const sockets = await openSockets(
      Array.from({ length: count }, () => user.token),
      kind,
    );
    await oneRound([user.token], sockets); // warm-up
    const times: Array<{ first: number; all: number }> = [];
    for (let i = 0; i < rounds; i++) times.push(await oneRound([user.token], sockets));
    const framesPerS = await sustained(user.token, sockets, count >= 1000 ? 40 : 100);
    rows.push(row(label, times, framesPerS));
    console.log(`${label}: done`);
    for (const s of sockets) s.close();
  }

  base = edge.url;
  if (!process.env.FANOUT_ONLY || '1,000 users, one socket each'.includes(process.env.FANOUT_ONLY)) {
    rows.push(await manyUsers());
  }
  if (!process.env.FANOUT_ONLY || 'floor'.includes(process.env.FANOUT_ONLY))
    rows.push(...(await floorRows()));
  report('fanout', rows);
} finally {
  await edge.stop();
  await sink.stop();
}

/**
 * wrangler dev relays every request and WebSocket message through a reload proxy that production
 * does not have. The user worker itself listens on another loopback port of the same process
 * group: find it (it answers /health with a request id) to measure the edge without the relay.
 */
async function innerWorkerUrl(edge: Edge): Promise<string> {
  const pids = execSync(`ps -o pid= -g ${edge.pid}`).toString().trim().split(/\s+/);
  const listening = execSync('ss -ltnpH').toString().split('\n');
  for (const line of listening) {
    if (!pids.some((pid) => line.includes(`pid=${pid},`))) continue;
    const port = /127\.0\.0\.1:(\d+)/.exec(line)?.[1];
    if (!port || Number(port) === edge.port) continue;
    const response = await fetch(`http://127.0.0.1:${port}/health`, {
      signal: AbortSignal.timeout(1000),
    }).catch(() => null);
    // The edge stamps every answer with a request id; the floor worker answers "fanout floor".
    if (response?.ok && (response.headers.get('x-request-id') || (await response.text()) === 'fanout floor'))
      return `http://127.0.0.1:${port}`;
  }
  throw new Error('could not find the worker behind wrangler dev');
}
