import type { Filter } from '@veneer/shared/filters/matching';
import type { FacesResult, ImageRef, JobFrame } from '@veneer/shared/protocol';
import { defineExtensionMessaging } from '@webext-core/messaging';
import type { PostAccount } from '../background/accounts.ts';
import type { Marked, PostMark } from '../background/learning.ts';
import type { SharedList } from '../background/shared-lists.ts';
import type { Subscription } from '../background/subscriptions.ts';
import type { FeedStatsSnapshot } from '../content/feed-stats.ts';
import type { PageReport } from '../content/page-report.ts';
import type { FeedConfig } from '../lib/feed-config.ts';
import type { InstantScore } from '../lib/thumb-instant-score.ts';
import type { DetectedObjects, NsfwScores, OnDeviceModels, TextCheckAnswers } from './on-device-models.ts';

/**
 * Every message of the extension, one map per receiver: the request's type fixes its answer's
 * type at compile time, and a failure is a thrown Error on the asking side (its message is the
 * notice a person sees). Extension pages and the background talk through
 * @webext-core/messaging; feed pages send the same requests over one long-lived port
 * (page-channel.ts), which measured five times cheaper per message on the page's main thread.
 */

/** Where a cloud job's frames go: the asking tab's frame, or an extension page. */
export interface CloudAnswer {
  jobId: string;
}

/** Faces in an image: found on this device at once, or by a cloud job whose frames follow. */
export type FacesAnswer = { device: FacesResult } | { cloud: CloudAnswer };

export interface Status {
  edgeUrl: string;
  userId: string | null;
  socket: 'connected' | 'connecting' | 'offline';
  lastError: string | null;
  cloudProcessing: boolean;
  /** Set while images are checked on this device only (cloud processing off, or no server). */
  onDevice: string | null;
}

export interface ThumbPreparation {
  /** Chrome: the offscreen document is up; the lab may send it candidates itself (one hop, not two). */
  direct: boolean;
  feedUrls: string[];
}

export interface PreviewAnswer {
  host: string;
  matched: number;
  total: number;
}

/** Requests to the background, from feed pages (over their port) and extension pages. */
export interface BackgroundProtocol {
  checkTexts(data: { checks: string[]; texts: string[] }): TextCheckAnswers;
  hashImages(data: { images: ImageRef[] }): Array<string | null>;
  nsfwImages(data: { images: ImageRef[] }): Array<NsfwScores | null>;
  detectObjects(data: { images: ImageRef[] }): Array<DetectedObjects | null>;
  /** Faces in an image, for blurring: in the cloud with cloud processing on, else on this device. */
  facesIn(data: { clientRef: string; image: ImageRef }): FacesAnswer;
  /** Text inside an image (the inference node's OCR): cloud processing only. */
  readImageText(data: { clientRef: string; image: ImageRef }): CloudAnswer;
  thumbPrepare(): ThumbPreparation;
  thumbInstantScore(data: { image: ImageRef; title: string }): InstantScore;
  /** The deep score on the inference node: cloud processing only. */
  thumbDeepScore(data: { clientRef: string; image: ImageRef; title: string }): CloudAnswer;
  /** The feed pages' filters and settings, published now. */
  feedConfig(): FeedConfig;
  pageReport(data: PageReport): void;
  feedThumbnails(data: { urls: string[] }): void;
  /** "Hide images like this": the image joins the example-image filter. */
  hideImagesLike(data: { srcUrl: string; pageUrl?: string }): { filterId: string; hash: string };
  mastodonEnabled(data: { host: string }): void;
  /** Filter lists subscribed to by address (background/subscriptions.ts); each throws why it failed. */
  subscribeList(data: { url: string }): Subscription;
  unsubscribeList(data: { url: string }): void;
  refreshLists(): Subscription[];
  setListFilter(data: { url: string; filterId: string; on: boolean }): void;
  /** Shares some of the person's filters through Veneer's server (a new list, or a new version of `id`). */
  shareList(data: { title: string; filterIds: string[]; id?: string }): SharedList;
  /** "Always show this account" (a notice, the context menu): the account joins the allowlist. */
  alwaysShow(data: PostAccount): void;
  /** "Hide posts like this", "Hide this too", "Not this", "Show original" on a learned filter's post. */
  markPost(data: PostMark): Marked;
  /** The popup's one-click anonymous report that a site's pack stopped reading it (counts only). */
  reportBreakage(data: { adapter: string }): void;
  status(): Status;
}
export const backgroundMessenger = defineExtensionMessaging<BackgroundProtocol>();

/** The on-device models' host (Chrome's offscreen document), from the background or the lab. */
export type ModelHostProtocol = {
  [K in keyof OnDeviceModels as `model:${K}`]: (
    data: Parameters<OnDeviceModels[K]>,
  ) => Awaited<ReturnType<OnDeviceModels[K]>>;
};
export const modelHostMessenger = defineExtensionMessaging<ModelHostProtocol>();

/** From the background to the page that asked for a cloud job: each of its frames. */
export interface JobFrameProtocol {
  jobFrame(data: { clientRef: string; frame: JobFrame }): void;
}
export const jobFrameMessenger = defineExtensionMessaging<JobFrameProtocol>();

/** A post under the context menu: who posted it (empty when not known) and its text. */
export interface MenuPost extends PostAccount {
  text: string;
}

/** From the popup and the options page to a feed page. */
export interface FeedPageProtocol {
  showHidden(): { shown: number };
  getPageReport(): PageReport;
  preview(data: { filter: Filter }): PreviewAnswer;
  feedStats(): FeedStatsSnapshot;
  /** The post the context menu was last opened on (who posted it, its text); null when it is no post. */
  postUnderMenu(): MenuPost | null;
}
export const feedPageMessenger = defineExtensionMessaging<FeedPageProtocol>();

export type BackgroundRequest = keyof BackgroundProtocol;
export type RequestData<K extends BackgroundRequest> = Parameters<BackgroundProtocol[K]>[0];
export type Answer<K extends BackgroundRequest> = ReturnType<BackgroundProtocol[K]>;
