import { runModel, ultrafaceModel } from '@veneer/shared/models';
import type { FacesResult } from '@veneer/shared/protocol';
import { inspectImage } from '../images/decode.ts';
import { decodeFor } from '../images/decode-for.ts';
import type { SessionPool } from '../inference/session-pool.ts';
import { FaceDetector } from './face-detector.ts';

/** Images whose longer side is over this run through the 640 x 480 model, so small faces survive. */
export const LARGE_IMAGE_SIDE = 960;

const SMALL = ultrafaceModel('ultraface-rfb-320');
const LARGE = ultrafaceModel('ultraface-rfb-640');

/**
 * UltraFace over any image, as its definition says (shared/src/models/ultraface.ts; the extension
 * runs the 320 one): decoded on the main thread (libvips, async), inferred on the pool; large
 * images use the larger model when its pool is given.
 */
export class UltraFaceDetector extends FaceDetector {
  private readonly largePool: SessionPool | undefined;

  constructor(pool: SessionPool, maxPixels: number, largePool?: SessionPool) {
    super(SMALL.spec, pool, maxPixels);
    this.largePool = largePool;
  }

  async detect(bytes: Uint8Array): Promise<FacesResult> {
    const info = await inspectImage(bytes, this.maxPixels);
    const large = this.largePool && Math.max(info.width, info.height) > LARGE_IMAGE_SIDE;
    const model = large ? LARGE : SMALL;
    const pool = large ? this.largePool! : this.pool;
    const pixels = await decodeFor(bytes, info, model.decode, this.maxPixels);
    const faces = await runModel(model, (feeds) => pool.run(feeds), pixels);
    return { type: 'faces', model: model.spec.id, width: info.width, height: info.height, faces };
  }
}
