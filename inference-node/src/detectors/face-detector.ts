import type { FacesResult } from '@veneer/shared/protocol';

/** A face detection model behind the `faces` job. */
export interface FaceDetector {
  readonly modelId: string;
  detect(bytes: Uint8Array): Promise<FacesResult>;
}
