import type { Filter, TextClassifier } from '@veneer/shared/filters';
import type { FacesResult, ImageRef, JobFrame } from '@veneer/shared/protocol';
import type { PageReport } from '../content/page-report.ts';
import type { InstantScore } from './thumb-instant-score.ts';

/** Content script -> background: analyse one image for faces. `clientRef` names it in the reply. */
export interface AnalyzeFacesRequest {
  type: 'veneer:analyze-faces';
  clientRef: string;
  image: ImageRef;
}
export type AnalyzeFacesResponse = { ok: true; jobId: string } | { ok: false; code: string; message: string };

/**
 * Content script -> background: read the text inside one image (the inference node's OCR; only
 * with cloud processing on). The result comes back as a job frame for `clientRef`.
 */
export interface ReadImageTextRequest {
  type: 'veneer:read-image-text';
  clientRef: string;
  image: ImageRef;
}

/** Content script -> background -> (Chrome) offscreen document: perceptual hashes of images, on this device. */
export interface ImageHashRequest {
  type: 'veneer:image-hash';
  images: ImageRef[];
}
export type ImageHashResponse = { ok: true; hashes: Array<string | null> } | { ok: false; message: string };
export interface LocalImageHashRequest extends Omit<ImageHashRequest, 'type'> {
  type: 'veneer:local-image-hash';
}

/** Content script -> background -> (Chrome) offscreen document: what the on-device image model sees. */
export interface NsfwImagesRequest {
  type: 'veneer:nsfw-images';
  images: ImageRef[];
}
export type NsfwImagesResponse =
  | { ok: true; scores: Array<Record<'drawing' | 'hentai' | 'neutral' | 'porn' | 'sexy', number> | null> }
  | { ok: false; message: string };
export interface LocalNsfwImagesRequest extends Omit<NsfwImagesRequest, 'type'> {
  type: 'veneer:local-nsfw-images';
}

/** Content script -> background -> (Chrome) offscreen document: COCO objects in images, on this device. */
export interface ObjectsImagesRequest {
  type: 'veneer:objects-images';
  images: ImageRef[];
}
export type ObjectsImagesResponse =
  | { ok: true; objects: Array<Array<{ label: string; score: number }> | null> }
  | { ok: false; message: string };
export interface LocalObjectsImagesRequest extends Omit<ObjectsImagesRequest, 'type'> {
  type: 'veneer:local-objects-images';
}

/** Context menu (or a test) -> background: make a filter that hides images like this one. */
export interface HideImagesLikeRequest {
  type: 'veneer:hide-images-like';
  srcUrl: string;
  pageUrl?: string;
}
export type HideImagesLikeResponse =
  | { ok: true; filterId: string; hash: string }
  | { ok: false; message: string };

/** Background -> the content script that asked: a pushed frame of its job (queued, running, done, failed). */
export interface JobFrameMessage {
  type: 'veneer:job-frame';
  clientRef: string;
  frame: JobFrame;
}

/** Background -> offscreen document: detect faces on this device. */
export interface LocalFacesRequest {
  type: 'veneer:local-faces';
  image: ImageRef;
}
export type LocalFacesResponse = { ok: true; result: FacesResult } | { ok: false; message: string };

/**
 * Content script -> background -> (Chrome) offscreen document: judge post texts with some of
 * Veneer's own classifiers, on this device. One request runs every classifier a feed needs over
 * the same texts: they cross the page's main thread once, and their features are computed once.
 */
export interface ClassifyTextRequest {
  type: 'veneer:classify-text';
  tasks: TextClassifier[];
  texts: string[];
}
export type ClassifyTextResponse =
  | {
      ok: true;
      /** Probability of the positive class, per task (in the request's order), per text. */
      probabilities: number[][];
      /** Time per text and task. */
      msPerText: number;
    }
  | { ok: false; message: string };

/** Background -> offscreen document: the same request, to run there. */
export interface LocalClassifyTextRequest extends Omit<ClassifyTextRequest, 'type'> {
  type: 'veneer:local-classify-text';
}

/** Content script -> background, whenever the page's report changes; kept per tab for the popup. */
export interface PageReportMessage {
  type: 'veneer:page-report';
  report: PageReport;
}

/** Options page -> each tab's content script: how many of the posts there would this filter change? */
export interface PreviewRequest {
  type: 'veneer:preview';
  filter: Filter;
}
export interface PreviewResponse {
  host: string;
  matched: number;
  total: number;
}

/** Popup or options page -> a tab's content script. */
export type ContentRequest =
  | { type: 'veneer:show-hidden' }
  | { type: 'veneer:get-page-report' }
  | { type: 'veneer:feed-stats' }
  | PreviewRequest;

/** Popup -> background: the user enabled a Mastodon instance and its host permission is granted. */
export interface MastodonEnabledMessage {
  type: 'veneer:mastodon-enabled';
  host: string;
}

/** Popup -> background. */
export interface StatusRequest {
  type: 'veneer:status';
}
export interface StatusResponse {
  edgeUrl: string;
  userId: string | null;
  socket: 'connected' | 'connecting' | 'offline';
  lastError: string | null;
  cloudProcessing: boolean;
  /** Set while no inference node can be reached and images are checked on this device instead. */
  onDevice: string | null;
}

/** Thumbnail lab (its page or the Studio panel) -> background -> (Chrome) offscreen: one candidate's instant score. */
export interface ThumbInstantRequest {
  type: 'veneer:thumb-instant';
  image: ImageRef;
  title: string;
}
export type ThumbInstantResponse = { ok: true; score: InstantScore } | { ok: false; message: string };
export interface LocalThumbInstantRequest extends Omit<ThumbInstantRequest, 'type'> {
  type: 'veneer:local-thumb-instant';
  /** The home feed's thumbnails to compare with (fewer than four: the reference set is used). */
  feedUrls: string[];
}

/** Background -> offscreen document: load the instant score's models now (a lab is open). */
export interface LocalThumbWarmRequest {
  type: 'veneer:local-thumb-warm';
}

/**
 * Thumbnail lab -> background: get ready to score on this device. On Chrome the background makes
 * sure the offscreen document is up and the lab then sends it the image itself (`direct`: one
 * hop instead of two for a few hundred kB of base64); on Firefox the background scores it.
 */
export interface ThumbPrepareRequest {
  type: 'veneer:thumb-prepare';
}
export type ThumbPrepareResponse =
  | { ok: true; direct: boolean; feedUrls: string[] }
  | { ok: false; message: string };

/**
 * Thumbnail lab -> background: the deep score on the inference node (cloud processing only). Its
 * frames come back as `veneer:job-frame` for `clientRef`.
 */
export interface ThumbDeepRequest {
  type: 'veneer:thumb-deep';
  clientRef: string;
  image: ImageRef;
  title: string;
}

/** YouTube content script -> background: the thumbnails of the home feed the user is looking at. */
export interface FeedThumbnailsMessage {
  type: 'veneer:feed-thumbnails';
  urls: string[];
}

export type BackgroundRequest =
  | AnalyzeFacesRequest
  | ObjectsImagesRequest
  | NsfwImagesRequest
  | ImageHashRequest
  | HideImagesLikeRequest
  | ReadImageTextRequest
  | ClassifyTextRequest
  | StatusRequest
  | PageReportMessage
  | MastodonEnabledMessage
  | ThumbInstantRequest
  | ThumbPrepareRequest
  | ThumbDeepRequest
  | FeedThumbnailsMessage;
