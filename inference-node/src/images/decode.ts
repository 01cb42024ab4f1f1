import sharp, { type Metadata } from 'sharp';
import { ImageRefusal } from './image-refusal.ts';

const ACCEPTED_FORMATS = new Set(['jpeg', 'png', 'webp', 'gif', 'avif', 'heif', 'tiff']);

export interface ImageInfo {
  format: string;
  /** Size as displayed, after EXIF orientation. */
  width: number;
  height: number;
}

/**
 * Sniffs the bytes themselves (never a Content-Type header) and refuses anything that is not a
 * raster image, or whose pixel count is over the limit, before any pixel is decoded.
 */
export async function inspectImage(bytes: Uint8Array, maxPixels: number): Promise<ImageInfo> {
  let metadata: Metadata;
  try {
    metadata = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    throw new ImageRefusal('not_an_image', 'the file is not an image Veneer can read', 422);
  }
  const { format, width, height } = metadata;
  if (!format || !ACCEPTED_FORMATS.has(format) || !width || !height) {
    throw new ImageRefusal('not_an_image', `unsupported image format: ${format ?? 'unknown'}`, 422);
  }
  if (width * height > maxPixels) {
    throw new ImageRefusal(
      'image_too_large',
      `the image is ${width}x${height} (${width * height} pixels); the limit is ${maxPixels}`,
      413,
    );
  }
  const rotated = (metadata.orientation ?? 1) >= 5;
  return { format, width: rotated ? height : width, height: rotated ? width : height };
}

/**
 * Decodes with sharp, a file that cannot be decoded (truncated, corrupt past its header) being an
 * ImageRefusal: it can never succeed, so its job fails at once instead of being retried for minutes.
 */
export async function decoding<T>(decode: () => Promise<T>): Promise<T> {
  try {
    return await decode();
  } catch (error) {
    if (error instanceof ImageRefusal) throw error;
    throw new ImageRefusal(
      'not_an_image',
      `the image could not be decoded (${(error as Error).message.split('\n')[0]})`,
      422,
    );
  }
}

/**
 * Decodes, applies EXIF orientation and resizes to `width` x `height` interleaved RGB bytes:
 * `fill` stretches; `letterbox` keeps the aspect ratio and pads right and bottom with black;
 * `cover` scales the shorter side to fit and crops the centre (CLIP's resize + centre crop).
 */
export async function resizeToRgb(
  bytes: Uint8Array,
  width: number,
  height: number,
  maxPixels: number,
  fit: 'fill' | 'letterbox' | 'cover' = 'fill',
) {
  const { data, info } = await decoding(() =>
    sharp(bytes, { limitInputPixels: maxPixels, pages: 1 })
      .rotate()
      .resize(
        width,
        height,
        fit === 'fill'
          ? { fit: 'fill' }
          : fit === 'cover'
            ? { fit: 'cover', position: 'centre', kernel: 'cubic' }
            : { fit: 'contain', position: 'left top', background: { r: 0, g: 0, b: 0 } },
      )
      .removeAlpha()
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true }),
  );
  if (info.channels === 3) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  // Greyscale sources can come out with one channel: widen to RGB.
  const rgb = new Uint8Array(width * height * 3);
  for (let i = 0; i < width * height; i++) {
    const value = data[i * info.channels]!;
    rgb[i * 3] = value;
    rgb[i * 3 + 1] = value;
    rgb[i * 3 + 2] = value;
  }
  return rgb;
}

/**
 * Decodes to RGB with the longer side reduced to at most `longestSide` (never enlarged): the step
 * before models that resize again in their own way (nsfwjs, Human).
 */
export async function decodeWithin(
  bytes: Uint8Array,
  info: ImageInfo,
  longestSide: number,
  maxPixels: number,
): Promise<{ rgb: Uint8Array; width: number; height: number }> {
  const scale = Math.min(1, longestSide / Math.max(info.width, info.height));
  const width = Math.max(1, Math.round(info.width * scale));
  const height = Math.max(1, Math.round(info.height * scale));
  return { rgb: await resizeToRgb(bytes, width, height, maxPixels), width, height };
}
