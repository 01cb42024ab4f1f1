import { afterEach, describe, expect, it } from 'vitest';
import {
  call,
  fakeInferenceNode,
  healNodes,
  openSocket,
  postJob,
  postResult,
  register,
  urlJob,
} from '../test-support/edge-client.ts';

afterEach(healNodes);

const sha = (c: string) => c.repeat(64);
const embedResult = (sha256: string) => ({
  type: 'embed',
  model: 'clip-stand-in',
  standIn: true,
  sha256,
  embedding: Array.from({ length: 512 }, () => 1 / Math.sqrt(512)),
  texts: [],
});
const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** A user who had an image embedded: its job asked, its result delivered through the edge. */
async function userWithEmbedded(sha256: string) {
  const user = await register();
  const socket = await openSocket(user.token);
  const response = await postJob(user.token, urlJob().replace('"faces"', '"embed"'));
  const { jobId } = (await response.json()) as { jobId: string };
  await postResult({ status: 'done', jobId, result: embedResult(sha256) });
  await socket.waitForFrames(2);
  return user;
}

describe('POST /v1/embeddings/search', () => {
  it("asks a node to search only among this user's images, never another user's", async () => {
    fakeInferenceNode();
    const alice = await userWithEmbedded(sha('a'));
    await userWithEmbedded(sha('b'));
    const received = fakeInferenceNode(() =>
      json({ model: 'clip-stand-in', standIn: true, matches: [{ sha256: sha('a'), similarity: 1 }] }),
    );
    const response = await call('POST', '/v1/embeddings/search', alice.token, {
      sha256: sha('a'),
      within: [sha('b')],
    });
    expect(response.status, await response.clone().text()).toBe(200);
    expect(await response.json()).toEqual({
      model: 'clip-stand-in',
      standIn: true,
      matches: [{ sha256: sha('a'), similarity: 1 }],
    });
    expect(received).toHaveLength(1);
    expect(new URL(received[0]!.url).pathname).toBe('/embeddings/search');
    // The scope is the edge's record of Alice's images; the `within` she sent is not read.
    expect(received[0]!.body).toEqual({
      sha256: sha('a'),
      within: [sha('a')],
      limit: 10,
      minSimilarity: 0.8,
    });
  });

  it('answers 404 for an image the user never had embedded, even one another user had', async () => {
    fakeInferenceNode();
    const alice = await userWithEmbedded(sha('c'));
    await userWithEmbedded(sha('d'));
    const received = fakeInferenceNode();
    const response = await call('POST', '/v1/embeddings/search', alice.token, { sha256: sha('d') });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: 'not_found' } });
    expect(received).toHaveLength(0);
  });

  it('refuses bad queries with a message, and asks for a token', async () => {
    const { token } = await register();
    expect((await call('POST', '/v1/embeddings/search', null, { sha256: sha('e') })).status).toBe(401);
    const both = await call('POST', '/v1/embeddings/search', token, {
      sha256: sha('e'),
      embedding: Array(512).fill(0),
    });
    expect(both.status).toBe(400);
    expect(await both.json()).toMatchObject({ error: { message: expect.stringMatching(/either sha256/) } });
    expect((await call('POST', '/v1/embeddings/search', token, { sha256: 'not-hex' })).status).toBe(400);
    expect((await call('POST', '/v1/embeddings/search', token, { embedding: [1, 2] })).status).toBe(400);
  });
});
