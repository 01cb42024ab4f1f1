import { env, evictAllDurableObjects, runInDurableObject } from 'cloudflare:test';
import { CLOSE_CODES, type JobFrame } from '@veneer/shared/protocol';
import { describe, expect, it } from 'vitest';
import { userHub } from '../stubs.ts';
import { content, openSocket, register, settle } from '../test-support/edge-client.ts';
import {
  ACK_FLUSH_MS,
  DELIVERY_MEMORY_MS,
  EMBEDDED_RETENTION_MS,
  MAX_CLIENT_MESSAGES_PER_S,
  RETENTION_MS,
  type UserHub,
} from './user-hub.ts';

const queued = (jobId: string): JobFrame => ({ kind: 'queued', jobId });

describe('UserHub: frames are numbered, kept and replayed', () => {
  it('says hello with the newest sequence, then replays what a session missed, in order', async () => {
    const { userId, token } = await register();
    const hub = userHub(env, userId);
    await hub.deliver([queued('a'), queued('b')]);
    await hub.deliver([queued('c')]);

    const fresh = await openSocket(token, { session: 'session-one' });
    await fresh.waitForFrames(3);
    expect(fresh.messages[0]).toEqual({ kind: 'hello', userId, sessionId: 'session-one', lastSeq: 3 });
    expect(fresh.frames().map((f) => [f.seq, f.jobId])).toEqual([
      [1, 'a'],
      [2, 'b'],
      [3, 'c'],
    ]);

    const resumed = await openSocket(token, { session: 'session-two', after: 2 });
    await resumed.waitForFrames(1);
    await hub.deliver([queued('d')]);
    expect((await resumed.waitForFrames(2)).map((f) => [f.seq, f.jobId])).toEqual([
      [3, 'c'],
      [4, 'd'],
    ]);
  });

  it('loses nothing across a dropped socket and sends nothing twice', async () => {
    const { userId, token } = await register();
    const hub = userHub(env, userId);
    const first = await openSocket(token, { session: 'laptop-01' });
    await hub.deliver([queued('one')]);
    const seen = await first.waitForFrames(1);
    first.socket.close(1000, 'network dropped');
    await settle(50);
    await hub.deliver([queued('two')]);
    await hub.deliver([queued('three')]);
    const again = await openSocket(token, { session: 'laptop-01', after: seen.at(-1)!.seq });
    await again.waitForFrames(2);
    await settle();
    expect(content(again.frames())).toEqual([queued('two'), queued('three')]);
  });

  it('keeps frames across eviction of the object (hibernation and restarts)', async () => {
    const { userId, token } = await register();
    await userHub(env, userId).deliver([queued('before-eviction')]);
    await evictAllDurableObjects();
    await userHub(env, userId).deliver([queued('after-eviction')]);
    const tab = await openSocket(token, { session: 'phone-0001' });
    expect(content(await tab.waitForFrames(2))).toEqual([
      queued('before-eviction'),
      queued('after-eviction'),
    ]);
    expect(tab.frames().map((f) => f.seq)).toEqual([1, 2]);
  });

  it('keeps a frame until every session has acknowledged it', async () => {
    const { userId, token } = await register();
    const hub = userHub(env, userId);
    const laptop = await openSocket(token, { session: 'laptop-02' });
    const phone = await openSocket(token, { session: 'phone-0002' });
    await hub.deliver([queued('x'), queued('y')]);
    await laptop.waitForFrames(2);
    await phone.waitForFrames(2);
    laptop.ack(2);
    await settle();
    expect((await hub.stats()).frames).toBe(2);
    phone.ack(1);
    await settle();
    expect((await hub.stats()).frames).toBe(1);
    phone.ack(2);
    await settle();
    expect(await hub.stats()).toMatchObject({ frames: 0, sessions: 2 });
    // Numbers are never reused, even once everything was pruned.
    await hub.deliver([queued('z')]);
    expect((await laptop.waitForFrames(3)).at(-1)).toMatchObject({ seq: 3, jobId: 'z' });
  });

  it('writes the acknowledgements it gathered by itself, within ACK_FLUSH_MS', async () => {
    const { userId, token } = await register();
    const hub = userHub(env, userId);
    const tabs = await Promise.all(
      Array.from({ length: 4 }, (_, i) =>
        openSocket(token, { session: `tab-${String(i).padStart(6, '0')}` }),
      ),
    );
    await hub.deliver([queued('p'), queued('q')]);
    for (const tab of tabs) {
      await tab.waitForFrames(2);
      tab.ack(2);
    }
    const storedFrames = () =>
      runInDurableObject(
        hub,
        (_instance: UserHub, state) =>
          state.storage.sql.exec<{ n: number }>('SELECT COUNT(*) AS n FROM frames').one().n,
      );
    await settle(50);
    expect(await storedFrames()).toBe(2); // gathered, not yet written
    await settle(ACK_FLUSH_MS + 200);
    expect(await storedFrames()).toBe(0);
  });

  it('drops frames and sessions older than the retention window', async () => {
    const { userId, token } = await register();
    const hub = userHub(env, userId);
    const tab = await openSocket(token, { session: 'old-device' });
    await hub.deliver([queued('ancient')]);
    await tab.waitForFrames(1);
    tab.socket.close(1000);
    await settle(50);
    await runInDurableObject(hub, async (_instance: UserHub, state) => {
      state.storage.sql.exec('UPDATE frames SET at = at - ?', RETENTION_MS + 1000);
      state.storage.sql.exec('UPDATE sessions SET seen = seen - ?', RETENTION_MS + 1000);
    });
    await runInDurableObject(hub, (instance: UserHub) => instance.alarm());
    expect(await hub.stats()).toMatchObject({ frames: 0, sessions: 0 });
  });

  it('wakes hourly only while it holds frames; for embedded images alone, when the oldest expires', async () => {
    const { userId } = await register();
    const hub = userHub(env, userId);
    const embed = (sha256: string): JobFrame => ({
      kind: 'done',
      jobId: `embed-${sha256.slice(0, 4)}`,
      result: {
        type: 'embed',
        model: 'clip-stand-in',
        standIn: true,
        sha256,
        embedding: Array(512).fill(0),
        texts: [],
      },
    });
    await hub.deliver([embed('a'.repeat(64))], 'delivery-1');
    const alarmIn = () =>
      runInDurableObject(
        hub,
        async (_instance: UserHub, state) => ((await state.storage.getAlarm()) ?? 0) - Date.now(),
      );
    expect(await alarmIn()).toBeLessThanOrEqual(60 * 60 * 1000);
    // Every frame acknowledged and the delivery forgotten: only the embedded image is left.
    await runInDurableObject(hub, async (_instance: UserHub, state) => {
      state.storage.sql.exec('DELETE FROM frames');
      state.storage.sql.exec('UPDATE deliveries SET at = at - ?', DELIVERY_MEMORY_MS + 1000);
    });
    await runInDurableObject(hub, (instance: UserHub) => instance.alarm());
    expect(await alarmIn()).toBeGreaterThan(EMBEDDED_RETENTION_MS - 60_000);
    expect(await hub.embeddedImages()).toEqual(['a'.repeat(64)]);
    // A new frame brings the alarm back within the hour.
    await hub.deliver([queued('later')]);
    expect(await alarmIn()).toBeLessThanOrEqual(60 * 60 * 1000);
  });

  it('closes a flooding socket with a clear code, and only that socket', async () => {
    const { userId, token } = await register();
    const flood = await openSocket(token);
    const calm = await openSocket(token);
    for (let i = 0; i <= MAX_CLIENT_MESSAGES_PER_S + 5; i++) flood.ack(0);
    await settle(200);
    expect(flood.closed.code).toBe(CLOSE_CODES.flood);
    expect(calm.closed.code).toBeUndefined();
    await userHub(env, userId).deliver([queued('still-here')]);
    expect(content(await calm.waitForFrames(1))).toEqual([queued('still-here')]);
  });

  it('closes a socket that sends an oversized message', async () => {
    const { token } = await register();
    const tab = await openSocket(token);
    tab.socket.send('x'.repeat(5000));
    await settle(100);
    expect(tab.closed.code).toBe(CLOSE_CODES.tooBig);
  });
});
