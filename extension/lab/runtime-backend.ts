import { bytesToBase64 } from '@veneer/shared/base64';
import type { ImageRef } from '@veneer/shared/protocol';
import { browser } from 'wxt/browser';
import type {
  AnalyzeFacesResponse,
  JobFrameMessage,
  LocalThumbInstantRequest,
  ThumbDeepRequest,
  ThumbInstantRequest,
  ThumbInstantResponse,
  ThumbPrepareRequest,
  ThumbPrepareResponse,
} from '../lib/messages.ts';
import { THUMB_PREVIEW_STORAGE_KEY, thumbPreviewSchema } from '../lib/thumb-preview-schema.ts';
import type { LabBackend } from './lab-backend.ts';

/**
 * The lab's backend in the extension: the background worker scores (in the offscreen document),
 * routes pushed frames, stores the preview. `prepareOffscreen: false` where the page scores itself.
 */
export function runtimeBackend({ prepareOffscreen = true } = {}): LabBackend {
  const prepare = async (): Promise<ThumbPrepareResponse> => {
    const request: ThumbPrepareRequest = { type: 'veneer:thumb-prepare' };
    const response = (await browser.runtime.sendMessage(request).catch(() => undefined)) as
      | ThumbPrepareResponse
      | undefined;
    return response ?? { ok: false, message: 'Veneer did not answer; reload the page' };
  };
  // Made ready before a candidate is added, and again after each score (for the next one).
  let ready: Promise<ThumbPrepareResponse> = prepareOffscreen
    ? prepare()
    : Promise.resolve({ ok: false, message: 'not prepared' });
  return {
    async instantScore(file, title) {
      const image: ImageRef = {
        kind: 'bytes',
        mime: file.type,
        data: bytesToBase64(new Uint8Array(await file.arrayBuffer())),
      };
      let prepared = await ready;
      if (!prepared.ok) prepared = await prepare();
      ready = prepare();
      if (!prepared.ok) throw new Error(prepared.message);
      // Chrome: straight to the offscreen document, which runs the models.
      const request: ThumbInstantRequest | LocalThumbInstantRequest = prepared.direct
        ? { type: 'veneer:local-thumb-instant', image, title, feedUrls: prepared.feedUrls }
        : { type: 'veneer:thumb-instant', image, title };
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
      await browser.storage.local.set({ [THUMB_PREVIEW_STORAGE_KEY]: thumbPreviewSchema().parse(preview) });
      window.open('https://www.youtube.com/', '_blank');
    },
  };
}
