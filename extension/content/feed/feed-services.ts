import type { ImageRef } from '@veneer/shared/protocol';
import { t } from '../../lib/i18n.ts';
import { onJobFrames, runCloudJob } from '../../services/job-frames.ts';
import type { PageChannel } from '../../services/page-channel.ts';
import { imageRefFor } from '../image-source.ts';
import { blurFaces, FACES_ATTRIBUTE, markFailed, markPending, showProgress } from '../rewrite/face-blur.ts';
import type { FeedServices } from './ports.ts';

/** How long an image may take to get an address before an on-device check gives up on it. */
const IMAGE_SOURCE_WAIT_MS = 2000;

/** The images' references (null where the page could not give one in time). */
const refsOf = (images: readonly HTMLImageElement[]) =>
  Promise.all(images.map((image) => imageRefFor(image, IMAGE_SOURCE_WAIT_MS).catch(() => null)));

/** Answers for the readable refs, spread back over every image (undefined where unreadable). */
function spread<T>(refs: Array<ImageRef | null>, answers: readonly T[]): Array<T | undefined> {
  let next = 0;
  return refs.map((ref) => (ref ? answers[next++] : undefined));
}

const readable = (refs: Array<ImageRef | null>) => refs.filter((r) => r !== null);

/**
 * The feed engine's services in a feed page: every request goes to the background over the
 * page's port (on-device models run in the offscreen document or background page; cloud jobs'
 * frames come back to this page).
 */
export function pageFeedServices(channel: PageChannel): FeedServices<HTMLImageElement> {
  return {
    async checkTexts(checks, texts) {
      return (await channel.request('checkTexts', { checks: [...checks], texts: [...texts] })).answers;
    },
    async hashImages(images) {
      const refs = await refsOf(images);
      return spread(refs, await channel.request('hashImages', { images: readable(refs) }));
    },
    async lookAtImages(images, want) {
      const refs = await refsOf(images);
      const list = readable(refs);
      const problems: string[] = [];
      const ask = <T>(asked: Promise<T[]>, what: string) =>
        asked.catch((error: Error) => {
          problems.push(t('problem.onDeviceModel', { what, reason: error.message }));
          return null;
        });
      const [nsfw, objects] = await Promise.all([
        want.nsfw ? ask(channel.request('nsfwImages', { images: list }), 'image model') : null,
        want.objects ? ask(channel.request('detectObjects', { images: list }), 'object detector') : null,
      ]);
      const views = list.map((_, i) => ({ scores: nsfw?.[i] ?? null, objects: objects?.[i] ?? null }));
      return { views: spread(refs, views), problems };
    },
    async readImageText(image) {
      const ref = await imageRefFor(image);
      const result = await runCloudJob((clientRef) =>
        channel.request('readImageText', { clientRef, image: ref }),
      );
      return result.type === 'ocr' ? result.lines.map((line) => line.text) : [];
    },
    blurFaces(image) {
      if (image.hasAttribute(FACES_ATTRIBUTE)) return;
      markPending(image);
      void findFaces(channel, image).catch((error: Error) => markFailed(image, error.message));
    },
    imageKey: (image) => image.currentSrc || image.src,
  };
}

/** Faces in the image, on this device or by a cloud job (its progress shown on the image), then blurred. */
async function findFaces(channel: PageChannel, image: HTMLImageElement): Promise<void> {
  const ref = await imageRefFor(image);
  const clientRef = crypto.randomUUID();
  const outcome = new Promise<void>((resolve, reject) => {
    const stop = onJobFrames(clientRef, (frame) => {
      if (frame.kind === 'done' && frame.result.type === 'faces') blurFaces(image, frame.result);
      else if (frame.kind === 'failed') reject(new Error(frame.error.message));
      else showProgress(image, frame.kind === 'running' ? (frame.progress ?? null) : null);
      if (frame.kind === 'done') resolve();
    });
    channel.request('facesIn', { clientRef, image: ref }).then(
      (answer) => {
        if ('device' in answer) {
          stop();
          blurFaces(image, answer.device);
          resolve();
        }
      },
      (error: Error) => {
        stop();
        reject(error);
      },
    );
  });
  await outcome;
}
