import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { percentile, type Row, round } from '../bench/bench-report.ts';
import { startCallbackReceiver } from '../integration/callback-receiver.ts';
import {
  type ImageHost,
  type InferenceNode,
  isAlive,
  type RedisServer,
  startImageHost,
  startInferenceNode,
  startRedis,
  startStack,
} from '../stack/index.ts';
import { RATE_LIMITS_FOR_LOAD } from './load-limits.ts';

/**
 * Faults under load on the inference node's side: Redis restarted (append-only file on) while
 * jobs flow, and nodes killed with SIGKILL at random moments while a second one runs. Jobs go to
 * the nodes' own `POST /jobs` (as the edge sends them) and their outcomes come back to a receiver
 * that checks every signature (tests/integration/callback-receiver.ts).
 */

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Rig {
  secret: string;
  images: ImageHost;
  receiver: Awaited<ReturnType<typeof startCallbackReceiver>>;
  node(redis: RedisServer, env?: Record<string, string>): Promise<InferenceNode>;
  stop(): Promise<void>;
}

async function rig(): Promise<Rig> {
  const secret = randomBytes(24).toString('hex');
  const [images, receiver] = await Promise.all([startImageHost(), startCallbackReceiver(secret)]);
  const nodes: InferenceNode[] = [];
  return {
    secret,
    images,
    receiver,
    async node(redis, env = {}) {
      const started = await startInferenceNode({
        redisUrl: redis.url,
        edgeUrl: receiver.url,
        secret,
        fetchAllow: [images.hostPort],
        extraCaFile: images.caFile,
        // Short locks: a job whose node died is taken over within seconds.
        env: { LOCK_DURATION_MS: '2000', JOB_CONCURRENCY: '16', ...env },
      });
      nodes.push(started);
      return started;
    },
    async stop() {
      for (const node of nodes) await node.kill().catch(() => {});
      await Promise.all([images.stop(), receiver.stop()]);
    },
  };
}

/** What happened to one job id: asked until accepted, then its outcomes as they came. */
interface Sent {
  jobId: string;
  acceptedAt?: number;
  refusals: number;
}

/**
 * Sends the job to `target()` until one accepts it (202): a 503 must carry Retry-After and is asked
 * again after it; anything else (a 5xx without it, no answer) is counted as `bad_answers`.
 */
