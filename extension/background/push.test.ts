import type { JobFrame } from '@veneer/shared/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PushSocketOptions } from '../lib/push-socket.ts';
import type { Session } from '../lib/storage-keys.ts';
import { Push } from './push.ts';

vi.mock('wxt/browser', async () => ({ browser: (await import('wxt/testing/fake-browser')).fakeBrowser }));
const { fakeBrowser } = await import('wxt/testing/fake-browser');
const { loadPushState, savePushState } = await import('../lib/storage.ts');

const session: Session = { edgeUrl: 'https://edge.test', userId: 'u1', token: 't', expiresAt: 1e10 };
const done = (jobId: string): JobFrame => ({
  kind: 'done',
  jobId,
  result: { type: 'faces', model: 'm', width: 1, height: 1, faces: [] },
});

/** A Push over a fake socket: what it connected to, and its callbacks to play frames through. */
function setup() {
  let options: PushSocketOptions | null = null;
  const connect = vi.fn();
  const delivered: Array<[string, string]> = [];
  const push = new Push({
    deliver: (route, frame) => delivered.push([route.clientRef, frame.kind]),
    onRevoked: vi.fn(),
    session: async () => session,
    createSocket: (given) => {
      options = given;
      return { connect, close: vi.fn(), state: 'offline' as const };
    },
  });
  return { push, connect, delivered, socket: () => options! };
}

beforeEach(() => {
  fakeBrowser.reset();
  vi.useFakeTimers();
});
afterEach(() => vi.useRealTimers());

describe('Push', () => {
  it('connects as the session, resuming after the position stored for it', async () => {
    await savePushState({ owner: 'u1@https://edge.test', sessionId: 's-1', lastSeq: 41 });
    const { push, connect } = setup();
    await push.open(session);
    const [owner, urlFor, lastSeq] = connect.mock.calls[0]!;
    expect(owner).toBe('u1@https://edge.test');
    expect(lastSeq).toBe(41);
    expect(urlFor(41)).toBe('wss://edge.test/v1/connect?token=t&session=s-1&after=41');
  });

  it("sends each job's frames to the page that asked for it", () => {
    const { push, delivered, socket } = setup();
    push.track('job-1', { tabId: 1, frameId: 0, clientRef: 'c1' });
    socket().onFrame({ ...done('job-1'), seq: 1 } as never);
    socket().onFrame({ ...done('job-2'), seq: 2 } as never);
    expect(delivered).toEqual([['c1', 'done']]);
  });

  it('persists the newest position at most once a second, never going back', async () => {
    await savePushState({ owner: 'u1@https://edge.test', sessionId: 's-1', lastSeq: 10 });
    const { socket } = setup();
    socket().onPosition!(12);
    socket().onPosition!(15);
    await vi.advanceTimersByTimeAsync(999);
    expect((await loadPushState('u1@https://edge.test')).lastSeq).toBe(10);
    await vi.advanceTimersByTimeAsync(1);
    expect((await loadPushState('u1@https://edge.test')).lastSeq).toBe(15);
    socket().onPosition!(9);
    await vi.advanceTimersByTimeAsync(1000);
    expect((await loadPushState('u1@https://edge.test')).lastSeq).toBe(15);
  });
});
