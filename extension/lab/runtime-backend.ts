import { browser } from 'wxt/browser';
import type {
  AnalyzeFacesResponse,
  JobFrameMessage,
  ThumbDeepRequest,
  ThumbInstantRequest,
  ThumbInstantResponse,
} from '../lib/messages.ts';
import { THUMB_PREVIEW_STORAGE_KEY, ThumbPreviewSchema } from '../lib/storage-keys.ts';
import type { LabBackend } from './lab-backend.ts';

/** The lab's backend in the extension: the background worker scores, routes pushed frames, stores the preview. */
export function runtimeBackend(): LabBackend {
  return {
    async instantScore(image, title) {
      const request: ThumbInstantRequest = { type: 'veneer:thumb-instant', image, title };
      const response = (await browser.runtime.sendMessage(request)) as ThumbInstantResponse | undefined;
      if (!response) throw new Error('Veneer did not answer; reload the page');
      if (!response.ok) throw new Error(response.message);
      return response.score;
    },
    async requestDeepScore(clientRef, image, title) {
      const request: ThumbDeepRequest = { type: 'veneer:thumb-deep', clientRef, image, title };
      const response = (await browser.runtime.sendMessage(request)) as AnalyzeFacesResponse | undefined;
      if (!response) return 'Veneer did not answer';
      return response.ok ? null : response.message;
    },
    onFrame(listener) {
      browser.runtime.onMessage.addListener((message: JobFrameMessage) => {
        if (message?.type === 'veneer:job-frame') listener(message.clientRef, message.frame);
        return undefined;
      });
    },
    async openPreview(preview) {
      await browser.storage.local.set({ [THUMB_PREVIEW_STORAGE_KEY]: ThumbPreviewSchema.parse(preview) });
      window.open('https://www.youtube.com/', '_blank');
    },
  };
}
