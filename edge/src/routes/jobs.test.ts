import { env, evictAllDurableObjects } from 'cloudflare:test';
import { JobRequestSchema, MAX_JOB_BODY_BYTES } from '@veneer/shared/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { jobIdFor } from '../jobs/job-id.ts';
import { jobCoordinator } from '../stubs.ts';
import {
  content,
  facesResult,
  fakeInferenceNode,
  healNodes,
  NODE_SECRET,
  openSocket,
  postJob,
  postResult,
  register,
  settle,
  urlJob,
} from '../test-support/edge-client.ts';

afterEach(healNodes);

describe('POST /v1/jobs', () => {
  it('forwards a valid job under its content-derived id, answers 202 and pushes queued', async () => {
    const received = fakeInferenceNode();
    const { token } = await register();
    const tab = await openSocket(token);
    const body = urlJob();
    const response = await postJob(token, body);
    expect(response.status).toBe(202);
    const { jobId } = (await response.json()) as { jobId: string };
    expect(jobId).toMatch(/^j1_[0-9a-f]{64}$/);
    expect(received).toEqual([
      {
        url: 'http://fake-inference-node.test/jobs',
        authorization: `Bearer ${NODE_SECRET}`,
        body: { jobId, job: JSON.parse(body) },
      },
    ]);
    expect(content(await tab.waitForFrames(1))).toEqual([{ kind: 'queued', jobId }]);
  });

  it('runs the same job once however many users ask, and every one of them gets the result', async () => {
    const received = fakeInferenceNode();
    const body = urlJob();
    const users = await Promise.all([register(), register(), register()]);
    const tabs = await Promise.all(users.map((u) => openSocket(u.token)));
    const ids = new Set<string>();
    for (const user of users) {
      const response = await postJob(user.token, body);
      expect(response.status).toBe(202);
      ids.add(((await response.json()) as { jobId: string }).jobId);
    }
    expect(ids.size).toBe(1);
    expect(received).toHaveLength(1);
    const [jobId] = [...ids];
    const delivered = await postResult({ status: 'done', jobId, result: facesResult });
    expect(await delivered.json()).toEqual({ delivered: 3 });
    for (const tab of tabs) {
      expect(content(await tab.waitForFrames(2))).toEqual([
        { kind: 'queued', jobId },
        { kind: 'done', jobId, result: facesResult },
      ]);
    }
  });

  it('forwards again when the edge restarted before a forward was done (no job is left waiting on nothing)', async () => {
    const body = urlJob();
    const jobId = await jobIdFor(JobRequestSchema.parse(JSON.parse(body)));
    // A request was told to forward the job, then the edge went down before the node took it.
    const { userId } = await register();
    expect(await jobCoordinator(env, jobId).join(userId)).toEqual({ action: 'forward' });
    await evictAllDurableObjects();
    // The extension asks again: the job is forwarded, not left waiting for that forward.
    const received = fakeInferenceNode();
    const { token } = await register();
    const again = await postJob(token, body);
    expect(again.status).toBe(202);
    expect(((await again.json()) as { jobId: string }).jobId).toBe(jobId);
    expect(received).toHaveLength(1);
    // Once a node took it, others who ask wait for its outcome.
    const other = await register();
    expect((await postJob(other.token, body)).status).toBe(202);
    expect(received).toHaveLength(1);
  });

  it('answers a job whose result is known from the cache, pushed at once, without a node', async () => {
    const received = fakeInferenceNode();
    const body = urlJob();
    const first = await register();
    const { jobId } = (await (await postJob(first.token, body)).json()) as { jobId: string };
    await postResult({ status: 'done', jobId, result: facesResult });

    const later = await register();
    const tab = await openSocket(later.token);
    const response = await postJob(later.token, body);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ jobId, cached: true });
    expect(content(await tab.waitForFrames(1))).toEqual([{ kind: 'done', jobId, result: facesResult }]);
    expect(received).toHaveLength(1);
  });

  it.each([
    ['no token', null, urlJob(), 401, 'unauthorized'],
    ['a bad token', 'v1.abc.def', urlJob(), 401, 'unauthorized'],
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
    const received = fakeInferenceNode();
    const user = await register();
    const response = await postJob(token === 'TOKEN' ? user.token : token, body);
    expect(response.status).toBe(status);
    const json = (await response.json()) as { error: { code: string; message: string } };
    expect(json.error.code).toBe(code);
    expect(json.error.message.length).toBeGreaterThan(5);
    expect(received).toHaveLength(0);
  });

  it('refuses a body over the size limit with 413', async () => {
    fakeInferenceNode();
    const { token } = await register();
    const huge = JSON.stringify({
      type: 'faces',
      image: { kind: 'bytes', mime: 'image/png', data: 'A'.repeat(MAX_JOB_BODY_BYTES) },
    });
    const response = await postJob(token, huge);
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('body_too_large');
  });

  it("passes the node's own refusal through to the client and its sessions", async () => {
    fakeInferenceNode(() =>
      Response.json(
        { error: { code: 'blocked_address', message: 'resolves to 127.0.0.1 (loopback)' } },
        { status: 400 },
      ),
    );
    const { token } = await register();
    const tab = await openSocket(token);
    const response = await postJob(token, urlJob());
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: { code: 'blocked_address', message: 'resolves to 127.0.0.1 (loopback)' },
    });
    const frames = content(await tab.waitForFrames(2));
    expect(frames[1]).toMatchObject({ kind: 'failed', error: { code: 'blocked_address' } });
  });

  it('answers 503 with Retry-After when every node is down, and forwards again once one is back', async () => {
    const { token } = await register();
    const body = urlJob();
    const tried = fakeInferenceNode(() => {
      throw new TypeError('connection refused');
    });
    const down = await postJob(token, body);
    expect(down.status).toBe(503);
    expect(down.headers.get('retry-after')).toBe('5');
    expect(((await down.json()) as { error: { code: string } }).error.code).toBe('upstream_unavailable');
    expect(tried).toHaveLength(2);
    // Both are marked down now: the next request is answered at once, without trying them.
    const still = await postJob(token, body);
    expect(still.status).toBe(503);
    expect(Number(still.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(tried).toHaveLength(2);

    await healNodes();
    const received = fakeInferenceNode();
    expect((await postJob(token, body)).status).toBe(202);
    expect(received).toHaveLength(1);
    await settle(0);
  });
});
