import type { ImageRef, JobFrame } from '@veneer/shared/protocol';

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
}

export type BackgroundRequest = AnalyzeFacesRequest | StatusRequest;
