import type { Decode, Pixels } from '@veneer/shared/models';
import { decodeWithin, type ImageInfo, resizeToRgb } from './decode.ts';

/** An image decoded as a model's definition asks (shared/src/models/definition.ts), with libvips. */
export async function decodeFor(
  bytes: Uint8Array,
  info: ImageInfo,
  decode: Decode,
  maxPixels: number,
): Promise<Pixels> {
  if ('stretch' in decode) {
    const { width, height } = decode.stretch;
    return { rgb: await resizeToRgb(bytes, width, height, maxPixels), width, height };
  }
  return decodeWithin(bytes, info, decode.within, maxPixels);
}
