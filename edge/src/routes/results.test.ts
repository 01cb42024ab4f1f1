import { signBody } from '@veneer/shared/signing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { UserHub } from '../hub/user-hub.ts';
import {
  content,
  facesResult,
  fakeInferenceNode,
  NODE_SECRET,
  openSocket,
  postJob,
  postResult,
  register,
  settle,
  urlJob,
} from '../test-support/edge-client.ts';

afterEach(() => vi.restoreAllMocks());

/** A user with sockets open who asked for a job. */
async function waitingUser(tabs = 1, body = urlJob()) {
  const user = await register();
  const sockets = await Promise.all(Array.from({ length: tabs }, () => openSocket(user.token)));
  const response = await postJob(user.token, body);
  const { jobId } = (await response.json()) as { jobId: string };
  for (const s of sockets) await s.waitForFrames(1);
  return { user, sockets, jobId, body };
}

describe('POST /v1/results and fan-out', () => {
  it('pushes progress and the outcome to every socket of the waiting user and to no one else', async () => {
    fakeInferenceNode();
    const alice = await waitingUser(2);
    const bob = await waitingUser(1);
    await postResult({ status: 'running', jobId: alice.jobId, progress: 0.5 });
    const response = await postResult({ status: 'done', jobId: alice.jobId, result: facesResult });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ delivered: 1 });
    for (const tab of alice.sockets) {
      expect(content(await tab.waitForFrames(3))).toEqual([
        { kind: 'queued', jobId: alice.jobId },
        { kind: 'running', jobId: alice.jobId, progress: 0.5 },
        { kind: 'done', jobId: alice.jobId, result: facesResult },
      ]);
      expect(tab.frames().map((f) => f.seq)).toEqual([1, 2, 3]);
    }
    await settle();
    expect(content(bob.sockets[0]!.frames())).toEqual([{ kind: 'queued', jobId: bob.jobId }]);
  });

  it('delivers to many waiters through the fan-out tree (width 2 here): each user once, on every tab', async () => {
    fakeInferenceNode();
    const body = urlJob();
    const users = await Promise.all(Array.from({ length: 9 }, () => waitingUser(1, body)));
    const { jobId } = users[0]!;
    expect(users.every((u) => u.jobId === jobId)).toBe(true);
    const response = await postResult({ status: 'done', jobId, result: facesResult });
    expect(await response.json()).toEqual({ delivered: 9 });
    for (const { sockets } of users) {
      expect(content(await sockets[0]!.waitForFrames(2))).toEqual([
        { kind: 'queued', jobId },
        { kind: 'done', jobId, result: facesResult },
      ]);
    }
    await settle();
    // Delivered once each, and the waiters are forgotten: a late progress frame reaches nobody.
    expect(users.map((u) => u.sockets[0]!.frames().length)).toEqual(users.map(() => 2));
    expect(await (await postResult({ status: 'running', jobId })).json()).toEqual({ delivered: 0 });
  });

  it('a delivery cut short (a hub failed, as when the edge restarts) reaches every user once when the node retries', async () => {
    fakeInferenceNode();
    const body = urlJob();
    const users = await Promise.all(Array.from({ length: 3 }, () => waitingUser(1, body)));
    const { jobId } = users[0]!;
    // The first delivery reaches one hub, then fails at the next: the node's callback gets a 500.
    const realDeliver = UserHub.prototype.deliver;
    let calls = 0;
    const spy = vi.spyOn(UserHub.prototype, 'deliver').mockImplementation(async function (
      this: UserHub,
      ...args: Parameters<UserHub['deliver']>
    ) {
      if (++calls === 2) throw new Error('the edge went away');
      return realDeliver.apply(this, args);
    });
    const cut = await postResult({ status: 'done', jobId, result: facesResult });
    expect(cut.status).toBe(500);
    spy.mockRestore();
    // The node retries its callback (a new signature): every user has the result, once.
    const retried = await postResult({ status: 'done', jobId, result: facesResult });
    expect(await retried.json()).toEqual({ delivered: 3 });
    for (const { sockets } of users) await sockets[0]!.waitForFrames(2);
    await settle();
    for (const { sockets } of users) {
      expect(content(sockets[0]!.frames())).toEqual([
        { kind: 'queued', jobId },
        { kind: 'done', jobId, result: facesResult },
      ]);
    }
    // Once delivered, the waiters are forgotten.
    expect(await (await postResult({ status: 'done', jobId, result: facesResult })).json()).toEqual({
      delivered: 0,
    });
  });

  it('pushes failures as failed frames', async () => {
    fakeInferenceNode();
    const { sockets, jobId } = await waitingUser();
    const error = { code: 'not_an_image', message: 'the file is not an image' };
    await postResult({ status: 'failed', jobId, error });
    expect(content(await sockets[0]!.waitForFrames(2))[1]).toEqual({ kind: 'failed', jobId, error });
  });

  it('refuses a replayed callback (same nonce) and delivers nothing twice', async () => {
    fakeInferenceNode();
    const { sockets, jobId } = await waitingUser();
    const body = JSON.stringify({ status: 'running', jobId });
    const signature = await signBody(NODE_SECRET, body);
    expect((await postResult({ status: 'running', jobId }, signature)).status).toBe(200);
    const replay = await postResult({ status: 'running', jobId }, signature);
    expect(replay.status).toBe(409);
    expect(((await replay.json()) as { error: { code: string } }).error.code).toBe('replayed');
    await settle();
    expect(sockets[0]!.frames()).toHaveLength(2);
  });

  it('refuses unsigned, badly signed, stale and malformed callbacks', async () => {
    const payload = { status: 'done', jobId: 'j', result: facesResult };
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
      ['no nonce', (await signBody(NODE_SECRET, body)).replace(/n=[^,]+,/, ''), 401, 'bad_signature'],
      ['garbage header', 't=x,v1=%%%', 401, 'bad_signature'],
    ];
    for (const [name, signature, status, code] of cases) {
      const response = await postResult(payload, signature);
      expect(response.status, name).toBe(status);
      expect(((await response.json()) as { error: { code: string } }).error.code, name).toBe(code);
    }
    expect((await postResult({ status: 'done', jobId: 'j' })).status).toBe(400);
  });
});
