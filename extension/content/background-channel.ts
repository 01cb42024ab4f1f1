import { type Browser, browser } from 'wxt/browser';

/** The port name the background answers page requests on (entrypoints/background.ts). */
export const PAGE_CHANNEL = 'veneer:page';

/** Content script -> background over the channel: `id` 0 asks for no answer. */
export interface ChannelRequest {
  id: number;
  message: unknown;
}
/** Background -> content script: the answer to request `id`. */
export interface ChannelAnswer {
  id: number;
  answer: unknown;
}

interface Pending {
  message: unknown;
  resolve(answer: unknown): void;
  reject(error: Error): void;
  /** Sent again once, on a new port, when the background went away before answering. */
  retried: boolean;
}

/**
 * One long-lived port from a page to the background for all its requests. Every one-off
 * `runtime.sendMessage` opens and closes a channel and costs the page's main thread ~0.1 ms to
 * send and as much again to take the answer; a message on an open port costs a fifth of that, and
 * a feed sends several per animation frame. When the background stops (an idle service worker is
 * shut down) the port closes: the next request opens a new one, which starts the background again,
 * and requests it had not answered are sent once more (each is safe to repeat).
 */
export class BackgroundChannel {
  private port: Browser.runtime.Port | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly connect = () => browser.runtime.connect({ name: PAGE_CHANNEL })) {}

  /** Sends `message` and resolves with the background's answer. */
  request<T>(message: unknown): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const id = this.nextId++;
      this.pending.set(id, {
        message,
        resolve: resolve as (answer: unknown) => void,
        reject,
        retried: false,
      });
      this.post({ id, message }, id);
    });
  }

  /** Sends `message` with no answer expected. */
  notify(message: unknown): void {
    this.post({ id: 0, message }, 0);
  }

  private post(request: ChannelRequest, id: number): void {
    try {
      this.open().postMessage(request);
    } catch (error) {
      // The extension was reloaded or removed under the page: nothing will answer.
      this.port = null;
      const pending = this.pending.get(id);
      this.pending.delete(id);
      pending?.reject(error as Error);
    }
  }

  private open(): Browser.runtime.Port {
    if (this.port) return this.port;
    const port = this.connect();
    port.onMessage.addListener((reply: ChannelAnswer) => {
      const pending = this.pending.get(reply.id);
      if (!pending) return;
      this.pending.delete(reply.id);
      pending.resolve(reply.answer);
    });
    port.onDisconnect.addListener(() => {
      if (this.port === port) this.port = null;
      for (const [id, pending] of [...this.pending]) {
        if (pending.retried) {
          this.pending.delete(id);
          pending.reject(new Error('the extension stopped before answering'));
        } else {
          pending.retried = true;
          this.post({ id, message: pending.message }, id);
        }
      }
    });
    this.port = port;
    return port;
  }
}
