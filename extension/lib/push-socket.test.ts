import { ackDelayMs, type SequencedFrame } from '@veneer/shared/protocol';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PushSocket } from './push-socket.ts';

/** A fake WebSocket the test drives by hand. */
class FakeSocket extends EventTarget {
  static readonly OPEN = 1;
  readyState = 0;
  sent: string[] = [];
  closedWith: number | null = null;
  constructor(readonly url: string) {
    super();
  }
  send(data: string) {
    this.sent.push(data);
  }
  close(code = 1000) {
    this.closedWith = code;
  }
  open() {
    this.readyState = 1;
    this.dispatchEvent(new Event('open'));
  }
  message(data: unknown) {
    this.dispatchEvent(new MessageEvent('message', { data: JSON.stringify(data) }));
  }
  drop(code = 1006) {
    this.readyState = 3;
    this.dispatchEvent(new CloseEvent('close', { code }));
  }
}

const frame = (seq: number): SequencedFrame => ({ seq, kind: 'queued', jobId: `j${seq}` });

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

function setup(lastSeq = 0) {
  vi.useFakeTimers();
  vi.stubGlobal('WebSocket', FakeSocket);
  const sockets: FakeSocket[] = [];
  const frames: number[] = [];
  const positions: number[] = [];
  let revoked = 0;
  const push = new PushSocket({
    onFrame: (f) => frames.push(f.seq),
    onPosition: (seq) => positions.push(seq),
    onRevoked: () => revoked++,
    createSocket: (url) => {
      const socket = new FakeSocket(url);
      sockets.push(socket);
      return socket as unknown as WebSocket;
    },
  });
  push.connect('user@edge', (after) => `wss://edge/v1/connect?after=${after}`, lastSeq);
  return { push, sockets, frames, positions, revoked: () => revoked };
}

describe('PushSocket', () => {
  it('resumes after the persisted position, drops duplicates and acknowledges', () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    const { sockets, frames, positions } = setup(4);
    expect(sockets[0]!.url).toBe('wss://edge/v1/connect?after=4');
    sockets[0]!.open();
    sockets[0]!.message({ kind: 'hello', userId: 'u', sessionId: 's1234567', lastSeq: 6 });
    sockets[0]!.message({ kind: 'frames', frames: [frame(4), frame(5), frame(6)] });
    sockets[0]!.message({ kind: 'frames', frames: [frame(6)] });
    expect(frames).toEqual([5, 6]);
    expect(positions.at(-1)).toBe(6);
    // One ack for the burst, after the (jittered) ack delay: acks wake the user's hub, so they
    // are seldom, and sessions do not all send theirs at the same moment.
    vi.advanceTimersByTime(ackDelayMs(() => 0.5) - 1);
    expect(sockets[0]!.sent.filter((m) => m.includes('"ack"'))).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(sockets[0]!.sent.filter((m) => m.includes('"ack"'))).toEqual([
      JSON.stringify({ kind: 'ack', seq: 6 }),
    ]);
  });

  it('reconnects after a drop from where it stopped', () => {
    const { sockets, frames } = setup();
    sockets[0]!.open();
    sockets[0]!.message({ kind: 'frames', frames: [frame(1), frame(2)] });
    sockets[0]!.drop();
    vi.advanceTimersByTime(1000);
    expect(sockets[1]!.url).toBe('wss://edge/v1/connect?after=2');
    sockets[1]!.open();
    sockets[1]!.message({ kind: 'frames', frames: [frame(2), frame(3)] });
    expect(frames).toEqual([1, 2, 3]);
  });

  it('starts over when the server numbering is behind ours, and stops on revocation', () => {
    const { sockets, frames, revoked } = setup(50);
    sockets[0]!.open();
    sockets[0]!.message({ kind: 'hello', userId: 'u', sessionId: 's1234567', lastSeq: 2 });
    sockets[0]!.message({ kind: 'frames', frames: [frame(1), frame(2)] });
    expect(frames).toEqual([1, 2]);
    sockets[0]!.drop(4001);
    vi.advanceTimersByTime(60_000);
    expect(sockets).toHaveLength(1);
    expect(revoked()).toBe(1);
  });

  it('ignores messages that are not valid', () => {
    const { sockets, frames } = setup();
    sockets[0]!.open();
    sockets[0]!.dispatchEvent(new MessageEvent('message', { data: 'not json' }));
    sockets[0]!.message({ kind: 'frames', frames: [{ seq: 'x' }] });
    expect(frames).toEqual([]);
  });
});
