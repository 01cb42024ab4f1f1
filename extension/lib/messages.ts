import type { TextClassifier } from '@veneer/shared/filters';
import type { FacesResult, ImageRef, JobFrame } from '@veneer/shared/protocol';

/** Content script -> background: analyse one image for faces. `clientRef` names it in the reply. */
export interface AnalyzeFacesRequest {
  type: 'veneer:analyze-faces';
  clientRef: string;
  image: ImageRef;
}
export type AnalyzeFacesResponse = { ok: true; jobId: string } | { ok: false; code: string; message: string };

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
 * Content script -> background -> (Chrome) offscreen document: judge post texts with one of
 * Veneer's own classifiers, on this device.
 */
export interface ClassifyTextRequest {
  type: 'veneer:classify-text';
  task: TextClassifier;
  texts: string[];
}
export type ClassifyTextResponse =
  | { ok: true; flagged: boolean[]; msPerText: number }
  | { ok: false; message: string };

/** Background -> offscreen document: the same request, to run there. */
export interface LocalClassifyTextRequest extends Omit<ClassifyTextRequest, 'type'> {
  type: 'veneer:local-classify-text';
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

export type BackgroundRequest = AnalyzeFacesRequest | ClassifyTextRequest | StatusRequest;
