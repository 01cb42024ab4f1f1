import type { OnDeviceModels } from './on-device-models.ts';

let thumbModelsWarm: Promise<void> | null = null;

/**
 * The on-device models, run in this document with onnxruntime-web (Chrome's offscreen document,
 * Firefox's background page, the lab page). Each model's code loads when first used.
 */
export const localModels: OnDeviceModels = {
  checkTexts: (checks, texts) =>
    import('../lib/local-text.ts').then((m) => m.checkTextsLocally(checks, texts)),
  hashImages: (images) => import('../lib/local-image-hash.ts').then((m) => m.hashImagesLocally(images)),
  nsfwImages: (images) => import('../lib/local-nsfw.ts').then((m) => m.classifyImagesLocally(images)),
  detectObjects: (images) => import('../lib/local-objects.ts').then((m) => m.detectObjectsLocally(images)),
  detectFaces: (image) => import('../lib/local-faces.ts').then((m) => m.detectFacesLocally(image)),
  thumbInstantScore: (image, title, feedUrls) =>
    import('../lib/thumb-instant-score.ts').then((m) => m.scoreThumbnailLocally(image, title, feedUrls)),
  warmThumbModels() {
    // Once per document: warming runs a whole score.
    thumbModelsWarm ??= import('../lib/thumb-instant-score.ts')
      .then((m) => m.warmThumbnailModels())
      .catch((error: unknown) => {
        thumbModelsWarm = null;
        throw error;
      });
    return thumbModelsWarm;
  },
};
