import { browser } from 'wxt/browser';
import { detectFacesLocally } from '../../lib/local-faces.ts';
import { hashImagesLocally } from '../../lib/local-image-hash.ts';
import { classifyImagesLocally } from '../../lib/local-nsfw.ts';
import { detectObjectsLocally } from '../../lib/local-objects.ts';
import { classifyTexts } from '../../lib/local-text.ts';
import type {
  ClassifyTextResponse,
  ImageHashResponse,
  LocalClassifyTextRequest,
  LocalFacesRequest,
  LocalFacesResponse,
  LocalImageHashRequest,
  LocalNsfwImagesRequest,
  LocalObjectsImagesRequest,
  LocalThumbInstantRequest,
  LocalThumbWarmRequest,
  NsfwImagesResponse,
  ObjectsImagesResponse,
  ThumbInstantResponse,
} from '../../lib/messages.ts';
import { scoreThumbnailLocally, warmThumbnailModels } from '../../lib/thumb-instant-score.ts';

/** Loaded once, when the first lab opens, not for every user of the offscreen document. */
let thumbModelsWarming = false;

/** Chrome's offscreen document: runs the on-device models for the service worker, which cannot. */
browser.runtime.onMessage.addListener(
  (
    message:
      | LocalFacesRequest
      | LocalClassifyTextRequest
      | LocalImageHashRequest
      | LocalNsfwImagesRequest
      | LocalObjectsImagesRequest
      | LocalThumbInstantRequest
      | LocalThumbWarmRequest,
  ) => {
    if (message?.type === 'veneer:local-thumb-warm') {
      if (!thumbModelsWarming) {
        thumbModelsWarming = true;
        void warmThumbnailModels().catch(() => {
          thumbModelsWarming = false;
        });
      }
      return undefined;
    }
    if (message?.type === 'veneer:local-thumb-instant') {
      return scoreThumbnailLocally(message.image, message.title, message.feedUrls).then(
        (score): ThumbInstantResponse => ({ ok: true, score }),
        (error: Error): ThumbInstantResponse => ({ ok: false, message: error.message }),
      );
    }
    if (message?.type === 'veneer:local-faces') {
      return detectFacesLocally(message.image).then(
        (result): LocalFacesResponse => ({ ok: true, result }),
        (error: Error): LocalFacesResponse => ({ ok: false, message: error.message }),
      );
    }
    if (message?.type === 'veneer:local-objects-images') {
      return detectObjectsLocally(message.images).then(
        (objects): ObjectsImagesResponse => ({ ok: true, objects }),
        (error: Error): ObjectsImagesResponse => ({ ok: false, message: error.message }),
      );
    }
    if (message?.type === 'veneer:local-nsfw-images') {
      return classifyImagesLocally(message.images).then(
        (scores): NsfwImagesResponse => ({ ok: true, scores }),
        (error: Error): NsfwImagesResponse => ({ ok: false, message: error.message }),
      );
    }
    if (message?.type === 'veneer:local-image-hash') {
      return hashImagesLocally(message.images).then((hashes): ImageHashResponse => ({ ok: true, hashes }));
    }
    if (message?.type === 'veneer:local-classify-text') {
      return classifyTexts(message.tasks, message.texts).then(
        (result): ClassifyTextResponse => ({ ok: true, ...result }),
        (error: Error): ClassifyTextResponse => ({ ok: false, message: error.message }),
      );
    }
    return undefined;
  },
);
