import { type Browser, browser } from 'wxt/browser';
import type { Answer, BackgroundRequest, RequestData } from './protocol.ts';

/** The port name the background serves page requests on (serve-background.ts). */
export const PAGE_CHANNEL = 'veneer:page';

/** Page -> background over the port: `id` 0 asks for no answer. */
export interface PortRequest {
  id: number;
  type: BackgroundRequest;
  data: unknown;
}
/** Background -> page: the answer to request `id`, or the message of the error it threw. */
export type PortAnswer = { id: number; res: unknown } | { id: number; err: string };

interface Pending {
  request: PortRequest;
  resolve(answer: unknown): void;
  reject(error: Error): void;
  /** Sent again once, on a new port, when the background went away before answering. */
  retried: boolean;
}

/**
 * A feed page's requests to the background (BackgroundProtocol), typed as every other message
 * of the extension, over one long-lived port. Every one-off `runtime.sendMessage` opens and
 * closes a channel and costs the page's main thread ~0.1 ms to send and as much again to take
 * the answer; a message on an open port costs a fifth of that, and a feed sends several per
 * animation frame. When the background stops (an idle service worker is shut down) the port
 * closes: the next request opens a new one, which starts the background again, and requests it
 * had not answered are sent once more (each is safe to repeat).
 */
export class PageChannel {
  private port: Browser.runtime.Port | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly connect = () => browser.runtime.connect({ name: PAGE_CHANNEL })) {}

  /** Sends a request and resolves with the background's answer (rejects with its error). */
  request<K extends BackgroundRequest>(type: K, data: RequestData<K>): Promise<Answer<K>> {
    return new Promise((resolve, reject) => {
      const request = { id: this.nextId++, type, data };
      this.pending.set(request.id, {
        request,
        resolve: resolve as (answer: unknown) => void,
        reject,
        retried: false,
      });
      this.post(request);
    });
  }

  /** Sends a request with no answer expected. */
  notify<K extends BackgroundRequest>(type: K, data: RequestData<K>): void {
    this.post({ id: 0, type, data });
  }

  private post(request: PortRequest): void {
    try {
      this.open().postMessage(request);
    } catch (error) {
      // The extension was reloaded or removed under the page: nothing will answer.
      this.port = null;
      const pending = this.pending.get(request.id);
      this.pending.delete(request.id);
      pending?.reject(error as Error);
    }
  }

  private open(): Browser.runtime.Port {
    if (this.port) return this.port;
    const port = this.connect();
    port.onMessage.addListener((answer: PortAnswer) => {
      const pending = this.pending.get(answer.id);
      if (!pending) return;
      this.pending.delete(answer.id);
      if ('err' in answer) pending.reject(new Error(answer.err));
      else pending.resolve(answer.res);
    });
    port.onDisconnect.addListener(() => {
      if (this.port === port) this.port = null;
      for (const [id, pending] of [...this.pending]) {
        if (pending.retried) {
          this.pending.delete(id);
          pending.reject(new Error('the extension stopped before answering'));
        } else {
          pending.retried = true;
          this.post(pending.request);
        }
      }
    });
    this.port = port;
    return port;
  }
}