async function submit(
  target: () => InferenceNode,
  secret: string,
  url: string,
  sent: Sent,
  counts: { bad_answers: number; refusals_503: number },
  deadline: number,
): Promise<void> {
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${target().url}/jobs`, {
        method: 'POST',
        headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
        body: JSON.stringify({ jobId: sent.jobId, job: { type: 'faces', image: { kind: 'url', url } } }),
        signal: AbortSignal.timeout(15_000),
      });
      await response.body?.cancel();
      if (response.status === 202) {
        sent.acceptedAt = performance.now();
        return;
      }
      if (response.status === 503 && response.headers.get('retry-after')) {
        counts.refusals_503++;
        sent.refusals++;
        await sleep(Number(response.headers.get('retry-after')) * 100);
        continue;
      }
      counts.bad_answers++;
    } catch {
      // The node itself is gone (killed): another one is asked, as the edge's failover does.
      await sleep(200);
    }
  }
}

/** Waits until every accepted job has its outcome, or `ms` pass. */
async function settle(r: Rig, jobs: Sent[], ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  const outcomes = () =>
    new Set(r.receiver.received.filter((c) => c.status !== 'running').map((c) => c.jobId));
  while (Date.now() < deadline) {
    const done = outcomes();
    if (jobs.every((job) => job.acceptedAt === undefined || done.has(job.jobId))) return;
    await sleep(250);
  }
}

/** Accepted jobs with no outcome, and jobs with more than one. */
function tally(r: Rig, jobs: Sent[]): { lost: number; duplicated: number } {
  const finals = new Map<string, number>();
  for (const c of r.receiver.received)
    if (c.status !== 'running') finals.set(c.jobId, (finals.get(c.jobId) ?? 0) + 1);
  return {
    lost: jobs.filter((job) => job.acceptedAt !== undefined && !finals.has(job.jobId)).length,
    duplicated: jobs.filter((job) => (finals.get(job.jobId) ?? 0) > 1).length,
  };
}

/**
 * A user's session on the edge as the extension holds it: every outcome frame it receives, by job
 * id; acknowledged once a second (the hub closes a socket sending over 20 messages a second);
 * opened again after the newest frame it has if the socket closes.
 */
async function userSocket(edgeUrl: string, token: string) {
  const outcomes = new Map<string, number>();
  const failed = new Set<string>();
  const session = randomUUID();
  let lastSeq = 0;
  let acked = 0;
  let closing = false;
  let socket: WebSocket;
  const connect = () =>
    new Promise<void>((resolve, reject) => {
      socket = new WebSocket(
        `${edgeUrl.replace('http', 'ws')}/v1/connect?token=${encodeURIComponent(token)}&session=${session}&after=${lastSeq}`,
      );
      socket.onopen = () => resolve();
      socket.onerror = () => reject(new Error('the socket did not open'));
      socket.onmessage = (event) => {
        const message = JSON.parse(String(event.data)) as {
          kind: string;
          frames?: Array<{ seq: number; kind: string; jobId: string }>;
        };
        if (message.kind !== 'frames') return;
        for (const frame of message.frames ?? []) {
          if (frame.seq <= lastSeq) continue;
          lastSeq = frame.seq;
          // A result ('done'); a 'failed' frame is told apart: a job whose forwarding failed while
          // Redis was down is failed for its waiters, asked again, and then done.
          if (frame.kind === 'done') outcomes.set(frame.jobId, (outcomes.get(frame.jobId) ?? 0) + 1);
          if (frame.kind === 'failed') failed.add(frame.jobId);
        }
      };
      socket.onclose = () => {
        if (!closing) setTimeout(() => void connect().catch(() => {}), 500);
      };
    });
  await connect();
  const acks = setInterval(() => {
    if (lastSeq > acked && socket.readyState === WebSocket.OPEN) {
      socket.send(JSON.stringify({ kind: 'ack', seq: lastSeq }));
      acked = lastSeq;
    }
  }, 1000);
  return {
    outcomes,
    failed,
    close: () => {
      closing = true;
      clearInterval(acks);
      socket.close(1000);
    },
  };
}

/**
 * `redis restart`: the whole path (a user's jobs through the real edge to the node, results pushed
 * back to the user's socket) while Redis, with its append-only file (fsync on every write), is
 * killed and started again `restarts` times at the node's concurrency of 16. No accepted job is
 * lost and no result reaches the user twice (a job refused while Redis was down reaches its waiters
 * as 'failed', and its result once it is asked again: `failed_then_retried`); while Redis is down the node and the edge answer 503 with
 * Retry-After (asked again after it) and stay up; `recover_s` is how long after Redis is back a job
 * is accepted again (through the edge, whose node registry waits out its failure report).
 */
export async function redisRestart({ jobs, restarts }: { jobs: number; restarts: number }): Promise<Row> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'veneer-aof-'));
  const stack = await startStack({
    redis: { aofDir: dir },
    nodeEnv: { JOB_CONCURRENCY: '16', LOCK_DURATION_MS: '2000' },
    edgeVars: { RATE_LIMITS: JSON.stringify(RATE_LIMITS_FOR_LOAD) },
  });
  let redis = stack.redis;
  try {
    const { token } = (await (await fetch(`${stack.edge.url}/v1/register`, { method: 'POST' })).json()) as {
      token: string;
    };
    const user = await userSocket(stack.edge.url, token);
    const counts = { refusals_503: 0, bad_answers: 0 };
    const accepted = new Map<string, number>();
    const acceptedAt: number[] = [];
    const deadline = Date.now() + 10 * 60_000;
    /** One job, asked until the edge accepts it; a 503 must say when to ask again. */
    const submit = async (i: number) => {
      while (Date.now() < deadline) {
        try {
          const response = await fetch(`${stack.edge.url}/v1/jobs`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: JSON.stringify({
              type: 'faces',
              image: { kind: 'url', url: `${stack.images.origin}/slow/300/faces/2.jpg?n=${i}` },
            }),
            signal: AbortSignal.timeout(30_000),
          });
          const body = (await response.json().catch(() => null)) as { jobId?: string } | null;
          if (response.status === 202 && body?.jobId) {
            accepted.set(body.jobId, i);
            acceptedAt.push(performance.now());
            return;
          }
          if (response.status === 503 && response.headers.get('retry-after')) {
            counts.refusals_503++;
            await sleep(Number(response.headers.get('retry-after')) * 1000);
            continue;
          }
          counts.bad_answers++;
          return;
        } catch {
          counts.bad_answers++;
          return;
        }
      }
    };
    const recover: number[] = [];
    let crashes = 0;
    // 20 jobs a second, each image arriving after 300 ms.
    const producing = Promise.all(
      Array.from({ length: jobs }, async (_, i) => {
        await sleep(i * 50);
        await submit(i);
      }),
    );
    // The restarts spread evenly over the time the jobs are sent in.
    const start = performance.now();
    for (let n = 1; n <= restarts; n++) {
      await sleep(Math.max(0, start + (n * jobs * 50) / (restarts + 1) - performance.now()));
      await redis.kill();
      await sleep(1500);
      if (!isAlive(stack.node.pid) || !isAlive(stack.edge.pid)) crashes++;
      redis = await startRedis(stack.redis.port, { aofDir: dir });
      const back = performance.now();
      // Until a job is accepted again (only while some are still to be sent: else nothing would be).
      while (accepted.size < jobs && !acceptedAt.some((at) => at > back) && performance.now() - back < 60_000)
        await sleep(50);
      if (accepted.size < jobs || acceptedAt.some((at) => at > back))
        recover.push((performance.now() - back) / 1000);
    }
    await producing;
    const settleBy = Date.now() + 120_000;
    while ([...accepted.keys()].some((jobId) => !user.outcomes.has(jobId)) && Date.now() < settleBy)
      await sleep(250);
    // A little longer: a second delivery of a finished job would show now.
    await sleep(3000);
    user.close();
    if (!isAlive(stack.node.pid) || !isAlive(stack.edge.pid)) crashes++;
    return {
      case: 'redis restart',
      inputs: jobs,
      restarts,
      accepted: accepted.size,
      lost: [...accepted.keys()].filter((jobId) => !user.outcomes.has(jobId)).length,
      duplicated: [...user.outcomes.values()].filter((count) => count > 1).length,
      failed_then_retried: [...user.failed].filter((jobId) => user.outcomes.has(jobId)).length,
      refusals_503: counts.refusals_503,
      bad_answers: counts.bad_answers,
      crashes,
      recover_p50_s: round(percentile(recover, 50), 2),
      recover_max_s: round(Math.max(...recover), 2),
    };
  } finally {
    await stack.stop();
    await redis.stop().catch(() => {});
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * `kill -9`: two nodes on one Redis; `kills` times, at a random moment while jobs run, one node is
 * killed with SIGKILL and a new one started in its place. No accepted job is lost; `pickup` is how
 * long a job the killed node held waits until the other node runs it (from the kill to its outcome).
 */
export async function killNodes({
  kills,
  jobsPerRound,
}: {
  kills: number;
  jobsPerRound: number;
}): Promise<Row> {
  const r = await rig();
  const redis = await startRedis();
  try {
    const nodes = [await r.node(redis), await r.node(redis)];
    const sent: Sent[] = [];
    const counts = { bad_answers: 0, refusals_503: 0 };
    const pickups: number[] = [];
    let crashes = 0;
    for (let round = 0; round < kills; round++) {
      const batch: Sent[] = Array.from({ length: jobsPerRound }, () => ({
        jobId: randomUUID(),
        refusals: 0,
      }));
      sent.push(...batch);
      const deadline = Date.now() + 120_000;
      // Spread over both nodes; each image takes 1.5 s to arrive, so jobs are running when the kill comes.
      await Promise.all(
        batch.map((job, i) =>
          submit(
            () => nodes[i % 2]!,
            r.secret,
            `${r.images.origin}/slow/1500/faces/3.jpg?r=${round}&n=${i}`,
            job,
            counts,
            deadline,
          ),
        ),
      );
      await sleep(200 + Math.random() * 1000);
      const victim = round % 2;
      const killedAt = performance.now();
      await nodes[victim]!.kill();
      const waiting = batch.filter(
        (job) => !r.receiver.received.some((c) => c.jobId === job.jobId && c.status !== 'running'),
      );
      const replacement = r.node(redis);
      await settle(r, batch, 60_000);
      for (const job of waiting) {
        const at = await Promise.race([r.receiver.outcomeArrival(job.jobId), sleep(1).then(() => null)]);
        if (typeof at === 'number') pickups.push((at - killedAt) / 1000);
      }
      nodes[victim] = await replacement;
      if (!isAlive(nodes[1 - victim]!.pid)) crashes++;
    }
    await settle(r, sent, 60_000);
    const { lost, duplicated } = tally(r, sent);
    return {
      case: 'kill -9',
      inputs: sent.length,
      kills,
      lost,
      duplicated,
      bad_answers: counts.bad_answers,
      crashes,
      pickup_p50_s: round(percentile(pickups, 50), 2),
      pickup_p99_s: round(percentile(pickups, 99), 2),
    };
  } finally {
    await r.stop();
    await redis.stop();
  }
}
