import type { ModelSpec } from '@veneer/shared/models';
import type { FacesResult } from '@veneer/shared/protocol';
import type { SessionPool } from '../inference/session-pool.ts';

/** A face detection model behind the `faces` job: its registry entry, its sessions, the pixel limit. */
export abstract class FaceDetector {
  readonly modelId: string;
  protected readonly spec: ModelSpec;
  protected readonly pool: SessionPool;
  protected readonly maxPixels: number;

  constructor(spec: ModelSpec, pool: SessionPool, maxPixels: number) {
    this.spec = spec;
    this.modelId = spec.id;
    this.pool = pool;
    this.maxPixels = maxPixels;
  }

  abstract detect(bytes: Uint8Array): Promise<FacesResult>;
}
