import { type Browser, browser } from 'wxt/browser';
import { PAGE_CHANNEL, type PortAnswer, type PortRequest } from './page-channel.ts';
import { type Answer, type BackgroundRequest, backgroundMessenger, type RequestData } from './protocol.ts';

/** Who asked: a tab's frame (a feed page or an extension page in a tab), or an extension page. */
export interface Asker {
  tabId?: number;
  frameId: number;
  /** The asker is one of the extension's own pages (the lab), not a content script. */
  extensionPage: boolean;
}

export type BackgroundHandlers = {
  [K in BackgroundRequest]: (data: RequestData<K>, asker: Asker) => Answer<K> | Promise<Answer<K>>;
};

function askerOf(sender: Browser.runtime.MessageSender | undefined): Asker {
  return {
    tabId: sender?.tab?.id,
    frameId: sender?.frameId ?? 0,
    extensionPage: sender?.url?.startsWith(browser.runtime.getURL('/' as '/')) ?? false,
  };
}

/**
 * Serves every background request with one handler each: from extension pages as runtime
 * messages (@webext-core/messaging), from feed pages over their port (page-channel.ts).
 */
export function serveBackground(handlers: BackgroundHandlers): void {
  const handle = <K extends BackgroundRequest>(
    type: K,
    data: unknown,
    sender?: Browser.runtime.MessageSender,
  ) => (handlers[type] as (data: unknown, asker: Asker) => unknown)(data, askerOf(sender));
  for (const type of Object.keys(handlers) as BackgroundRequest[]) {
    backgroundMessenger.onMessage(type, ({ data, sender }) => handle(type, data, sender) as never);
  }
  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== PAGE_CHANNEL || !port.sender) return;
    const sender = port.sender;
    port.onMessage.addListener(({ id, type, data }: PortRequest) => {
      const reply = Object.hasOwn(handlers, type)
        ? Promise.resolve().then(() => handle(type, data, sender))
        : Promise.reject(new Error(`no request named ${String(type)}`));
      if (id === 0) {
        reply.catch(() => undefined);
        return;
      }
      void reply
        .then(
          (res): PortAnswer => ({ id, res }),
          (error: Error): PortAnswer => ({ id, err: error?.message ?? String(error) }),
        )
        .then((answer) => {
          try {
            port.postMessage(answer);
          } catch {
            // The page went away meanwhile.
          }
        });
    });
  });
}
