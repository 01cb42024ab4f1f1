import { env } from 'cloudflare:test';
import { afterEach, describe, expect, it } from 'vitest';
import {
  BACKUP_NODE,
  FAKE_NODE,
  fakeInferenceNode,
  healNodes,
  postJob,
  register,
  urlJob,
} from '../test-support/edge-client.ts';
import { configuredNodes, weightedOrder } from './node-list.ts';

afterEach(healNodes);

const registry = () => env.NODE_REGISTRY.get(env.NODE_REGISTRY.idFromName('nodes'));
const down = () => {
  throw new TypeError('connection refused');
};
const accepts = () => new Response(null, { status: 202 });

describe('node list', () => {
  it('reads JSON with weights, comma-separated URLs, or the single URL', () => {
    expect(
      configuredNodes({
        INFERENCE_NODES: '[{"url":"https://a","weight":2},{"url":"https://b"}]',
        INFERENCE_NODE_URL: '',
      }),
    ).toEqual([
      { url: 'https://a', weight: 2 },
      { url: 'https://b', weight: 1 },
    ]);
    expect(configuredNodes({ INFERENCE_NODES: 'https://a, https://b', INFERENCE_NODE_URL: '' })).toHaveLength(
      2,
    );
    expect(configuredNodes({ INFERENCE_NODES: '', INFERENCE_NODE_URL: 'https://only' })).toEqual([
      { url: 'https://only', weight: 1 },
    ]);
  });

  it('puts nodes first in proportion to their weight', () => {
    let seed = 42;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const nodes = [
      { url: 'a', weight: 3 },
      { url: 'b', weight: 1 },
    ];
    let aFirst = 0;
    for (let i = 0; i < 4000; i++) if (weightedOrder(nodes, random)[0]!.url === 'a') aFirst++;
    expect(aFirst / 4000).toBeGreaterThan(0.7);
    expect(aFirst / 4000).toBeLessThan(0.8);
  });
});

describe('forwarding with failover', () => {
  it('retries a failed forward on another node and routes around the failed one', async () => {
    const received = fakeInferenceNode(down, accepts);
    const { token } = await register();
    expect((await postJob(token, urlJob())).status).toBe(202);
    expect(received.map((r) => new URL(r.url).origin)).toEqual([FAKE_NODE, BACKUP_NODE]);
    expect(await registry().status()).toEqual({
      [FAKE_NODE]: { healthy: false, failures: 1 },
      [BACKUP_NODE]: { healthy: true, failures: 0 },
    });
    for (let i = 0; i < 3; i++) expect((await postJob(token, urlJob())).status).toBe(202);
    expect(received.slice(2).map((r) => new URL(r.url).origin)).toEqual([
      BACKUP_NODE,
      BACKUP_NODE,
      BACKUP_NODE,
    ]);
  });

  it('brings a node back once its health check passes', async () => {
    fakeInferenceNode(down, accepts);
    const { token } = await register();
    await postJob(token, urlJob());
    expect((await registry().status())[FAKE_NODE]!.healthy).toBe(false);
    await healNodes();
    expect((await registry().status())[FAKE_NODE]).toEqual({ healthy: true, failures: 0 });
    const received = fakeInferenceNode();
    await postJob(token, urlJob());
    expect(new URL(received[0]!.url).origin).toBe(FAKE_NODE);
  });

  it("believes a node's own refusal and does not try another", async () => {
    const received = fakeInferenceNode(() =>
      Response.json(
        { error: { code: 'not_an_image', message: 'the file is not an image' } },
        { status: 422 },
      ),
    );
    const { token } = await register();
    const response = await postJob(token, urlJob());
    expect(response.status).toBe(422);
    expect(received).toHaveLength(1);
    expect((await registry().status())[FAKE_NODE]!.healthy).toBe(true);
  });
});
