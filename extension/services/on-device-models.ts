import type { NsfwClass } from '@veneer/shared/models';
import type { FacesResult, ImageRef } from '@veneer/shared/protocol';
import type { InstantScore } from '../lib/thumb-instant-score.ts';

export type NsfwScores = Record<NsfwClass, number>;
export type DetectedObjects = Array<{ label: string; score: number }>;

export interface TextCheckAnswers {
  /** Each check's answer (in the request's order) for each text. */
  answers: unknown[][];
  /** Time per text and check, ms. */
  msPerText: number;
}

/**
 * Veneer's on-device models, as one service: nothing sent to them leaves the device. One
 * implementation runs them in the current document (local-models.ts: Chrome's offscreen
 * document, Firefox's background page, the lab page); another reaches the offscreen document
 * from Chrome's service worker (offscreen-models.ts). model-host.ts chooses, in one place.
 * Each method answers for every input in order; an input it could not read answers null.
 */
export interface OnDeviceModels {
  /**
   * Text checks by id (shared/src/judge: Veneer's classifiers, and any other), each with its
   * model's definition. Empty `texts` loads the models and answers nothing.
   */
  checkTexts(checks: string[], texts: string[]): Promise<TextCheckAnswers>;
  /** Perceptual hashes (dHash) for "images like this". */
  hashImages(images: ImageRef[]): Promise<Array<string | null>>;
  /** nsfwjs's five class probabilities. */
  nsfwImages(images: ImageRef[]): Promise<Array<NsfwScores | null>>;
  /** COCO objects (Human's CenterNet), best first. */
  detectObjects(images: ImageRef[]): Promise<Array<DetectedObjects | null>>;
  /** Faces (UltraFace), for blurring without the cloud. */
  detectFaces(image: ImageRef): Promise<FacesResult>;
  /** The thumbnail lab's instant score of a candidate against a title and the home feed's thumbnails. */
  thumbInstantScore(image: ImageRef, title: string, feedUrls: string[]): Promise<InstantScore>;
  /** Loads the thumbnail lab's models (a lab is open). */
  warmThumbModels(): Promise<void>;
}

/** Every method, for the model host to serve and the proxy to forward. */
export const ON_DEVICE_METHODS = [
  'checkTexts',
  'hashImages',
  'nsfwImages',
  'detectObjects',
  'detectFaces',
  'thumbInstantScore',
  'warmThumbModels',
] as const satisfies ReadonlyArray<keyof OnDeviceModels>;
