import type { OnDeviceModels } from './on-device-models.ts';

/**
 * The on-device models, run in this document with onnxruntime-web (Chrome's offscreen document,
 * Firefox's background page, the lab page). Each model's code loads when first used.
 */
let thumbModelsWarm: Promise<void> | null = null;

export const localModels: OnDeviceModels = {
  async classifyText(tasks, texts) {
    const { classifyTexts } = await import('../lib/local-text.ts');
    return classifyTexts(tasks, texts);
  },
  async hashImages(images) {
    const { hashImagesLocally } = await import('../lib/local-image-hash.ts');
    return hashImagesLocally(images);
  },
  async nsfwImages(images) {
    const { classifyImagesLocally } = await import('../lib/local-nsfw.ts');
    return classifyImagesLocally(images);
  },
  async detectObjects(images) {
    const { detectObjectsLocally } = await import('../lib/local-objects.ts');
    return detectObjectsLocally(images);
  },
  async detectFaces(image) {
    const { detectFacesLocally } = await import('../lib/local-faces.ts');
    return detectFacesLocally(image);
  },
  async thumbInstantScore(image, title, feedUrls) {
    const { scoreThumbnailLocally } = await import('../lib/thumb-instant-score.ts');
    return scoreThumbnailLocally(image, title, feedUrls);
  },
  warmThumbModels() {
    // Once per document: warming runs a whole score.
    thumbModelsWarm ??= import('../lib/thumb-instant-score.ts')
      .then(({ warmThumbnailModels }) => warmThumbnailModels())
      .catch((error: unknown) => {
        thumbModelsWarm = null;
        throw error;
      });
    return thumbModelsWarm;
  },
};
