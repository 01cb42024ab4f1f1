import type { ImageRef, ServerFrame } from '@veneer/shared/protocol';

/** Content script -> background: analyse one image for faces. `clientRef` names it in the reply. */
export interface AnalyzeFacesRequest {
  type: 'veneer:analyze-faces';
  clientRef: string;
  image: ImageRef;
}
export type AnalyzeFacesResponse = { ok: true; jobId: string } | { ok: false; code: string; message: string };

/** Background -> the content script that asked: the job's pushed outcome. */
export interface JobOutcomeMessage {
  type: 'veneer:job-outcome';
  clientRef: string;
  frame: Extract<ServerFrame, { kind: 'done' | 'failed' }>;
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
