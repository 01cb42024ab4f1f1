import { afterEach, describe, expect, it } from 'vitest';
import { BACKUP_NODE, call, fakeInferenceNode, healNodes, register } from '../test-support/edge-client.ts';

afterEach(healNodes);

const thumbnails = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    id: `t${i}`,
    url: `https://i.ytimg.com/vi/${crypto.randomUUID()}/${i}.jpg`,
  }));

const answerFor = (ids: string[]) => ({
  winner_id: ids[0],
  scores: ids.map((id, i) => ({
    id,
    score: 80 - i,
    parts: [{ name: 'faces', value: 0.8, weight: 2, detail: '1 face, the largest 12% of the image' }],
    advice: i ? ['blends into the feed'] : [],
  })),
});
const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('POST /v1/score', () => {
  it('takes thumbnail ids of any characters (an id is not part of an address: found by fuzzing)', async () => {
    const { token } = await register();
    const ids = ['thumb_1', 'vidéo 2', '𝒳 3'];
    const request = {
      title: 'A title',
      thumbnails: ids.map((id, i) => ({ id, url: `https://i.ytimg.com/vi/${crypto.randomUUID()}/${i}.jpg` })),
    };
    fakeInferenceNode(() => json(answerFor(ids)));
    const response = await call('POST', '/v1/score', token, request);
    expect(response.status, await response.clone().text()).toBe(200);
    expect(await response.json()).toEqual(answerFor(ids));
  });

  it('asks an inference node and answers the winner and each score with its parts and advice', async () => {
    const { token } = await register();
    const request = { title: 'I built a shed in 48 hours', thumbnails: thumbnails(2) };
    const received = fakeInferenceNode(() => json(answerFor(['t0', 't1'])));
    const response = await call('POST', '/v1/score', token, request);
    expect(response.status, await response.clone().text()).toBe(200);
    expect(response.headers.get('x-veneer-cache')).toBe('miss');
    expect(await response.json()).toEqual(answerFor(['t0', 't1']));
    expect(received).toHaveLength(1);
    expect(new URL(received[0]!.url).pathname).toBe('/score');
    expect(received[0]!.authorization).toBe('Bearer test-node-secret');
    expect(received[0]!.body).toEqual(request);

    // The same request again is answered from the cache, without the node.
    const again = await call('POST', '/v1/score', token, request);
    expect(again.headers.get('x-veneer-cache')).toBe('hit');
    expect(await again.json()).toEqual(answerFor(['t0', 't1']));
    expect(received).toHaveLength(1);
  });

  it('refuses bad requests with a message saying what is wrong', async () => {
    const { token } = await register();
    const cases: Array<[unknown, RegExp]> = [
      [{ title: '  ', thumbnails: thumbnails(1) }, /title is empty/],
      [{ title: 'x', thumbnails: [] }, /at least one thumbnail/],
      [{ title: 'x', thumbnails: thumbnails(7) }, /at most 6 thumbnails/],
      [{ title: 'x', thumbnails: [...thumbnails(1), ...thumbnails(1)] }, /ids must be unique/],
      [{ title: 'x', thumbnails: [{ id: 'a', url: 'file:///etc/passwd' }] }, /absolute http\(s\) URL/],
      [{ title: 'x'.repeat(101), thumbnails: thumbnails(1) }, /title/],
    ];
    for (const [body, message] of cases) {
      const response = await call('POST', '/v1/score', token, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(message);
    }
    expect((await call('POST', '/v1/score', null, { title: 'x', thumbnails: thumbnails(1) })).status).toBe(
      401,
    );
  });

  it("relays a node's refusal of one thumbnail, naming it", async () => {
    const { token } = await register();
    fakeInferenceNode(() =>
      json(
        {
          error: {
            code: 'not_an_image',
            message: 'thumbnail "t0": the file is not an image Veneer can read',
          },
        },
        422,
      ),
    );
    const response = await call('POST', '/v1/score', token, { title: 'x', thumbnails: thumbnails(1) });
    expect(response.status).toBe(422);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(
      /thumbnail "t0"/,
    );
  });

  it('fails over to another node, and answers 503 with Retry-After when none is up', async () => {
    const { token } = await register();
    const received = fakeInferenceNode(
      () => {
        throw new TypeError('connection refused');
      },
      () => json(answerFor(['t0'])),
    );
    const ok = await call('POST', '/v1/score', token, { title: 'failover', thumbnails: thumbnails(1) });
    expect(ok.status).toBe(200);
    expect(received.some((r) => r.url.startsWith(BACKUP_NODE))).toBe(true);

    fakeInferenceNode(() => {
      throw new TypeError('connection refused');
    });
    const down = await call('POST', '/v1/score', token, { title: 'down', thumbnails: thumbnails(1) });
    expect(down.status).toBe(503);
    expect(Number(down.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
