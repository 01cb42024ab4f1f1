import { type ModelSpec, ultrafaceFaces, ultrafaceInput } from '@veneer/shared/models';
import type { FacesResult } from '@veneer/shared/protocol';
import { inspectImage, resizeToRgb } from '../images/decode.ts';
import type { SessionPool } from '../inference/session-pool.ts';
import { FaceDetector } from './face-detector.ts';

/** Images whose longer side is over this run through the 640 x 480 model, so small faces survive. */
export const LARGE_IMAGE_SIDE = 960;

/**
 * UltraFace over any image: decode and stretch on the main thread (libvips, async), infer on the
 * pool; large images use the larger model when one is given.
 */
export class UltraFaceDetector extends FaceDetector {
  private readonly large: { spec: ModelSpec; pool: SessionPool } | undefined;

  constructor(
    spec: ModelSpec,
    pool: SessionPool,
    maxPixels: number,
    large?: { spec: ModelSpec; pool: SessionPool },
  ) {
    super(spec, pool, maxPixels);
    this.large = large;
  }

  async detect(bytes: Uint8Array): Promise<FacesResult> {
    const info = await inspectImage(bytes, this.maxPixels);
    const { spec, pool } =
      this.large && Math.max(info.width, info.height) > LARGE_IMAGE_SIDE
        ? this.large
        : { spec: this.spec, pool: this.pool };
    const [, , height, width] = spec.input.shape as [number, number, number, number];
    const rgb = await resizeToRgb(bytes, width, height, this.maxPixels);
    const outputs = await pool.run({
      [spec.input.name]: { data: ultrafaceInput(rgb, width, height), dims: [1, 3, height, width] },
    });
    const faces = ultrafaceFaces(outputs.scores!.data, outputs.boxes!.data);
    return { type: 'faces', model: spec.id, width: info.width, height: info.height, faces };
  }
}
