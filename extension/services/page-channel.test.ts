import { describe, expect, it } from 'vitest';
import type { Browser } from 'wxt/browser';
import { PageChannel, type PortAnswer, type PortRequest } from './page-channel.ts';

/** A fake runtime port: records what the page posted; the test answers or disconnects it. */
function fakePort() {
  const messageListeners: Array<(message: PortAnswer) => void> = [];
  const disconnectListeners: Array<() => void> = [];
  const port = {
    posted: [] as PortRequest[],
    postMessage(message: PortRequest) {
      port.posted.push(message);
    },
    onMessage: { addListener: (f: (message: PortAnswer) => void) => messageListeners.push(f) },
    onDisconnect: { addListener: (f: () => void) => disconnectListeners.push(f) },
    answer(answer: PortAnswer) {
      for (const f of messageListeners) f(answer);
    },
    disconnect() {
      for (const f of disconnectListeners) f();
    },
  };
  return port;
}

function channelWithFakePorts() {
  const ports: Array<ReturnType<typeof fakePort>> = [];
  const channel = new PageChannel(() => {
    const port = fakePort();
    ports.push(port);
    return port as unknown as Browser.runtime.Port;
  });
  return { channel, ports };
}

const texts = { checks: ['offensive'], texts: ['hello'] };

describe('PageChannel', () => {
  it('sends every request on one port and resolves each with its own answer', async () => {
    const { channel, ports } = channelWithFakePorts();
    const first = channel.request('checkTexts', texts);
    const second = channel.request('status', undefined);
    channel.notify('feedThumbnails', { urls: [] });
    expect(ports).toHaveLength(1);
    const [a, b, note] = ports[0]!.posted;
    expect(note).toEqual({ id: 0, type: 'feedThumbnails', data: { urls: [] } });
    ports[0]!.answer({ id: b!.id, res: 'for b' });
    ports[0]!.answer({ id: a!.id, res: 'for a' });
    await expect(first).resolves.toBe('for a');
    await expect(second).resolves.toBe('for b');
  });

  it("rejects with the background's error message", async () => {
    const { channel, ports } = channelWithFakePorts();
    const asked = channel.request('readImageText', {
      clientRef: 'r',
      image: { kind: 'url', url: 'https://a/b' },
    });
    ports[0]!.answer({
      id: ports[0]!.posted[0]!.id,
      err: 'text in images is read only with cloud processing on',
    });
    await expect(asked).rejects.toThrow('only with cloud processing on');
  });

  it('sends unanswered requests again on a new port when the background goes away, once', async () => {
    const { channel, ports } = channelWithFakePorts();
    const pending = channel.request('checkTexts', texts);
    ports[0]!.disconnect();
    expect(ports).toHaveLength(2);
    expect(ports[1]!.posted[0]).toMatchObject({ type: 'checkTexts', data: texts });
    ports[1]!.disconnect();
    await expect(pending).rejects.toThrow('stopped before answering');
    // The next request opens a new port again.
    const later = channel.request('status', undefined);
    expect(ports).toHaveLength(3);
    ports[2]!.answer({ id: ports[2]!.posted[0]!.id, res: 'ok' });
    await expect(later).resolves.toBe('ok');
  });

  it('rejects when the extension cannot be reached at all', async () => {
    const channel = new PageChannel(() => {
      throw new Error('Extension context invalidated.');
    });
    await expect(channel.request('status', undefined)).rejects.toThrow('Extension context invalidated.');
    expect(() => channel.notify('feedThumbnails', { urls: [] })).not.toThrow();
  });
});
