import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ImageHost,
  type InferenceNode,
  type RedisCluster,
  startImageHost,
  startInferenceNode,
  startRedisCluster,
} from '../stack/index.ts';
import { startCallbackReceiver } from './callback-receiver.ts';

/**
 * The inference nodes on a Redis Cluster (three masters from Debian's redis-server): BullMQ's
 * queues, the result cache and the embeddings under one hash-tagged prefix (`{veneer}`), jobs
 * run, a node killed mid-job loses none of them.
 */
const secret = randomBytes(24).toString('hex');
let cluster: RedisCluster;
let images: ImageHost;
let receiver: Awaited<ReturnType<typeof startCallbackReceiver>>;
const nodes: InferenceNode[] = [];

const node = async () => {
  const started = await startInferenceNode({
    redisUrl: 'redis://unused.invalid:6379',
    edgeUrl: receiver.url,
    secret,
    fetchAllow: [images.hostPort],
    extraCaFile: images.caFile,
    env: { REDIS_CLUSTER_NODES: cluster.nodes, LOCK_DURATION_MS: '2000' },
  });
  nodes.push(started);
  return started;
};

beforeAll(async () => {
  [cluster, images] = await Promise.all([startRedisCluster(), startImageHost()]);
  receiver = await startCallbackReceiver(secret);
});

afterAll(async () => {
  for (const n of nodes) await n.kill();
  await Promise.all([cluster?.stop(), images?.stop(), receiver?.stop()]);
});

async function post(target: InferenceNode, url: string, jobId = randomUUID()): Promise<string> {
  const response = await fetch(`${target.url}/jobs`, {
    method: 'POST',
    headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
    body: JSON.stringify({ jobId, job: { type: 'faces', image: { kind: 'url', url } } }),
  });
  expect(response.status).toBe(202);
  return jobId;
}

const outcome = (jobId: string) => receiver.received.find((r) => r.jobId === jobId && r.status !== 'running');

describe('inference nodes on a Redis Cluster', () => {
  it('runs jobs, answers a repeated image from the cache, and says it is ready', async () => {
    const first = await node();
    expect(await (await fetch(`${first.url}/ready`)).json()).toMatchObject({ ready: true, redis: true });
    const jobs = await Promise.all(
      [1, 2, 3].map((face) => post(first, `${images.origin}/faces/${face}.jpg`)),
    );
    await expect.poll(() => jobs.every((jobId) => outcome(jobId)), { timeout: 60_000 }).toBe(true);
    // The same picture at another address: its result comes from the cache on the cluster.
    jobs.push(await post(first, `${images.origin}/faces/2.jpg?again=1`));
    await expect.poll(() => outcome(jobs[3]!), { timeout: 60_000 }).toBeTruthy();
    expect(jobs.map((jobId) => outcome(jobId)?.status)).toEqual(['done', 'done', 'done', 'done']);
    const metrics = await (await fetch(`${first.url}/metrics`)).text();
    expect(metrics).toMatch(/veneer_result_cache_total\{outcome="hit"\} [1-9]/);
  });

  it('a node killed mid-job loses nothing: the second one on the cluster takes it over', async () => {
    const [crashing, survivor] = [nodes[0]!, await node()];
    const jobId = await post(crashing, `${images.origin}/slow/3000/faces/2.jpg?kill=1`);
    await expect
      .poll(() => images.requests.includes('/slow/3000/faces/2.jpg'), { timeout: 15_000 })
      .toBe(true);
    await crashing.kill();
    await expect.poll(() => outcome(jobId)?.status, { timeout: 30_000 }).toBe('done');
    expect(await (await fetch(`${survivor.url}/ready`)).json()).toMatchObject({ ready: true });
  });
});
