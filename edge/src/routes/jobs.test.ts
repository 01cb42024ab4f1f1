import { MAX_JOB_BODY_BYTES } from '@veneer/shared/protocol';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { NODE_SECRET, postJob, register } from '../test-support/edge-client.ts';

const urlJob = JSON.stringify({ type: 'faces', image: { kind: 'url', url: 'https://i.redd.it/abc.jpg' } });

/** A fake inference node: records what the edge forwards and answers as told. */
function fakeInferenceNode(answer: () => Response | Promise<Response>) {
  const received: Array<{ url: string; authorization: string | null; body: unknown }> = [];
  const realFetch = globalThis.fetch;
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const request = new Request(input, init);
    if (!request.url.startsWith('http://fake-inference-node.test/')) return realFetch(input, init);
    received.push({
      url: request.url,
      authorization: request.headers.get('authorization'),
      body: await request.json(),
    });
    return answer();
  });
  return received;
}

afterEach(() => vi.restoreAllMocks());

describe('POST /v1/jobs', () => {
  it('forwards a valid job with the user id and answers 202 with the job id', async () => {
    const received = fakeInferenceNode(() => new Response(null, { status: 202 }));
    const { token, userId } = await register();
    const response = await postJob(token, urlJob);
    expect(response.status).toBe(202);
    const { jobId } = (await response.json()) as { jobId: string };
    expect(received).toHaveLength(1);
    expect(received[0]).toEqual({
      url: 'http://fake-inference-node.test/jobs',
      authorization: `Bearer ${NODE_SECRET}`,
      body: { jobId, userId, job: JSON.parse(urlJob) },
    });
  });

  it.each([
    ['no token', null, urlJob, 401, 'unauthorized'],
    ['a bad token', 'v1.abc.def', urlJob, 401, 'unauthorized'],
    ['malformed JSON', 'TOKEN', '{"type":', 400, 'bad_json'],
    ['a missing image', 'TOKEN', '{"type":"faces"}', 400, 'invalid_request'],
    [
      'a wrong-typed field',
      'TOKEN',
      '{"type":"faces","image":{"kind":"url","url":42}}',
      400,
      'invalid_request',
    ],
    [
      'an unknown job type',
      'TOKEN',
      '{"type":"mine","image":{"kind":"url","url":"https://a.b/c"}}',
      400,
      'unknown_job_type',
    ],
    [
      'a file: URL',
      'TOKEN',
      '{"type":"faces","image":{"kind":"url","url":"file:///etc/passwd"}}',
      400,
      'invalid_request',
    ],
    [
      'a non-image upload',
      'TOKEN',
      '{"type":"faces","image":{"kind":"bytes","mime":"text/html","data":"AAAA"}}',
      400,
      'invalid_request',
    ],
  ])('refuses %s with a clear error', async (_name, token, body, status, code) => {
    const received = fakeInferenceNode(() => new Response(null, { status: 202 }));
    const user = await register();
    const response = await postJob(token === 'TOKEN' ? user.token : token, body);
    expect(response.status).toBe(status);
    const json = (await response.json()) as { error: { code: string; message: string } };
    expect(json.error.code).toBe(code);
    expect(json.error.message.length).toBeGreaterThan(5);
    expect(received).toHaveLength(0);
  });

  it('refuses a body over the size limit with 413', async () => {
    fakeInferenceNode(() => new Response(null, { status: 202 }));
    const { token } = await register();
    const huge = JSON.stringify({
      type: 'faces',
      image: { kind: 'bytes', mime: 'image/png', data: 'A'.repeat(MAX_JOB_BODY_BYTES) },
    });
    const response = await postJob(token, huge);
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('body_too_large');
  });

  it("passes the node's own refusal (a blocked address) through to the client", async () => {
    fakeInferenceNode(() =>
      Response.json(
        { error: { code: 'blocked_address', message: 'resolves to 127.0.0.1 (loopback)' } },
        { status: 400 },
      ),
    );
    const { token } = await register();
    const response = await postJob(token, urlJob);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: { code: 'blocked_address', message: 'resolves to 127.0.0.1 (loopback)' },
    });
  });

  it('answers 503 with Retry-After when the node is down or failing', async () => {
    const { token } = await register();
    fakeInferenceNode(() => {
      throw new TypeError('connection refused');
    });
    const down = await postJob(token, urlJob);
    expect(down.status).toBe(503);
    expect(down.headers.get('retry-after')).toBe('5');
    vi.restoreAllMocks();
    fakeInferenceNode(() => new Response('boom', { status: 500 }));
    const failing = await postJob(token, urlJob);
    expect(failing.status).toBe(503);
    expect(((await failing.json()) as { error: { code: string } }).error.code).toBe('upstream_unavailable');
  });
});
