import { browser } from 'wxt/browser';
import {
  SCORER_PAGE,
  SCORER_PORT_MESSAGE,
  type ScorerMessage,
  type ScorerRequest,
} from '../lib/scorer-frame-protocol.ts';
import type { InstantScore } from '../lib/thumb-instant-score.ts';

/** The frame did not load or stopped answering: score another way. */
export class ScorerUnavailable extends Error {}

const READY_TIMEOUT_MS = 10_000;
const SCORE_TIMEOUT_MS = 30_000;

/**
 * Embeds the scorer frame (hidden) in `container` and scores files through it
 * (lib/scorer-frame-protocol.ts). Rejects with ScorerUnavailable where the frame cannot be used
 * (a page that refuses the frame, a frame that stopped answering).
 */
export function scorerFrame(container: Node & ParentNode) {
  const frame = document.createElement('iframe');
  frame.hidden = true;
  frame.tabIndex = -1;
  frame.setAttribute('aria-hidden', 'true');
  frame.dataset.veneerScorer = '';
  const channel = new MessageChannel();
  const pending = new Map<number, { resolve: (score: InstantScore) => void; reject: (e: Error) => void }>();
  let nextId = 0;
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new ScorerUnavailable('the scorer frame did not load')),
      READY_TIMEOUT_MS,
    );
    channel.port1.addEventListener('message', ({ data }: MessageEvent<ScorerMessage>) => {
      if (data.kind === 'ready') {
        clearTimeout(timer);
        resolve();
        return;
      }
      const waiter = pending.get(data.id);
      if (!waiter) return;
      pending.delete(data.id);
      if (data.ok) waiter.resolve(data.score);
      else waiter.reject(new Error(data.message));
    });
    channel.port1.start();
    frame.addEventListener(
      'load',
      () => {
        const origin = new URL(browser.runtime.getURL('/' as '/')).origin;
        frame.contentWindow?.postMessage(SCORER_PORT_MESSAGE, origin, [channel.port2]);
      },
      { once: true },
    );
  });
  ready.catch(() => frame.remove());
  frame.src = browser.runtime.getURL(SCORER_PAGE as '/');
  container.append(frame);

  return {
    async score(file: Blob, title: string): Promise<InstantScore> {
      await ready;
      const id = ++nextId;
      return new Promise<InstantScore>((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new ScorerUnavailable('the scorer frame stopped answering'));
        }, SCORE_TIMEOUT_MS);
        pending.set(id, {
          resolve: (score) => {
            clearTimeout(timer);
            resolve(score);
          },
          reject: (error) => {
            clearTimeout(timer);
            reject(error);
          },
        });
        channel.port1.postMessage({ id, file, title } satisfies ScorerRequest);
      });
    },
  };
}
