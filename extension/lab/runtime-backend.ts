import { bytesToBase64 } from '@veneer/shared/base64';
import type { ImageRef, JobFrame } from '@veneer/shared/protocol';
import { browser } from 'wxt/browser';
import { t } from '../lib/i18n.ts';
import { THUMB_PREVIEW_STORAGE_KEY, thumbPreviewSchema } from '../lib/thumb-preview-schema.ts';
import { onJobFrames } from '../services/job-frames.ts';
import { backgroundMessenger, modelHostMessenger, type ThumbPreparation } from '../services/protocol.ts';
import type { LabBackend } from './lab-backend.ts';

/**
 * The lab's backend in the extension: the background scores (in the offscreen document on
 * Chrome, itself on Firefox), routes pushed frames, stores the preview. `prepareOffscreen:
 * false` where the page scores itself.
 */
export function runtimeBackend({ prepareOffscreen = true } = {}): LabBackend {
  const prepare = (): Promise<ThumbPreparation> =>
    backgroundMessenger.sendMessage('thumbPrepare', undefined).catch((error: Error) => {
      throw new Error(t('lab.noAnswer', { reason: error.message }));
    });
  // Made ready before a candidate is added, and again after each score (for the next one).
  let ready: Promise<ThumbPreparation> | null = prepareOffscreen ? prepare() : null;
  let frameListener: (clientRef: string, frame: JobFrame) => void = () => {};
  ready?.catch(() => undefined);
  return {
    async instantScore(file, title) {
      const image: ImageRef = {
        kind: 'bytes',
        mime: file.type,
        data: bytesToBase64(new Uint8Array(await file.arrayBuffer())),
      };
      const prepared = await (ready ?? prepare()).catch(prepare);
      ready = prepare();
      ready.catch(() => undefined);
      // Chrome: straight to the offscreen document, which runs the models.
      return prepared.direct
        ? modelHostMessenger.sendMessage('model:thumbInstantScore', [image, title, prepared.feedUrls])
        : backgroundMessenger.sendMessage('thumbInstantScore', { image, title });
    },
    async requestDeepScore(clientRef, image, title) {
      const stop = onJobFrames(clientRef, (frame) => frameListener(clientRef, frame));
      try {
        await backgroundMessenger.sendMessage('thumbDeepScore', { clientRef, image, title });
        return null;
      } catch (error) {
        stop();
        return (error as Error).message;
      }
    },
    onFrame(listener) {
      frameListener = listener;
    },
    async openPreview(preview) {
      await browser.storage.local.set({ [THUMB_PREVIEW_STORAGE_KEY]: thumbPreviewSchema().parse(preview) });
      window.open('https://www.youtube.com/', '_blank');
    },
  };
}
