import { signBody } from '@veneer/shared/signing';
import { describe, expect, it } from 'vitest';
import { facesResult, NODE_SECRET, openSocket, postResult, register } from '../test-support/edge-client.ts';

describe('POST /v1/results and fan-out', () => {
  it('pushes a signed result to every socket of that user and to no one else', async () => {
    const alice = await register();
    const bob = await register();
    const aliceTab1 = await openSocket(alice.token);
    const aliceTab2 = await openSocket(alice.token);
    const bobTab = await openSocket(bob.token);
    for (const s of [aliceTab1, aliceTab2, bobTab]) await s.waitFor(1);

    const response = await postResult({
      status: 'done',
      jobId: 'job-1',
      userId: alice.userId,
      result: facesResult,
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ delivered: 2 });

    for (const tab of [aliceTab1, aliceTab2]) {
      const frames = await tab.waitFor(2);
      expect(frames[0]).toEqual({ kind: 'hello', userId: alice.userId });
      expect(frames[1]).toEqual({ kind: 'done', jobId: 'job-1', result: facesResult });
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(bobTab.frames).toEqual([{ kind: 'hello', userId: bob.userId }]);
  });

  it('pushes failures as failed frames', async () => {
    const user = await register();
    const tab = await openSocket(user.token);
    const error = { code: 'not_an_image', message: 'the file is not an image' };
    await postResult({ status: 'failed', jobId: 'job-2', userId: user.userId, error });
    expect((await tab.waitFor(2))[1]).toEqual({ kind: 'failed', jobId: 'job-2', error });
  });

  it('keeps a result that finds no socket and sends it on the next connection', async () => {
    const user = await register();
    const response = await postResult({
      status: 'done',
      jobId: 'job-3',
      userId: user.userId,
      result: facesResult,
    });
    expect(await response.json()).toEqual({ delivered: 0 });
    const tab = await openSocket(user.token);
    expect((await tab.waitFor(2))[1]).toEqual({ kind: 'done', jobId: 'job-3', result: facesResult });
    const again = await openSocket(user.token);
    await again.waitFor(1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(again.frames).toHaveLength(1);
  });

  it('refuses unsigned, badly signed, stale and malformed callbacks', async () => {
    const user = await register();
    const payload = { status: 'done', jobId: 'j', userId: user.userId, result: facesResult };
    const body = JSON.stringify(payload);
    const cases: Array<[string, string, number, string]> = [
      ['unsigned', '', 401, 'bad_signature'],
      ['wrong secret', await signBody('not-the-secret', body), 401, 'bad_signature'],
      [
        'stale',
        await signBody(NODE_SECRET, body, Math.floor(Date.now() / 1000) - 3600),
        401,
        'bad_signature',
      ],
      ['garbage header', 't=x,v1=%%%', 401, 'bad_signature'],
    ];
    for (const [name, signature, status, code] of cases) {
      const response = await postResult(payload, signature);
      expect(response.status, name).toBe(status);
      expect(((await response.json()) as { error: { code: string } }).error.code, name).toBe(code);
    }
    const wrongShape = await postResult({ status: 'done', jobId: 'j' });
    expect(wrongShape.status).toBe(400);
  });
});
