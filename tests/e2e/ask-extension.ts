import type { Page, Worker } from 'playwright-core';

export type Asked<T> = { ok: true; res: T } | { ok: false; message: string };

/**
 * Sends one of the extension's typed requests (extension/services/protocol.ts) from one of its
 * pages or its service worker, in @webext-core/messaging's wire format (`{id, type, data,
 * timestamp}`, answered `{res}` or `{err}`), to the background and offscreen document, or with
 * `tabId` to that tab's content script.
 */
export function askExtension<T>(
  from: Page | Worker,
  type: string,
  data: unknown,
  tabId?: number,
): Promise<Asked<T>> {
  return (from as Page).evaluate(
    async ({ type, data, tabId }) => {
      const message = { id: Date.now(), type, data, timestamp: Date.now() };
      const answer = (
        tabId === undefined
          ? await chrome.runtime.sendMessage(message)
          : await chrome.tabs.sendMessage(tabId, message, { frameId: 0 })
      ) as { res?: unknown; err?: { message?: string } } | undefined;
      if (!answer) return { ok: false as const, message: 'no answer' };
      if (answer.err) return { ok: false as const, message: answer.err.message ?? 'failed' };
      return { ok: true as const, res: answer.res as never };
    },
    { type, data, tabId },
  );
}
