import { ultrafaceFaces, ultrafaceInput } from '@veneer/shared/models';
import type { FacesResult } from '@veneer/shared/protocol';
import { inspectImage, resizeToRgb } from '../images/decode.ts';
import { FaceDetector } from './face-detector.ts';

/** UltraFace over any image: decode and stretch on the main thread (libvips, async), infer on the pool. */
export class UltraFaceDetector extends FaceDetector {
  async detect(bytes: Uint8Array): Promise<FacesResult> {
    const info = await inspectImage(bytes, this.maxPixels);
    const [, , height, width] = this.spec.input.shape as [number, number, number, number];
    const rgb = await resizeToRgb(bytes, width, height, this.maxPixels);
    const outputs = await this.pool.run({
      [this.spec.input.name]: { data: ultrafaceInput(rgb, width, height), dims: [1, 3, height, width] },
    });
    const faces = ultrafaceFaces(outputs.scores!.data, outputs.boxes!.data);
    return { type: 'faces', model: this.spec.id, width: info.width, height: info.height, faces };
  }
}
