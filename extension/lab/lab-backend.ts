import type { ImageRef, JobFrame } from '@veneer/shared/protocol';
import type { InstantScore } from '../lib/thumb-instant-score.ts';

/** What the thumbnail lab needs from the rest of the extension (the real one talks to the background). */
export interface LabBackend {
  /** The instant score of a candidate file, on this device. */
  instantScore(file: Blob, title: string): Promise<InstantScore>;
  /** Asks for the deep score; its frames come to `onFrame`. Resolves with why it cannot, or null. */
  requestDeepScore(clientRef: string, image: ImageRef, title: string): Promise<string | null>;
  onFrame(listener: (clientRef: string, frame: JobFrame) => void): void;
  /** Stores the candidates for the youtube.com preview and opens it. */
  openPreview(preview: {
    title: string;
    channel: string;
    avatar: string;
    candidates: Array<{ id: string; name: string; dataUrl: string }>;
  }): Promise<void>;
}
