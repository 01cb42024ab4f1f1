import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { percentile, type Row, round } from '../bench/bench-report.ts';
import { startStack } from '../stack/index.ts';
import { RATE_LIMITS_FOR_LOAD } from './load-limits.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Frame {
  seq: number;
  kind: string;
  jobId: string;
}

/**
 * One of the user's sessions, as the extension keeps it: it reconnects after the newest frame it
 * has (`after=`), acknowledges once a second, and records every frame in the order it came. Its
 * socket can be cut at any moment (`drop`: the TCP connection torn down, no close handshake).
 */
class Session {
  readonly id = randomUUID();
  readonly frames: Frame[] = [];
  readonly catchUps: number[] = [];
  private socket: WebSocket | null = null;
  private acked = 0;
  private closed = false;
  private readonly acks: ReturnType<typeof setInterval>;
  private readonly edgeUrl: () => string;
  private readonly token: string;
  constructor(edgeUrl: () => string, token: string) {
    this.edgeUrl = edgeUrl;
    this.token = token;
    this.acks = setInterval(() => {
      const last = this.lastSeq;
      if (last > this.acked && this.socket?.readyState === WebSocket.OPEN) {
        this.socket.send(JSON.stringify({ kind: 'ack', seq: last }));
        this.acked = last;
      }
    }, 1000);
  }

  get lastSeq(): number {
    return this.frames.at(-1)?.seq ?? 0;
  }

  connect(): void {
    if (this.closed) return;
    const opened = performance.now();
    let behind: number | null = null;
    const socket = new WebSocket(
      `${this.edgeUrl().replace('http', 'ws')}/v1/connect?token=${encodeURIComponent(this.token)}&session=${this.id}&after=${this.lastSeq}`,
    );
    this.socket = socket;
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as { kind: string; lastSeq?: number; frames?: Frame[] };
      if (message.kind === 'hello') behind = message.lastSeq ?? 0;
      for (const frame of message.frames ?? []) this.frames.push(frame);
      // Caught up: it holds every frame the edge had when it said hello.
      if (behind !== null && this.lastSeq >= behind) {
        this.catchUps.push((performance.now() - opened) / 1000);
        behind = null;
      }
    });
    socket.on('close', () => {
      if (this.socket === socket) setTimeout(() => this.connect(), 200 + Math.random() * 300);
    });
    socket.on('error', () => {});
  }

  /** The connection torn down with no close handshake (a phone losing its network). */
  drop(): void {
    this.socket?.terminate();
  }

  close(): void {
    this.closed = true;
    clearInterval(this.acks);
    const socket = this.socket;
    this.socket = null;
    socket?.close(1000);
  }
}

/**
 * `socket storm`: a user with `sessions` open sessions while `jobs` results flow to them; `drops`
 * times a random session's socket is torn down at a random moment, and halfway the edge process is
 * restarted (its Durable Objects evicted, their storage kept). Every session must end with every
 * result exactly once, in order (`lost`, `duplicated`, `out_of_order`, counted over sessions), and
 * `catch_up` is how long a reconnected session takes to hold every frame the edge had.
 */
export async function socketStorm({
  sessions,
  jobs,
  drops,
}: {
  sessions: number;
  jobs: number;
  drops: number;
}): Promise<Row> {
  const stack = await startStack({ edgeVars: { RATE_LIMITS: JSON.stringify(RATE_LIMITS_FOR_LOAD) } });
  try {
    const { token } = (await (await fetch(`${stack.edge.url}/v1/register`, { method: 'POST' })).json()) as {
      token: string;
    };
    const open = Array.from({ length: sessions }, () => new Session(() => stack.edge.url, token));
    for (const session of open) session.connect();
    await sleep(1000);
    const accepted: string[] = [];
    let bad = 0;
    const spread = Math.max(4000, drops * 60);
    const producing = Promise.all(
      Array.from({ length: jobs }, async (_, i) => {
        await sleep((i * spread) / jobs);
        for (let attempt = 0; attempt < 20; attempt++) {
          const response = await fetch(`${stack.edge.url}/v1/jobs`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: JSON.stringify({
              type: 'faces',
              image: { kind: 'url', url: `${stack.images.origin}/faces/2.jpg?storm=${i}` },
            }),
          }).catch(() => null);
          const body = (await response?.json().catch(() => null)) as { jobId?: string } | null;
          if (response?.status === 202 && body?.jobId) {
            accepted.push(body.jobId);
            return;
          }
          // The edge restarting: asked again, as the extension does.
          await sleep(500);
        }
        bad++;
      }),
    );
    const storm = (async () => {
      for (let n = 0; n < drops; n++) {
        await sleep(Math.random() * ((2 * spread) / drops));
        open[Math.floor(Math.random() * open.length)]!.drop();
        if (n === Math.floor(drops / 2)) await stack.restartEdge();
      }
    })();
    await Promise.all([producing, storm]);
    // Every session holds every result, or a minute passes.
    const complete1 = (session: Session, jobId: string) =>
      session.frames.some((f) => f.kind === 'done' && f.jobId === jobId);
    const complete = (session: Session) =>
      accepted.every((jobId) => session.frames.some((f) => f.kind === 'done' && f.jobId === jobId));
    const deadline = Date.now() + 90_000;
    while (!open.every(complete) && Date.now() < deadline) await sleep(250);
    await sleep(2000);
    for (const session of open) session.close();
    let lost = 0;
    let duplicated = 0;
    let outOfOrder = 0;
    for (const session of open) {
      const done = session.frames.filter((f) => f.kind === 'done');
      lost += accepted.filter((jobId) => !done.some((f) => f.jobId === jobId)).length;
      const seqs = session.frames.map((f) => f.seq);
      duplicated += seqs.length - new Set(seqs).size;
      duplicated += done.length - new Set(done.map((f) => f.jobId)).size;
      outOfOrder += seqs.filter((seq, i) => i > 0 && seq <= seqs[i - 1]!).length;
    }
    const catchUps = open.flatMap((s) => s.catchUps);
    // For each result missing somewhere: how many sessions lack it, and the frames any had of it.
    const missing = accepted.filter((jobId) => open.some((session) => !complete1(session, jobId)));
    const examples = missing.slice(0, 5).map((jobId) => {
      const lacking = open.filter((session) => !complete1(session, jobId)).length;
      const kinds = [
        ...new Set(open.flatMap((s) => s.frames.filter((f) => f.jobId === jobId).map((f) => f.kind))),
      ];
      return `${jobId.slice(0, 12)}: missing in ${lacking} of ${open.length} sessions; frames seen: ${kinds.join(', ') || 'none'}`;
    });
    return {
      case: 'socket storm',
      sessions,
      results: accepted.length,
      drops,
      edge_restarts: 1,
      lost,
      duplicated,
      out_of_order: outOfOrder,
      not_accepted: bad,
      catch_up_p50_s: round(percentile(catchUps, 50), 2),
      catch_up_p99_s: round(percentile(catchUps, 99), 2),
      ...(examples.length ? { missing: examples.join(' | ') } : {}),
    };
  } finally {
    await stack.stop();
  }
}
