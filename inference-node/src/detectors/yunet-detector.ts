import { yunetFaces, yunetInput } from '@veneer/shared/models';
import type { FacesResult } from '@veneer/shared/protocol';
import { inspectImage, resizeToRgb } from '../images/decode.ts';
import { FaceDetector } from './face-detector.ts';

/** YuNet on a letterboxed copy of the image: boxes, scores and five landmarks per face. */
export class YunetDetector extends FaceDetector {
  async detect(bytes: Uint8Array): Promise<FacesResult> {
    const info = await inspectImage(bytes, this.maxPixels);
    const size = this.spec.input.shape[3]!;
    const rgb = await resizeToRgb(bytes, size, size, this.maxPixels, 'letterbox');
    const scale = Math.min(size / info.width, size / info.height);
    const outputs = await this.pool.run({
      [this.spec.input.name]: { data: yunetInput(rgb, size), dims: [1, 3, size, size] },
    });
    const faces = yunetFaces(
      Object.fromEntries(Object.entries(outputs).map(([name, tensor]) => [name, tensor.data])),
      size,
      info.width * scale,
      info.height * scale,
    );
    return { type: 'faces', model: this.spec.id, width: info.width, height: info.height, faces };
  }
}
