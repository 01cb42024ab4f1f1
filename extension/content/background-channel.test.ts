import { describe, expect, it } from 'vitest';
import type { Browser } from 'wxt/browser';
import { BackgroundChannel, type ChannelAnswer, type ChannelRequest } from './background-channel.ts';

/** A fake runtime port: records what the page posted; the test answers or disconnects it. */
function fakePort() {
  const messageListeners: Array<(message: ChannelAnswer) => void> = [];
  const disconnectListeners: Array<() => void> = [];
  const port = {
    posted: [] as ChannelRequest[],
    postMessage(message: ChannelRequest) {
      port.posted.push(message);
    },
    onMessage: { addListener: (f: (message: ChannelAnswer) => void) => messageListeners.push(f) },
    onDisconnect: { addListener: (f: () => void) => disconnectListeners.push(f) },
    answer(id: number, answer: unknown) {
      for (const f of messageListeners) f({ id, answer });
    },
    disconnect() {
      for (const f of disconnectListeners) f();
    },
  };
  return port;
}

function channelWithFakePorts() {
  const ports: Array<ReturnType<typeof fakePort>> = [];
  const channel = new BackgroundChannel(() => {
    const port = fakePort();
    ports.push(port);
    return port as unknown as Browser.runtime.Port;
  });
  return { channel, ports };
}

describe('BackgroundChannel', () => {
  it('sends every request on one port and resolves each with its own answer', async () => {
    const { channel, ports } = channelWithFakePorts();
    const first = channel.request({ type: 'a' });
    const second = channel.request({ type: 'b' });
    channel.notify({ type: 'report' });
    expect(ports).toHaveLength(1);
    const [a, b, note] = ports[0]!.posted;
    expect(note).toEqual({ id: 0, message: { type: 'report' } });
    ports[0]!.answer(b!.id, 'for b');
    ports[0]!.answer(a!.id, 'for a');
    await expect(first).resolves.toBe('for a');
    await expect(second).resolves.toBe('for b');
  });

  it('sends unanswered requests again on a new port when the background goes away, once', async () => {
    const { channel, ports } = channelWithFakePorts();
    const pending = channel.request({ type: 'classify' });
    ports[0]!.disconnect();
    expect(ports).toHaveLength(2);
    expect(ports[1]!.posted[0]!.message).toEqual({ type: 'classify' });
    ports[1]!.disconnect();
    await expect(pending).rejects.toThrow('stopped before answering');
    // The next request opens a new port again.
    const later = channel.request({ type: 'again' });
    expect(ports).toHaveLength(3);
    ports[2]!.answer(ports[2]!.posted[0]!.id, 'ok');
    await expect(later).resolves.toBe('ok');
  });

  it('rejects when the extension cannot be reached at all', async () => {
    const channel = new BackgroundChannel(() => {
      throw new Error('Extension context invalidated.');
    });
    await expect(channel.request({ type: 'a' })).rejects.toThrow('Extension context invalidated.');
    expect(() => channel.notify({ type: 'report' })).not.toThrow();
  });
});
