import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ImageHost,
  type InferenceNode,
  type RedisServer,
  startImageHost,
  startInferenceNode,
  startRedis,
} from '../stack/index.ts';
import { startCallbackReceiver } from './callback-receiver.ts';

const secret = randomBytes(24).toString('hex');
let redis: RedisServer;
let images: ImageHost;
let receiver: Awaited<ReturnType<typeof startCallbackReceiver>>;
const nodes: InferenceNode[] = [];

/** A node on the shared Redis, with short locks so crashes are noticed within seconds. */
async function node(env: Record<string, string> = {}): Promise<InferenceNode> {
  const started = await startInferenceNode({
    redisUrl: redis.url,
    edgeUrl: receiver.url,
    secret,
    fetchAllow: [images.hostPort],
    extraCaFile: images.caFile,
    env: { LOCK_DURATION_MS: '2000', ...env },
  });
  nodes.push(started);
  return started;
}

beforeAll(async () => {
  [redis, images, receiver] = await Promise.all([
    startRedis(),
    startImageHost(),
    startCallbackReceiver(secret),
  ]);
});

afterAll(async () => {
  for (const n of nodes) await n.kill();
  await Promise.all([redis?.stop(), images?.stop(), receiver?.stop()]);
});

async function post(
  target: InferenceNode,
  url: string,
  jobId = randomUUID(),
  priority?: 'interactive' | 'bulk',
) {
  const response = await fetch(`${target.url}/jobs`, {
    method: 'POST',
    headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
    body: JSON.stringify({ jobId, job: { type: 'faces', image: { kind: 'url', url }, priority } }),
  });
  expect(response.status).toBe(202);
  return jobId;
}

const outcomes = (jobId: string) =>
  receiver.received.filter((r) => r.jobId === jobId && r.status !== 'running');
const fetchStarted = (path: string) =>
  expect.poll(() => images.requests.filter((r) => r === path).length, { timeout: 15_000 }).toBeGreaterThan(0);

async function metric(target: InferenceNode, name: string): Promise<number> {
  const text = await (await fetch(`${target.url}/metrics`)).text();
  return Number(
    text
      .split('\n')
      .find((l) => l.startsWith(name))
      ?.split(' ')
      .pop() ?? 0,
  );
}

describe('inference node reliability (real Redis, real nodes)', () => {
  it('a SIGKILLed node loses no job: another node takes it over within seconds', async () => {
    const crashing = await node();
    const jobId = await post(crashing, `${images.origin}/slow/3000/faces/2.jpg`);
    await fetchStarted('/slow/3000/faces/2.jpg');
    await crashing.kill();
    const survivor = await node();
    const started = Date.now();
    await receiver.waitFor(jobId, 30_000);
    console.log(`taken over and finished ${Date.now() - started} ms after the survivor started`);
    expect(outcomes(jobId)).toHaveLength(1);
    expect(outcomes(jobId)[0]!.status).toBe('done');
    await survivor.stop();
  });

  it('SIGTERM lets the running job finish before the node exits', async () => {
    const stopping = await node();
    const jobId = await post(stopping, `${images.origin}/slow/2000/faces/3.jpg`);
    await fetchStarted('/slow/2000/faces/3.jpg');
    await stopping.stop(30_000);
    expect(outcomes(jobId).map((o) => o.status)).toEqual(['done']);
  });

  it('runs interactive jobs ahead of bulk jobs already waiting', async () => {
    const single = await node({ JOB_CONCURRENCY: '1' });
    const bulk: string[] = [];
    for (const file of ['faces/1.jpg', 'images/skimage_astronaut.png', 'images/skimage_camera.png']) {
      bulk.push(await post(single, `${images.origin}/slow/800/${file}`, randomUUID(), 'bulk'));
    }
    const urgent = await post(
      single,
      `${images.origin}/images/wikimedia_penguin.jpg`,
      randomUUID(),
      'interactive',
    );
    for (const jobId of [...bulk, urgent]) await receiver.waitFor(jobId, 30_000);
    const order = receiver.received
      .filter((r) => r.status !== 'running' && [...bulk, urgent].includes(r.jobId))
      .map((r) => r.jobId);
    // The first bulk job was already running; the interactive one comes right after it.
    expect(order.indexOf(urgent)).toBe(1);
    await single.stop();
  });

  it('infers the same image once, however it is addressed', async () => {
    const target = await node();
    const hits = await metric(target, 'veneer_result_cache_total{outcome="hit"}');
    const first = await post(target, `${images.origin}/images/pillow_hopper.jpg`);
    await receiver.waitFor(first);
    const second = await post(
      target,
      `${images.origin}/redirect?to=${encodeURIComponent('/images/pillow_hopper.jpg')}`,
    );
    await receiver.waitFor(second);
    expect(await metric(target, 'veneer_result_cache_total{outcome="hit"}')).toBe(hits + 1);
    const [a, b] = [outcomes(first)[0], outcomes(second)[0]];
    expect(a?.status === 'done' && b?.status === 'done' && a.result).toEqual(
      b?.status === 'done' && b.result,
    );
    await target.stop();
  });
});
